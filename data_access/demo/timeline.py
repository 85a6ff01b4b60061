"""Which periods a demonstration metric covers, and its England level in each one.

The demonstration covers 2015/16 to 2024/25 in each metric's own kind of period. A metric's
``demo.first`` moves the first period; ``demo.periods`` lists irregular periods explicitly (a survey
run in some years only). England anchors (``demo.england`` in display units, or
``demo.england_counts`` as counts) are interpolated linearly in time between the periods they name
and held flat outside them, so the real published figures come out exactly where they exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from data_access.catalogue import MetricSpec
from data_access.periods import PeriodError, PeriodSpec, parse_period, period_sequence

DEFAULT_RANGE = {
    "financial_year": ("2015/16", "2024/25"),
    "academic_year": ("2015/16", "2024/25"),
    "calendar_year": ("2015", "2024"),
    "rolling_3_year": ("2013-15", "2022-24"),  # pools ending in each calendar year 2015-2024
    "quarter": ("Q1 2015/16", "Q4 2024/25"),
}


def metric_periods(spec: MetricSpec) -> list[PeriodSpec]:
    """The periods the demonstration generates for ``spec``, in time order."""
    if spec.demo.get("periods"):
        return sorted(parse_period(label, spec.period_type) for label in spec.demo["periods"])
    first, last = DEFAULT_RANGE[spec.period_type]
    return period_sequence(str(spec.demo.get("first") or first), last, spec.period_type)


def component_periods(spec: MetricSpec, periods: list[PeriodSpec]) -> list[PeriodSpec]:
    """The periods numbers are drawn for: calendar years for rolling pools (pools are their sums)."""
    if spec.period_type != "rolling_3_year":
        return periods
    first, last = periods[0].start.year, periods[-1].end.year
    return period_sequence(str(first), str(last), "calendar_year")


def midpoint(period: PeriodSpec) -> float:
    """A period's middle as a day number: where anchors of different period lengths meet."""
    return (period.start.toordinal() + period.end.toordinal()) / 2


def _anchor_period(label: object, period_type: str) -> PeriodSpec:
    try:
        return parse_period(label, period_type)
    except PeriodError:
        # pooled metrics are anchored by the calendar years that make up the pools
        return parse_period(label)


class Anchors:
    """England anchors of one metric: ``level(period)`` interpolates them; ``is_anchor`` says where they are exact."""

    def __init__(self, values: Mapping[Any, float], period_type: str) -> None:
        if not values:
            raise ValueError("a demonstration metric needs at least one England anchor")
        points = sorted((_anchor_period(label, period_type), float(value)) for label, value in values.items())
        self._labels = {(p.label, p.type) for p, _ in points}
        self._x = np.array([midpoint(p) for p, _ in points])
        self._y = np.array([value for _, value in points])

    def level(self, period: PeriodSpec) -> float:
        return float(np.interp(midpoint(period), self._x, self._y))

    def is_anchor(self, period: PeriodSpec) -> bool:
        return (period.label, period.type) in self._labels


def anchors_of(spec: MetricSpec) -> tuple[Anchors, bool]:
    """The metric's anchors and whether they are counts (True) or values in display units (False)."""
    if spec.demo.get("england_counts"):
        return Anchors(spec.demo["england_counts"], spec.period_type), True
    return Anchors(spec.demo.get("england") or {}, spec.period_type), spec.measure == "count"
