"""Periods on a real time axis: each period placed at the middle of the dates it covers.

A category axis spaces 2016/17, 2018/19, 2019/20 and 2022/23 evenly, as if the estimates were a
year apart; on a date axis the missing years show as the distance they are. The tick labels keep
the publisher's wording ("2019/20", "2019-21", "Q4 2021/22"), one per period, thinned from the
latest backwards when there are too many to read.

Periods the publisher skipped are found from the period type (``data_access.periods``): between
the first and last period of the series, every period of the same type that has no row in the
series is a slot of its own, so every line breaks there and the gap can be labelled.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data_access.periods import PeriodError, parse_period, period_sequence

#: At most this many tick labels; quarterly series then show every fourth quarter (one a year).
MAX_TICKS = 12


@dataclass(frozen=True)
class PeriodSlot:
    """One period on the axis: its label, the dates it covers, where it is drawn and the band it owns.

    ``lo``/``hi`` are halfway to the neighbouring periods' midpoints, so shading a slot never covers
    a neighbour, even for overlapping rolling periods (2019-21 and 2020-22). ``in_data`` is False for a
    period the publisher skipped (no row for any area in the series).
    """

    label: str
    start: pd.Timestamp
    end: pd.Timestamp
    mid: pd.Timestamp
    lo: pd.Timestamp
    hi: pd.Timestamp
    in_data: bool


def _dates(label: str, rows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The period's first and last day: from the rows when they carry them, else from its label."""
    start = pd.to_datetime(rows["period_start"], errors="coerce").dropna() if "period_start" in rows else None
    end = pd.to_datetime(rows["period_end"], errors="coerce").dropna() if "period_end" in rows else None
    kind = rows["period_type"].dropna().iloc[0] if "period_type" in rows and rows["period_type"].notna().any() else None
    try:
        parsed = parse_period(label, kind)
    except PeriodError:
        parsed = None
    first = start.iloc[0] if start is not None and len(start) else (pd.Timestamp(parsed.start) if parsed else None)
    if first is None:
        return None
    last = end.iloc[0] if end is not None and len(end) else (pd.Timestamp(parsed.end) if parsed else
                                                            first + pd.DateOffset(years=1) - pd.Timedelta(days=1))
    return pd.Timestamp(first), pd.Timestamp(last)


def _period_type(series: pd.DataFrame, labels: list[str]) -> str | None:
    """The one period type of the series (from its column, else from its labels), None when mixed."""
    if "period_type" in series and series["period_type"].notna().any():
        kinds = set(series["period_type"].dropna().astype(str))
    else:
        kinds = set()
        for label in labels:
            try:
                kinds.add(parse_period(label).type)
            except PeriodError:
                return None
    return kinds.pop() if len(kinds) == 1 else None


def _skipped(labels: list[str], kind: str | None) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """Periods of ``kind`` between the first and the last label that the series does not hold."""
    if kind is None or len(labels) < 2:
        return []
    try:
        specs = [parse_period(label, kind) for label in labels]
        every = period_sequence(min(specs).label, max(specs).label, kind)
    except PeriodError:
        return []
    held = {spec.label for spec in specs}
    return [(p.label, pd.Timestamp(p.start), pd.Timestamp(p.end)) for p in every if p.label not in held]


def period_slots(series: pd.DataFrame) -> list[PeriodSlot]:
    """Every period of the series and every skipped one between them, in time order, with their places."""
    if series.empty or "period" not in series:
        return []
    rows = series.dropna(subset=["period"]).assign(_label=lambda f: f["period"].astype(str))
    found: list[tuple[str, pd.Timestamp, pd.Timestamp, bool]] = []
    for label, group in rows.groupby("_label", sort=False):
        dates = _dates(str(label), group)
        if dates is not None:
            found.append((str(label), *dates, True))
    found += [(label, start, end, False) for label, start, end in
              _skipped([f[0] for f in found], _period_type(rows, [f[0] for f in found]))]
    found.sort(key=lambda f: (f[1], f[2]))
    mids = [(start + (end - start) / 2).normalize() for _, start, end, _ in found]
    slots = []
    for i, (label, start, end, in_data) in enumerate(found):
        before = (mids[i] - mids[i - 1]) / 2 if i > 0 else None
        after = (mids[i + 1] - mids[i]) / 2 if i + 1 < len(mids) else None
        half = before or after or (end - start) / 2
        slots.append(PeriodSlot(label, start, end, mids[i], mids[i] - (before or half), mids[i] + (after or half),
                                in_data))
    return slots


def tick_positions(slots: list[PeriodSlot], max_ticks: int = MAX_TICKS) -> tuple[list[pd.Timestamp], list[str]]:
    """Tick places and texts: every period's label at its midpoint, thinned evenly, always keeping the latest."""
    every = max(1, -(-len(slots) // max_ticks))
    kept = [slot for i, slot in enumerate(slots) if (len(slots) - 1 - i) % every == 0]
    return [slot.mid for slot in kept], [slot.label for slot in kept]


def axis_range(slots: list[PeriodSlot]) -> list[pd.Timestamp]:
    """The x range: the first slot's lower edge to the last slot's upper edge, so no marker is cut in half."""
    return [slots[0].lo, slots[-1].hi] if slots else []
