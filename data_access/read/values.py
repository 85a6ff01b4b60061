"""A metric's values as maps, tables and charts ask for them: one period across every area of a level, or
chosen areas across periods.

Both are cut from the remembered metric table (``tables.shared_metric_table``). A map lists every
area it should draw, data or not, so ``area_values`` joins the table onto the areas of the level
(for authorities, those of the geography vintage the period is drawn on).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from data_access.catalogue import get_catalogue
from data_access.read.areas import valid_on
from data_access.read.indicators import TABLE_COLUMNS
from data_access.read.memory import ANSWERS, private, remembered, today
from data_access.read.releases import release_key
from data_access.read.tables import metric_periods, shared_geography, shared_metric_table
from data_access.read.vintage_choice import in_vintage

AREA_TYPES = ("partnership", "utla", "region", "country")


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
    table = shared_metric_table(metric_id)
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
    geo = shared_geography()
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
    table = shared_metric_table(metric_id)
    if table.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    rows = table[table["area_code"].isin(codes)]
    return rows.sort_values(["area_code", "period_start"], ignore_index=True)
