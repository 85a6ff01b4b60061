"""The two tables every read is cut from, memoized per data release: one metric's table and the geography.

Building a metric's table (every area level × period, with comparisons, quintiles and change since
baseline) is the expensive step of a read, so it is done once per release in the shared cache and
kept live in each worker (``memory.TABLES``); the geography (areas, memberships, partnerships) is
kept the same way. Every other read module imports these accessors from here, at module level, so
none reaches back into the package that re-exports them.
"""

from __future__ import annotations

import pandas as pd

from data_access.cache import memoize
from data_access.catalogue import get_catalogue
from data_access.read.areas import areas_frame, memberships_frame, partnerships_table
from data_access.read.indicators import build_metric_table
from data_access.read.memory import ANSWERS, TABLES, private, remembered
from data_access.read.observations import current_observations
from data_access.read.releases import release_key


@memoize
def _metric_table(metric_id: str, key: str) -> pd.DataFrame:
    spec = get_catalogue().metric(metric_id)
    return build_metric_table(spec, current_observations(metric_id), areas_frame(), memberships_frame())


def shared_metric_table(metric_id: str) -> pd.DataFrame:
    """The metric's table as this process remembers it (shared with other callers: never mutate it)."""
    key = release_key()
    return remembered(TABLES, ("metric_table", metric_id, key), lambda: _metric_table(metric_id, key))


def metric_table(metric_id: str) -> pd.DataFrame:
    """Every area level × period for ``metric_id`` (TABLE_COLUMNS); raises UnknownMetric."""
    get_catalogue().metric(metric_id)
    return private(shared_metric_table(metric_id))


@memoize
def _geography(key: str) -> dict[str, pd.DataFrame]:
    areas, members = areas_frame(), memberships_frame()
    return {"areas": areas, "members": members, "partnerships": partnerships_table(areas, members)}


def shared_geography() -> dict[str, pd.DataFrame]:
    """Areas, memberships and partnerships as this process remembers them (never mutate them)."""
    key = release_key()
    return remembered(TABLES, ("geography", key), lambda: _geography(key))


def metric_periods(metric_id: str) -> list[str]:
    """Period labels with any data for the metric, oldest first."""
    get_catalogue().metric(metric_id)
    return list(remembered(ANSWERS, ("metric_periods", metric_id, release_key()), lambda: _metric_periods(metric_id)))


def _metric_periods(metric_id: str) -> list[str]:
    table = shared_metric_table(metric_id)
    ordered = table.drop_duplicates("period").sort_values("period_start")
    return list(ordered["period"])
