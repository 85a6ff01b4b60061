"""Why a line has no value for a period, and which values are not drawn at all.

Every break in a trend line carries a short reason, taken from what the data knows about the period:

- the publisher skipped the period for every area ("Not published");
- the value is suppressed (the row's ``suppressed`` flag) or is a rate from fewer than 10 events;
- the area has no row or no value for it ("No data");
- the area's boundary changed between two values on different geography vintages ("Boundary change").

OHID's rule for rates from small numbers: Fingertips does not publish a directly standardised rate
from fewer than 10 events (``DSR_MIN_EVENTS``), because the rate and its interval are unreliable. The
charts follow it: a DSR from fewer than 10 events is not drawn, nor is a crude rate from fewer than
10 events that comes without an interval (with its interval, it is drawn as published).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from data_access.geography import former_authorities
from data_access.statistics.values import DSR_MIN_EVENTS
from presentation.formatting import SUPPRESSED, is_missing

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec
    from presentation.figures.timeline import PeriodSlot

NOT_PUBLISHED = "Not published"
NO_DATA = "No data"
FEWER_THAN_10 = f"Fewer than {DSR_MIN_EVENTS} events"
BOUNDARY_CHANGE = "Boundary change"
SMALL_NUMBERS_NOTE = (f"Rates from fewer than {DSR_MIN_EVENTS} events are not shown: OHID does not publish them, "
                      "as they are unreliable.")
_RATES = ("dsr", "crude_rate")


@dataclass(frozen=True)
class Gap:
    """A run of slots ``[start, stop)`` with no value on the line, or a break between two values (start == stop).

    ``detail`` says it period by period, with the publisher's note on each, for the gap's hover label.
    """

    start: int
    stop: int
    reason: str
    detail: str = field(default="", compare=False)


def _flag(value: Any) -> bool:
    return False if is_missing(value) else bool(value)


def small_count_flags(frame: pd.DataFrame, spec: MetricSpec) -> list[bool]:
    """True for each row that OHID's rule keeps off the chart: a rate from fewer than 10 events with no interval
    (for a DSR, whatever its interval)."""
    if spec.measure not in _RATES or "numerator" not in frame:
        return [False] * len(frame)
    counts = pd.to_numeric(frame["numerator"], errors="coerce")
    small = counts.notna() & (counts < DSR_MIN_EVENTS)
    if spec.measure == "crude_rate":
        lower = frame["lower_ci"] if "lower_ci" in frame else pd.Series(float("nan"), index=frame.index)
        upper = frame["upper_ci"] if "upper_ci" in frame else pd.Series(float("nan"), index=frame.index)
        small &= lower.isna() | upper.isna()
    return small.tolist()


def hidden_flags(frame: pd.DataFrame, spec: MetricSpec | None) -> list[bool]:
    """Rows whose value is not drawn: suppressed by the publisher, or by the small-numbers rule."""
    suppressed = [_flag(v) for v in frame["suppressed"]] if "suppressed" in frame else [False] * len(frame)
    small = small_count_flags(frame, spec) if spec is not None else [False] * len(frame)
    return [a or b for a, b in zip(suppressed, small, strict=True)]


def row_reason(row: pd.Series, small: bool) -> str | None:
    """Why one period of the line has no point (None when it has one)."""
    if _flag(row.get("suppressed")):
        return SUPPRESSED
    if small:
        return FEWER_THAN_10
    if is_missing(row.get("value")):
        return NO_DATA
    return None


@lru_cache(maxsize=1)
def changed_areas() -> frozenset[str]:
    """Codes of authorities whose boundary changed: the former authorities and what replaced them, when the
    new authority is not the same area under a new code."""
    codes: set[str] = set()
    for former in former_authorities().values():
        if not former.same_boundary:
            codes.add(former.code)
            codes.update(former.successors)
    return frozenset(codes)


def line_gaps(aligned: pd.DataFrame, slots: list[PeriodSlot], spec: MetricSpec, area_code: str) -> list[Gap]:
    """The gaps of one area's line: runs of slots without a value, with one reason each, and boundary breaks.

    ``aligned`` is the area's rows indexed by period label (missing periods absent or NaN).
    """
    rows = aligned.reindex([s.label for s in slots])
    small = small_count_flags(rows, spec)
    reasons = [NOT_PUBLISHED if not slot.in_data else row_reason(rows.iloc[i], small[i])
               for i, slot in enumerate(slots)]
    gaps: list[Gap] = []
    i = 0
    while i < len(reasons):
        if reasons[i] is None:
            i += 1
            continue
        stop = i
        while stop < len(reasons) and reasons[stop] is not None:
            stop += 1
        words = list(dict.fromkeys(r for r in reasons[i:stop] if r))
        gaps.append(Gap(i, stop, "; ".join(words), "<br>".join(
            _detail(slots[k].label, reasons[k], rows.iloc[k].get("note")) for k in range(i, stop))))
        i = stop
    return _with_boundary_breaks(gaps, rows, reasons, area_code)


def _detail(period: str, reason: str | None, note: Any) -> str:
    text = f"{period}: {reason}"
    return text if is_missing(note) or not str(note).strip() else f"{text} ({str(note).strip()})"


def _with_boundary_breaks(gaps: list[Gap], rows: pd.DataFrame, reasons: list[str | None],
                          area_code: str) -> list[Gap]:
    """Between two drawn values on different geography vintages of an area whose boundary changed: a break of
    its own when they are neighbours, else the words added to the gap between them."""
    if "geography" not in rows or area_code not in changed_areas():
        return gaps
    drawn = [i for i, reason in enumerate(reasons) if reason is None]
    for i, j in zip(drawn, drawn[1:], strict=False):
        if str(rows["geography"].iloc[i]) == str(rows["geography"].iloc[j]):
            continue
        if j == i + 1:
            gaps.append(Gap(j, j, BOUNDARY_CHANGE, f"{BOUNDARY_CHANGE} between {rows.index[i]} and {rows.index[j]}: "
                                                   "the area's figures before and after are not comparable"))
        else:
            gaps = [Gap(g.start, g.stop, f"{g.reason}; {BOUNDARY_CHANGE}", f"{g.detail}<br>{BOUNDARY_CHANGE}")
                    if g.start == i + 1 else g for g in gaps]
    return sorted(gaps, key=lambda g: (g.start, g.stop))
