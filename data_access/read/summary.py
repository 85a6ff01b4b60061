"""Per-area summaries built from metric tables: progress since baseline, recent trend, area profile.

The baseline summary is built in one place (``summarise``) from any metric table, the live one
(``baseline_summary``) or one pinned to an older release (``pinned.summary_as_of``), so pages and the
board pack always apply the same rules. It is a typed, frozen ``BaselineSummary``; it also reads as
a mapping (``summary["latest_value"]``, ``summary.get(…)``, ``dict(summary)``, ``**summary``) because
pages, callbacks and the board pack were written against the dict it used to be.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.read.areas import ENGLAND
from data_access.read.memory import ANSWERS, private, remembered
from data_access.read.releases import release_key
from data_access.read.tables import shared_metric_table
from data_access.statistics import recent_trend

TREND_COLUMNS = ["period_start", "value", "numerator", "denominator", "lower_ci", "upper_ci"]


@dataclass(frozen=True, eq=False)
class BaselineSummary(Mapping[str, Any]):
    """Latest value of one area against the metric's baseline, with the recent trend.

    Read fields as attributes (``summary.latest_value``); the mapping interface (``summary["…"]``,
    ``.get``) is kept only for callers written against the old dict and should move to attributes.
    Equality is a mapping's (equal to a dict with the same keys and values).

    ``estimated``: the value is an estimate (its method is in ``note``); ``note``: the publisher's
    note on the value; ``geography``: the vintage the latest period is drawn on.
    """

    area_code: str
    area_name: str | None = None
    baseline_rule: str | None = None
    baseline_period: str | None = None
    baseline_value: float | None = None
    latest_period: str | None = None
    latest_value: float | None = None
    lower_ci: float | None = None
    upper_ci: float | None = None
    suppressed: bool = False
    comparison: str = "not_compared"
    england_value: float | None = None
    change: float | None = None
    change_pct: float | None = None
    significance: str = "not_tested"
    trend: str = "not_enough_data"
    trend_judgement: str = "not_enough_data"
    provisional: bool = False
    estimated: bool = False
    note: str | None = None
    geography: str | None = None

    def __getitem__(self, key: str) -> Any:
        if key not in SUMMARY_KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(SUMMARY_KEYS)

    def __len__(self) -> int:
        return len(SUMMARY_KEYS)


#: The summary's keys, in the order the old dict (and ``area_profile``'s columns) had them.
SUMMARY_KEYS: tuple[str, ...] = tuple(field.name for field in fields(BaselineSummary))


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value


def summarise(spec: MetricSpec, table: pd.DataFrame, area_code: str, area_type: str | None) -> BaselineSummary:
    """The baseline summary of ``area_code`` (of ``area_type``, any level when None) from a metric table:
    its latest row, comparison with England, change since baseline and recent trend."""
    rows = table[table["area_code"] == area_code]
    if area_type:
        rows = rows[rows["area_type"] == area_type]
    rows = rows.sort_values("period_start")
    baseline_period = " to ".join(spec.baseline_periods) if spec.baseline_periods else None
    if rows.empty:
        return BaselineSummary(area_code=area_code, baseline_rule=spec.baseline_rule, baseline_period=baseline_period)
    latest = rows.iloc[-1]
    baseline_value, change = _clean(latest["baseline_value"]), _clean(latest["change"])
    trend = recent_trend(rows[TREND_COLUMNS], measure=spec.measure, polarity=spec.polarity)
    return BaselineSummary(
        area_code=area_code, area_name=latest["area_name"], baseline_rule=spec.baseline_rule,
        baseline_period=baseline_period, baseline_value=baseline_value, latest_period=latest["period"],
        latest_value=_clean(latest["value"]), lower_ci=_clean(latest["lower_ci"]), upper_ci=_clean(latest["upper_ci"]),
        suppressed=bool(latest["suppressed"]), comparison=latest["comparison"],
        england_value=_clean(latest["england_value"]), change=change,
        change_pct=100.0 * change / baseline_value if change is not None and baseline_value else None,
        significance=latest["change_significance"], trend=trend["trend"], trend_judgement=trend["judgement"],
        provisional=bool(latest["provisional"]), estimated=bool(latest["estimated"]), note=_clean(latest["note"]),
        geography=_clean(latest["geography"]))


def baseline_summary(metric_id: str, area_code: str, *, area_type: str | None = None) -> BaselineSummary:
    """Latest value against the metric's baseline for one area, with the recent trend (``BaselineSummary``).

    Callers should read its fields as attributes; reading it as a dict still works for now.
    """
    spec = get_catalogue().metric(metric_id)
    if not all(isinstance(part, str | None) for part in (area_code, area_type)):
        return summarise(spec, shared_metric_table(metric_id), area_code, area_type)
    key = ("baseline_summary", metric_id, area_code, area_type, release_key())
    return remembered(ANSWERS, key, lambda: summarise(spec, shared_metric_table(metric_id), area_code, area_type))


def area_profile(area_code: str, *, area_type: str) -> pd.DataFrame:
    """Every metric for one area, grouped by outcome, headline first (a spine-chart table).

    National-only metrics appear with England's figures and ``local=False``.
    Columns: outcome_id, outcome_name, metric_id, short_name, tier, local, plus ``SUMMARY_KEYS``.
    """
    key = ("area_profile", area_code, area_type, release_key())
    return private(remembered(ANSWERS, key, lambda: _area_profile(area_code, area_type)))


def _area_profile(area_code: str, area_type: str) -> pd.DataFrame:
    catalogue = get_catalogue()
    rows = []
    for outcome in catalogue.outcomes:
        for spec in catalogue.outcome_metrics(outcome.id):
            code, level = (area_code, area_type) if spec.is_local else (ENGLAND, "country")
            summary = baseline_summary(spec.id, code, area_type=level)
            rows.append({"outcome_id": outcome.id, "outcome_name": outcome.short_name, "metric_id": spec.id,
                         "short_name": spec.short_name, "tier": spec.tier, "local": spec.is_local, **summary})
    return pd.DataFrame(rows)
