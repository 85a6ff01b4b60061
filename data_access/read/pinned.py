"""Reads "as of" one data release, so a board pack or a "what changed" digest can be rebuilt exactly.

A cell's value as of release R is the one in the newest visible release with id <= R
(``current_observations(release_id=R)``); the metric table is then built exactly as the live pages
build it (``build_metric_table``). For the newest release that is the live table itself, so the
common case reuses the memoized ``metric_table``. Older releases are memoized too, keyed on the
release and on ``release_key()`` (the footprint and mode they were built with).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data_access.cache import memoize
from data_access.catalogue import get_catalogue
from data_access.read.areas import areas_frame, memberships_frame
from data_access.read.indicators import TABLE_COLUMNS, build_metric_table
from data_access.read.observations import current_observations
from data_access.read.releases import release_key, releases
from data_access.read.summary import BaselineSummary, baseline_summary, summarise
from data_access.read.tables import metric_table


def release_record(release_id: int) -> dict[str, Any] | None:
    """The visible release ``release_id`` as a dict (``releases()`` columns plus ``any_demo``: whether it or
    any earlier visible release is demonstration data), or None when there is no such visible release."""
    frame = releases()
    rows = frame[frame["id"] == int(release_id)]
    if rows.empty:
        return None
    record = rows.iloc[0].to_dict()
    record["id"] = int(record["id"])
    record["any_demo"] = bool(frame.loc[frame["id"] <= int(release_id), "is_demo"].astype(bool).any())
    return record


def newest_release_id() -> int | None:
    """The id of the newest visible release (None for an empty store)."""
    frame = releases()
    return None if frame.empty else int(frame["id"].max())


@memoize
def _pinned_table(metric_id: str, release_id: int, key: str) -> pd.DataFrame:
    spec = get_catalogue().metric(metric_id)
    return build_metric_table(spec, current_observations(metric_id, release_id=release_id), areas_frame(),
                              memberships_frame())


def metric_table_as_of(metric_id: str, release_id: int) -> pd.DataFrame:
    """Every level × period of ``metric_id`` as of ``release_id`` (TABLE_COLUMNS); raises UnknownMetric."""
    get_catalogue().metric(metric_id)
    if release_id == newest_release_id():
        return metric_table(metric_id)
    return _pinned_table(metric_id, int(release_id), release_key())


def series_as_of(metric_id: str, area_codes: list[str], release_id: int) -> pd.DataFrame:
    """Rows of the chosen areas across periods, oldest first (TABLE_COLUMNS), as of ``release_id``."""
    table = metric_table_as_of(metric_id, release_id)
    if table.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    rows = table[table["area_code"].isin(list(dict.fromkeys(area_codes)))]
    return rows.sort_values(["area_code", "period_start"], ignore_index=True)


def summary_from_table(metric_id: str, table: pd.DataFrame, area_code: str, *, area_type: str) -> BaselineSummary:
    """``baseline_summary``'s answer computed from a given metric table (e.g. one pinned to a release).

    Built by the same ``summary.summarise`` as the live ``baseline_summary``: latest row of the area,
    its comparison, change since baseline and recent trend.
    """
    return summarise(get_catalogue().metric(metric_id), table, area_code, area_type)


def summary_as_of(metric_id: str, area_code: str, *, area_type: str, release_id: int) -> BaselineSummary:
    """The baseline summary of one area as of ``release_id`` (the live ``baseline_summary`` for the newest)."""
    if release_id == newest_release_id():
        return baseline_summary(metric_id, area_code, area_type=area_type)
    return summary_from_table(metric_id, metric_table_as_of(metric_id, release_id), area_code, area_type=area_type)
