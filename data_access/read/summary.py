"""Per-area summaries built from metric tables: progress since baseline, recent trend, area profile."""

from __future__ import annotations

import math

import pandas as pd

from data_access.catalogue import get_catalogue
from data_access.read.areas import ENGLAND
from data_access.read.memory import ANSWERS, private, remembered
from data_access.read.releases import release_key
from data_access.read.tables import shared_metric_table
from data_access.statistics import recent_trend


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def baseline_summary(metric_id: str, area_code: str, *, area_type: str | None = None) -> dict:
    """Latest value against the metric's baseline for one area, with the recent trend.

    Keys: area_code, area_name, baseline_rule, baseline_period, baseline_value, latest_period, latest_value,
    lower_ci, upper_ci, suppressed, comparison, england_value, change, change_pct, significance, trend,
    trend_judgement, provisional, estimated (the value is an estimate; its method is in ``note``), note (the
    publisher's note on the value), geography (the vintage its period is drawn on).
    """
    get_catalogue().metric(metric_id)
    if not all(isinstance(part, str | None) for part in (area_code, area_type)):
        return _baseline_summary(metric_id, area_code, area_type)
    key = ("baseline_summary", metric_id, area_code, area_type, release_key())
    return dict(remembered(ANSWERS, key, lambda: _baseline_summary(metric_id, area_code, area_type)))


def _baseline_summary(metric_id: str, area_code: str, area_type: str | None) -> dict:
    spec = get_catalogue().metric(metric_id)
    table = shared_metric_table(metric_id)
    rows = table[table["area_code"] == area_code]
    if area_type:
        rows = rows[rows["area_type"] == area_type]
    rows = rows.sort_values("period_start")
    summary = {"area_code": area_code, "area_name": None, "baseline_rule": spec.baseline_rule,
               "baseline_period": " to ".join(spec.baseline_periods) if spec.baseline_periods else None,
               "baseline_value": None, "latest_period": None, "latest_value": None, "lower_ci": None,
               "upper_ci": None, "suppressed": False, "comparison": "not_compared", "england_value": None,
               "change": None, "change_pct": None, "significance": "not_tested", "trend": "not_enough_data",
               "trend_judgement": "not_enough_data", "provisional": False, "estimated": False,
               "note": None, "geography": None}
    if rows.empty:
        return summary
    latest = rows.iloc[-1]
    summary.update(area_name=latest["area_name"], latest_period=latest["period"], latest_value=_clean(latest["value"]),
                   lower_ci=_clean(latest["lower_ci"]), upper_ci=_clean(latest["upper_ci"]),
                   suppressed=bool(latest["suppressed"]), comparison=latest["comparison"],
                   england_value=_clean(latest["england_value"]), baseline_value=_clean(latest["baseline_value"]),
                   change=_clean(latest["change"]), significance=latest["change_significance"],
                   provisional=bool(latest["provisional"]), estimated=bool(latest["estimated"]),
                   note=_clean(latest["note"]), geography=_clean(latest["geography"]))
    if summary["change"] is not None and summary["baseline_value"]:
        summary["change_pct"] = 100.0 * summary["change"] / summary["baseline_value"]
    trend = recent_trend(rows[["period_start", "value", "numerator", "denominator", "lower_ci", "upper_ci"]],
                         measure=spec.measure, polarity=spec.polarity)
    summary.update(trend=trend["trend"], trend_judgement=trend["judgement"])
    return summary


def area_profile(area_code: str, *, area_type: str) -> pd.DataFrame:
    """Every metric for one area, grouped by outcome, headline first (a spine-chart table).

    National-only metrics appear with England's figures and ``local=False``.
    Columns: outcome_id, outcome_name, metric_id, short_name, tier, local, plus baseline_summary keys.
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
