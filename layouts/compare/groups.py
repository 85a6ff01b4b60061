"""Which partnerships the ranked chart shows: a small group around the chosen one, or all of them.

125 bars are a list nobody reads on a phone. A reader who has chosen a partnership mostly wants it
against places it can fairly be compared with, so the "Show" choice picks one of four groups:

* ``rank``: the chosen partnership and the ``RANK_WINDOW`` partnerships either side of it in the ranking;
* ``similar``: the chosen partnership and its similar partnerships (``data_access.read.similar``);
* ``region``: every partnership in the chosen partnership's region;
* ``all``: every partnership (in the region filter's region, when one is chosen).

Pure functions of frames the view has read, so the choice is tested without a store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from layouts.compare.state import SHOW_ALL, SHOW_RANK, SHOW_REGION, SHOW_SIMILAR

RANK_WINDOW = 4


class ShownGroup(NamedTuple):
    """The partnerships to draw (codes, in no order: the chart sorts them), how to name them, and any note."""

    codes: list[str]
    heading: str
    note: str


def ranked_codes(values: pd.DataFrame) -> list[str]:
    """Partnerships with a value, highest first (ties by name), as the chart ranks them."""
    known = values[pd.to_numeric(values["value"], errors="coerce").notna() & ~values["suppressed"].fillna(False).astype(bool)]
    ordered = known.assign(_v=pd.to_numeric(known["value"])).sort_values(["_v", "area_name"], ascending=[False, True],
                                                                         kind="stable")
    return ordered["area_code"].astype(str).tolist()


def shown_group(values: pd.DataFrame, parts: pd.DataFrame, *, show: str, chosen: str | None,
                region: str | None = None, similar: Sequence[str] = (), window: int = RANK_WINDOW) -> ShownGroup:
    """The group ``show`` names around ``chosen``.

    ``values``: the metric's partnership rows (area_code, area_name, value, suppressed). ``parts``:
    partnerships (code, name, region_code, region_name). ``similar``: the chosen partnership's
    similar partnerships' codes. Without a chosen partnership every group is "all", with a note.
    """
    everyone = values["area_code"].astype(str).tolist()
    if region:
        in_region = set(parts.loc[parts["region_code"] == region, "code"])
        everyone = [c for c in everyone if c in in_region]
    names = parts.set_index("code")
    if show == SHOW_ALL or not chosen or chosen not in names.index:
        note = "" if show == SHOW_ALL else "Choose a partnership (“Highlight a partnership”) to see it with its group."
        where = f" in {names.loc[names['region_code'] == region, 'region_name'].iloc[0]}" if region and len(
            names[names["region_code"] == region]) else ""
        return ShownGroup(everyone, f"All partnerships{where}", note)
    name = str(names.at[chosen, "name"])
    if show == SHOW_REGION:
        region_code = names.at[chosen, "region_code"]
        codes = [c for c in values["area_code"].astype(str) if c in set(parts.loc[parts["region_code"] == region_code,
                                                                                     "code"])]
        return ShownGroup(codes, f"Partnerships in {names.at[chosen, 'region_name']}", "")
    if show == SHOW_SIMILAR:
        group = [chosen, *[c for c in similar if c != chosen]]
        note = "" if len(group) > 1 else f"No similar partnerships are known for {name}."
        return ShownGroup(group, f"{name} and its similar partnerships", note)
    if show == SHOW_RANK:
        ranked = ranked_codes(values)
        if chosen not in ranked:
            return ShownGroup([chosen], f"{name} and its neighbours in rank",
                              f"{name} has no value for this period, so it has no place in the ranking.")
        at = ranked.index(chosen)
        return ShownGroup(ranked[max(0, at - window): at + window + 1],
                          f"{name} and its neighbours in rank ({at + 1} of {len(ranked)})", "")
    raise ValueError(f"unknown show choice {show!r}")
