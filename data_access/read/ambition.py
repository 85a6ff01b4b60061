"""Is England on track for the framework's numeric ambitions? The trajectory and the judgement, as data.

A target (``data_access.catalogue.targets``) and England's rows of its measure give:

- ``level_change`` ("54,500 more people in treatment by 2024/25"): the count should rise in equal steps
  from its value in ``from_period`` to that value plus ``amount`` by ``by_period``. It is judged on the
  count (the measure's numerator, a full administrative count with no sampling error) and drawn in the
  measure's own unit by dividing each step by that period's England denominator (the latest known one
  for periods not yet published), so the line sits on the chart the board already reads.
- ``cumulative`` ("over 2,000 county lines closed over three years"): the yearly values summed from
  ``from_period`` should reach ``amount`` by ``by_period``; the running total is judged against the even
  pace, which is what is drawn (each year's share of the total).
- ``reverse_trend`` (deaths prevented against a modelled projection that is not published): nothing can
  be drawn; the judgement is England's recent trend (the rising trend the ambition names reversed or not).

A judgement is only made when the figures allow it: a missing period says ``no_data``, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.catalogue.targets import AmbitionTarget, metric_target
from data_access.geography import ENGLAND
from data_access.periods import PeriodSpec, parse_period, period_sequence
from data_access.read.memory import ANSWERS, remembered
from data_access.read.pinned import metric_table_as_of
from data_access.read.releases import release_key
from data_access.read.tables import shared_metric_table
from data_access.statistics import recent_trend

#: ``state`` values: on_track / off_track before the due period; met / missed from it; too_close when the
#: figures cannot tell; no_data when a needed period is missing; no_target when the framework sets none.
STATES = ("on_track", "off_track", "met", "missed", "too_close", "no_data", "no_target")


@dataclass(frozen=True)
class TrajectoryPoint:
    """Where the measure should be in one period if the ambition is to be met, in the measure's unit."""

    period: str
    period_start: date
    period_end: date
    value: float


@dataclass(frozen=True)
class AmbitionStatus:
    """England against one measure's ambition.

    ``period``: the period judged (England's latest, or the due period once it is published);
    ``actual`` and ``expected``: the figures compared there, on ``basis`` ("count": the count behind the
    measure, "total": the running total, "trend": the recent trend, where they are None).
    """

    metric_id: str
    target: AmbitionTarget | None
    state: str
    period: str | None = None
    actual: float | None = None
    expected: float | None = None
    basis: str | None = None
    trajectory: tuple[TrajectoryPoint, ...] = ()


def _england_rows(table: pd.DataFrame) -> pd.DataFrame:
    rows = table[table["area_code"] == ENGLAND].copy()
    rows["_start"] = pd.to_datetime(rows["period_start"], errors="coerce")
    return rows.sort_values("_start").drop_duplicates("period", keep="last").set_index("period", drop=False)


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _judged_period(rows: pd.DataFrame, steps: list[PeriodSpec]) -> tuple[int, pd.Series] | None:
    """The index in ``steps`` and England's row of the latest published step (the due step at most)."""
    for index in range(len(steps) - 1, -1, -1):
        label = steps[index].label
        if label in rows.index and _number(rows.loc[label, "value"]) is not None:
            return index, rows.loc[label]
    return None


def _level_change(spec: MetricSpec, target: AmbitionTarget, rows: pd.DataFrame) -> AmbitionStatus:
    steps = period_sequence(str(target.from_period), target.by_period, spec.period_type)
    base_row = rows.loc[steps[0].label] if steps[0].label in rows.index else None
    is_count = spec.measure == "count"
    base = None if base_row is None else _number(base_row["value" if is_count else "numerator"])
    if base is None:
        return AmbitionStatus(spec.id, target, "no_data")
    denominators = rows["denominator"].dropna()
    points = []
    for index, step in enumerate(steps):
        count = base + float(target.amount or 0) * index / (len(steps) - 1)
        if not is_count:
            known = _number(rows.loc[step.label, "denominator"]) if step.label in rows.index else None
            denominator = known or (float(denominators.iloc[-1]) if not denominators.empty else None)
            if not denominator:
                return AmbitionStatus(spec.id, target, "no_data")
            count = count / denominator * spec.multiplier
        points.append(TrajectoryPoint(step.label, step.start, step.end, count))
    judged = _judged_period(rows, steps)
    if judged is None or judged[0] == 0:
        return AmbitionStatus(spec.id, target, "no_data", trajectory=tuple(points))
    index, row = judged
    actual = _number(row["value" if is_count else "numerator"])
    if actual is None:
        return AmbitionStatus(spec.id, target, "no_data", trajectory=tuple(points))
    expected = base + float(target.amount or 0) * index / (len(steps) - 1)
    ahead = actual >= expected if (target.amount or 0) >= 0 else actual <= expected
    due = index == len(steps) - 1
    state = ("met" if ahead else "missed") if due else ("on_track" if ahead else "off_track")
    return AmbitionStatus(spec.id, target, state, str(row["period"]), actual, expected, "count", tuple(points))


def _cumulative(spec: MetricSpec, target: AmbitionTarget, rows: pd.DataFrame) -> AmbitionStatus:
    steps = period_sequence(str(target.from_period), target.by_period, spec.period_type)
    pace = float(target.amount or 0) / len(steps)
    points = tuple(TrajectoryPoint(step.label, step.start, step.end, pace) for step in steps)
    judged = _judged_period(rows, steps)
    if judged is None:
        return AmbitionStatus(spec.id, target, "no_data", trajectory=points)
    index, row = judged
    values = [_number(rows.loc[s.label, "value"]) if s.label in rows.index else None for s in steps[:index + 1]]
    if any(value is None for value in values):
        return AmbitionStatus(spec.id, target, "no_data", trajectory=points)
    total, expected = float(sum(values)), pace * (index + 1)
    due = index == len(steps) - 1
    state = ("met" if total >= expected else "missed") if due else ("on_track" if total >= expected else "off_track")
    return AmbitionStatus(spec.id, target, state, str(row["period"]), total, expected, "total", points)


def _reverse_trend(spec: MetricSpec, target: AmbitionTarget, rows: pd.DataFrame) -> AmbitionStatus:
    usable = rows[rows["value"].notna()]
    if usable.empty:
        return AmbitionStatus(spec.id, target, "no_data")
    trend = recent_trend(usable[["period_start", "value", "numerator", "denominator", "lower_ci", "upper_ci"]],
                         measure=spec.measure, polarity=spec.polarity)
    state = {"getting_better": "on_track", "getting_worse": "off_track",
             "no_significant_change": "too_close"}.get(trend["judgement"], "no_data")
    due = parse_period(str(usable.iloc[-1]["period"]), spec.period_type).end >= \
        parse_period(target.by_period, spec.period_type).end
    if due and state in ("on_track", "off_track"):
        state = "met" if state == "on_track" else "missed"
    return AmbitionStatus(spec.id, target, state, str(usable.iloc[-1]["period"]), basis="trend")


_ASSESS = {"level_change": _level_change, "cumulative": _cumulative, "reverse_trend": _reverse_trend}


def assess(spec: MetricSpec, target: AmbitionTarget | None, table: pd.DataFrame) -> AmbitionStatus:
    """England's standing against ``target`` from the measure's table (any levels; England's rows are used)."""
    if target is None:
        return AmbitionStatus(spec.id, None, "no_target")
    rows = _england_rows(table) if not table.empty else table
    if rows.empty:
        return AmbitionStatus(spec.id, target, "no_data")
    return _ASSESS[target.kind](spec, target, rows)


def england_ambition(metric_id: str, *, release_id: int | None = None) -> AmbitionStatus:
    """England against the framework's numeric ambition for ``metric_id`` (live, or as of ``release_id``)."""
    spec = get_catalogue().metric(metric_id)
    target = metric_target(metric_id)
    if target is None:
        return AmbitionStatus(metric_id, None, "no_target")
    if release_id is not None:
        return assess(spec, target, metric_table_as_of(metric_id, release_id))
    key = ("england_ambition", metric_id, release_key())
    return remembered(ANSWERS, key, lambda: assess(spec, target, shared_metric_table(metric_id)))
