"""The bounded read functions pages and callbacks call; each answer is memoized per data release.

Column contracts:
- ``area_values``: area_code, area_name, area_type, period, value, lower_ci, upper_ci, lower_998, upper_998,
  numerator, denominator, suppressed, note, england_value, comparison, comparison_998, quintile, baseline_value,
  change, change_significance, provisional (one row per area of the type, for one period).
- ``series``: the same columns plus period_type, period_start, period_end, for chosen areas across periods.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from data_access.cache import memoize
from data_access.catalogue import get_catalogue
from data_access.read.areas import ENGLAND, areas_frame, memberships_frame, partnerships_table, valid_on
from data_access.read.indicators import TABLE_COLUMNS, build_metric_table
from data_access.read.memory import ANSWERS, TABLES, private, remembered, today
from data_access.read.observations import current_observations
from data_access.read.releases import current_release, release_key, releases
from data_access.read.summary import area_profile, baseline_summary
from data_access.read.vintage_choice import in_vintage

__all__ = ["ENGLAND", "area_profile", "area_values", "baseline_summary", "authorities", "current_release", "metric_periods", "metric_table",
           "partnership_members", "partnerships", "regions", "release_key", "releases", "resolve_area", "series"]

AREA_TYPES = ("partnership", "utla", "region", "country")


@memoize
def _metric_table(metric_id: str, key: str) -> pd.DataFrame:
    spec = get_catalogue().metric(metric_id)
    return build_metric_table(spec, current_observations(metric_id), areas_frame(), memberships_frame())


def _table(metric_id: str) -> pd.DataFrame:
    """The metric's table as this process remembers it (shared with other callers: never mutate it)."""
    key = release_key()
    return remembered(TABLES, ("metric_table", metric_id, key), lambda: _metric_table(metric_id, key))


def metric_table(metric_id: str) -> pd.DataFrame:
    """Every area level × period for ``metric_id`` (TABLE_COLUMNS); raises UnknownMetric."""
    get_catalogue().metric(metric_id)
    return private(_table(metric_id))


@memoize
def _geography(key: str) -> dict[str, pd.DataFrame]:
    areas, members = areas_frame(), memberships_frame()
    return {"areas": areas, "members": members, "partnerships": partnerships_table(areas, members)}


def _geo() -> dict[str, pd.DataFrame]:
    """Areas, memberships and partnerships as this process remembers them (never mutate them)."""
    key = release_key()
    return remembered(TABLES, ("geography", key), lambda: _geography(key))


def partnerships() -> pd.DataFrame:
    """code, name, status, n_members, region_code, region_name, member_codes, member_names."""
    return private(_geo()["partnerships"])


def authorities(*, include_abolished: bool = False) -> pd.DataFrame:
    """Upper-tier authorities: code, name, region_code, region_name, partnership_code, partnership_name,
    valid_from, valid_to."""
    key = ("authorities", bool(include_abolished), release_key())
    return private(remembered(ANSWERS, key, lambda: _authorities(include_abolished)))


def _authorities(include_abolished: bool) -> pd.DataFrame:
    geo = _geo()
    areas, members = geo["areas"], geo["members"]
    regions_ = areas[areas["type"] == "region"].set_index("code")["name"]
    utla = areas[areas["type"] == "utla"]
    if not include_abolished:
        utla = utla[utla["valid_to"].isna()]
    link = members.set_index("member_code")
    return pd.DataFrame({
        "code": utla["code"], "name": utla["name"], "region_code": utla["parent_code"],
        "region_name": utla["parent_code"].map(regions_),
        "partnership_code": utla["code"].map(link["partnership_code"]),
        "partnership_name": utla["code"].map(link["partnership_name"]),
        "valid_from": utla["valid_from"], "valid_to": utla["valid_to"],
    }).sort_values("name", ignore_index=True)


def regions() -> pd.DataFrame:
    """code, name of the nine regions."""
    areas = _geo()["areas"]
    return areas.loc[areas["type"] == "region", ["code", "name"]].sort_values("name", ignore_index=True)


def partnership_members(code: str) -> pd.DataFrame:
    """Member authorities of a partnership (current and abolished): code, name, valid_from, valid_to, status,
    source. Empty when the partnership is unknown."""
    geo = _geo()
    members = geo["members"][geo["members"]["partnership_code"] == code]
    names = geo["areas"].set_index("code")
    return pd.DataFrame({
        "code": members["member_code"].to_numpy(), "name": names.loc[members["member_code"], "name"].to_numpy(),
        "valid_from": names.loc[members["member_code"], "valid_from"].to_numpy(),
        "valid_to": names.loc[members["member_code"], "valid_to"].to_numpy(),
        "status": members["status"].to_numpy(), "source": members["source"].to_numpy(),
    })


def resolve_area(text: str | None) -> dict | None:
    """Find a partnership, authority, region or England by code or exact name (case-insensitive).

    An authority resolves to itself with its partnership code, so a picker can select the partnership.
    """
    if not text:
        return None
    needle = str(text).strip().lower()
    hit = remembered(ANSWERS, ("resolve_area", needle, release_key()), lambda: _resolve_area(needle))
    return dict(hit) if hit is not None else None


def _resolve_area(needle: str) -> dict | None:
    parts = partnerships()
    hit = parts[(parts["code"].str.lower() == needle) | (parts["name"].str.lower() == needle)]
    if not hit.empty:
        row = hit.iloc[0]
        return {"code": row["code"], "name": row["name"], "type": "partnership", "partnership_code": row["code"]}
    auth = authorities(include_abolished=True)
    hit = auth[(auth["code"].str.lower() == needle) | (auth["name"].str.lower() == needle)]
    if not hit.empty:
        row = hit.iloc[0]
        return {"code": row["code"], "name": row["name"], "type": "utla", "partnership_code": row["partnership_code"]}
    areas = _geo()["areas"]
    hit = areas[areas["type"].isin(["region", "country"]) & ((areas["code"].str.lower() == needle)
                                                            | (areas["name"].str.lower() == needle))]
    if not hit.empty:
        row = hit.iloc[0]
        return {"code": row["code"], "name": row["name"], "type": row["type"], "partnership_code": None}
    return None


def metric_periods(metric_id: str) -> list[str]:
    """Period labels with any data for the metric, oldest first."""
    get_catalogue().metric(metric_id)
    return list(remembered(ANSWERS, ("metric_periods", metric_id, release_key()), lambda: _metric_periods(metric_id)))


def _metric_periods(metric_id: str) -> list[str]:
    table = _table(metric_id)
    ordered = table.drop_duplicates("period").sort_values("period_start")
    return list(ordered["period"])


def area_values(metric_id: str, *, area_type: str, period: str | None = None) -> pd.DataFrame:
    """One row per area of ``area_type`` for ``period`` (default: the latest period with data)."""
    if area_type not in AREA_TYPES:
        raise ValueError(f"area_type must be one of {AREA_TYPES}")
    get_catalogue().metric(metric_id)
    if period is not None and not isinstance(period, str):
        return _area_values(metric_id, area_type, period)
    key = ("area_values", metric_id, area_type, period, release_key(), today())
    return private(remembered(ANSWERS, key, lambda: _area_values(metric_id, area_type, period)))


def _area_values(metric_id: str, area_type: str, period: str | None) -> pd.DataFrame:
    table = _table(metric_id)
    if period is None:
        periods = metric_periods(metric_id)
        period = periods[-1] if periods else None
    rows = table[(table["area_type"] == area_type) & (table["period"] == period)]
    expected = _areas_of_type(area_type, rows["geography"].iloc[0] if len(rows) else None)
    rows = expected.merge(rows.drop(columns=["area_name"]), on="area_code", how="left")
    rows["area_type"], rows["period"] = area_type, period
    rows["suppressed"] = rows["suppressed"].eq(True)
    rows["provisional"] = rows["provisional"].eq(True)
    for column in ("comparison", "comparison_998"):
        rows[column] = rows[column].fillna("not_compared")
    rows["change_significance"] = rows["change_significance"].fillna("not_tested")
    rows["note"] = rows["note"].where(rows["note"].notna() | rows["value"].notna(), "No data for this period")
    return rows.drop(columns=["period_type", "period_start", "period_end"]).reset_index(drop=True)


def _areas_of_type(area_type: str, geography: str | None) -> pd.DataFrame:
    """Every area a map or table of ``area_type`` should list, data or not (area_code, area_name):
    for authorities, those of the geography vintage the period is drawn on (today's without data)."""
    geo = _geo()
    if area_type == "partnership":
        frame = geo["partnerships"][["code", "name"]]
    else:
        areas = geo["areas"]
        frame = areas[areas["type"] == area_type]
        if area_type == "utla":
            known = isinstance(geography, str) and geography != ""
            frame = frame[in_vintage(frame, geography)] if known else frame[valid_on(frame, date.today())]
        frame = frame[["code", "name"]]
    return frame.rename(columns={"code": "area_code", "name": "area_name"}).reset_index(drop=True)


def series(metric_id: str, *, area_codes: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Time series for up to 20 chosen areas (any level), oldest first (TABLE_COLUMNS)."""
    codes = list(dict.fromkeys(area_codes))[:20]
    get_catalogue().metric(metric_id)
    table = _table(metric_id)
    if table.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    rows = table[table["area_code"].isin(codes)]
    return rows.sort_values(["area_code", "period_start"], ignore_index=True)
