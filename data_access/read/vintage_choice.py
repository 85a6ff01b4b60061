"""Choose one geography vintage per period, so a table, map or pooled value never mixes two.

A store can hold the same period on two vintages — a 402 export's Cumbria and a 502 export's
Cumberland and Westmorland and Furness for 2019/20 — and adding both into North West or England
would count Cumbria twice. For each period the newest vintage any authority row is on is drawn;
authority rows not on it are set aside (England and regions are the same whatever the vintage).
Partnerships pool the members that belong to that vintage; where a former authority's area is
split between partnerships of today's footprint, no partnership can be given its share, which the
caller reports instead of guessing.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from data_access.geography import boundary_starts, former_authorities
from data_access.vintages import BY_CODE, VINTAGES, in_force_on, valid_in

_ORDER = {v.code: i for i, v in enumerate(VINTAGES)}


def in_vintage(areas: pd.DataFrame, code: str) -> pd.Series:
    """Mask of ``areas`` (code, valid_from, valid_to) that belong to vintage ``code``."""
    item = BY_CODE[code]
    starts = boundary_starts()
    first = areas["code"].map(starts).where(areas["code"].isin(starts), areas["valid_from"])
    return pd.Series([valid_in(f, t if not pd.isna(t) else None, item)
                      for f, t in zip(first, areas["valid_to"], strict=True)], index=areas.index, dtype=bool)


def vintage_of_periods(obs: pd.DataFrame, utla_codes: set[str]) -> pd.Series:
    """period → the vintage its authority rows are drawn on (the newest present; else in force at the end)."""
    if "geography" not in obs:
        obs = obs.assign(geography="")
    local = obs[obs["area_code"].isin(utla_codes) & obs["geography"].isin(list(BY_CODE))]
    newest = local.groupby("period")["geography"].agg(lambda s: max(s, key=_ORDER.__getitem__))
    ends = obs.drop_duplicates("period").set_index("period")["period_end"]
    fallback = ends.map(lambda e: in_force_on(_day(e)).code)
    return newest.reindex(fallback.index).fillna(fallback)


def keep_one_vintage(obs: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """``obs`` with a ``geography`` column set to each period's chosen vintage, and authority rows
    that are not on that vintage dropped."""
    utla = areas[areas["type"] == "utla"]
    chosen = vintage_of_periods(obs, set(utla["code"]))
    obs = obs.assign(geography=obs["period"].map(chosen))
    members = {code: set(utla.loc[in_vintage(utla, code), "code"]) for code in set(chosen)}
    is_local = obs["area_code"].isin(set(utla["code"]))
    on_vintage = pd.Series([code in members[g] for code, g in zip(obs["area_code"], obs["geography"], strict=True)],
                           index=obs.index, dtype=bool)
    return obs[~is_local | on_vintage]


def straddling(members: pd.DataFrame, areas: pd.DataFrame, vintage_code: str) -> dict[str, str]:
    """partnership code → a sentence, for partnerships whose share of a former authority of this
    vintage cannot be known (the authority's successors sit in different partnerships)."""
    utla = areas[areas["type"] == "utla"]
    on = set(utla.loc[in_vintage(utla, vintage_code), "code"])
    place = members.set_index("member_code")["partnership_code"]
    names = members.drop_duplicates("partnership_code").set_index("partnership_code")["partnership_name"]
    notes: dict[str, str] = {}
    for former in former_authorities().values():
        if former.code not in on or former.same_boundary or former.code in place.index:
            continue
        groups = sorted({place[s] for s in former.successors if s in place.index})
        if len(groups) > 1:
            for group in groups:
                others = ", ".join(names[g] for g in groups if g != group)
                notes[group] = (f"Not available on the geography of {BY_CODE[vintage_code].label}: {former.name} "
                                f"covered this partnership and {others}, and its figures cannot be divided")
    return notes


def _day(value) -> date:
    return value.date() if hasattr(value, "date") else value
