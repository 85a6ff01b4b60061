"""Time periods: parse the labels publishers use into a canonical label, a type and dates.

Canonical labels: ``2021/22`` (financial or academic year), ``2021`` (calendar year),
``2019-21`` (rolling three calendar years), ``Q4 2021/22`` (financial quarter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_TYPES = ("financial_year", "academic_year", "calendar_year", "rolling_3_year", "quarter")

_YEAR_PAIR = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$", re.I)
_CAL = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(?:q([1-4])\s+(\d{4})\s*[/-]\s*(\d{2}|\d{4})|(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s+q([1-4]))$", re.I)


class PeriodError(ValueError):
    """A period label that cannot be understood."""


@dataclass(frozen=True, order=True)
class PeriodSpec:
    start: date
    end: date
    label: str
    type: str


def _second_year(first: int, second: str) -> int:
    value = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
    if value < first:
        value += 100
    return value


def _quarter(q: int, fy: int) -> PeriodSpec:
    start_month = 4 + 3 * (q - 1)
    year = fy if start_month <= 12 else fy + 1
    start_month = start_month if start_month <= 12 else start_month - 12
    start = date(year, start_month, 1)
    end_month = start_month + 3
    end = (date(year + 1, end_month - 12, 1) if end_month > 12 else date(year, end_month, 1)) - timedelta(days=1)
    return PeriodSpec(start, end, f"Q{q} {fy}/{str(fy + 1)[-2:]}", "quarter")


def parse_period(label: object, type_hint: str | None = None) -> PeriodSpec:
    """Parse ``label``; ``type_hint`` separates financial from academic years and years from pools.

    Raises:
        PeriodError: the label matches no known form, or its years are inconsistent.
    """
    if type_hint is not None and type_hint not in PERIOD_TYPES:
        raise PeriodError(f"unknown period type {type_hint!r}")
    text = re.sub(r"\s+", " ", str(label or "").strip())
    if not text:
        raise PeriodError("period is empty")
    if m := _QUARTER.match(text):
        q, y1, y2 = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(4), m.group(5))
        fy = int(y1)
        if _second_year(fy, y2) != fy + 1:
            raise PeriodError(f"{text!r}: the years of a financial year must be consecutive")
        return _quarter(int(q), fy)
    if m := _YEAR_PAIR.match(text):
        first = int(m.group(1))
        second = _second_year(first, m.group(2))
        if second == first + 2 and type_hint in (None, "rolling_3_year"):
            return PeriodSpec(date(first, 1, 1), date(second, 12, 31), f"{first}-{str(second)[-2:]}", "rolling_3_year")
        if second != first + 1:
            raise PeriodError(f"{text!r}: expected consecutive years (2021/22) or a three-year pool (2019-21)")
        if type_hint == "academic_year":
            return PeriodSpec(date(first, 9, 1), date(second, 8, 31), f"{first}/{str(second)[-2:]}", "academic_year")
        if type_hint not in (None, "financial_year"):
            raise PeriodError(f"{text!r} is a year pair, not a {type_hint.replace('_', ' ')}")
        return PeriodSpec(date(first, 4, 1), date(second, 3, 31), f"{first}/{str(second)[-2:]}", "financial_year")
    if m := _CAL.match(text):
        year = int(m.group(1))
        if type_hint not in (None, "calendar_year"):
            raise PeriodError(f"{text!r} is a calendar year, not a {type_hint.replace('_', ' ')}")
        return PeriodSpec(date(year, 1, 1), date(year, 12, 31), str(year), "calendar_year")
    raise PeriodError(f"{text!r} is not a period this dashboard understands (e.g. 2021/22, 2021, 2019-21, Q4 2021/22)")


def period_sequence(first: str, last: str, period_type: str) -> list[PeriodSpec]:
    """Every period of ``period_type`` from ``first`` to ``last`` inclusive, in order."""
    start = parse_period(first, period_type)
    stop = parse_period(last, period_type)
    out = [start]
    while out[-1].end < stop.end:
        out.append(next_period(out[-1]))
    return out


def next_period(spec: PeriodSpec) -> PeriodSpec:
    """The period of the same type that follows ``spec``."""
    if spec.type == "quarter":
        q, fy = int(spec.label[1]), spec.start.year if spec.start.month >= 4 else spec.start.year - 1
        return _quarter(1, fy + 1) if q == 4 else _quarter(q + 1, fy)
    if spec.type == "rolling_3_year":
        first = spec.start.year + 1
        return parse_period(f"{first}-{str(first + 2)[-2:]}", "rolling_3_year")
    if spec.type == "calendar_year":
        return parse_period(str(spec.start.year + 1), "calendar_year")
    first = spec.start.year + 1
    return parse_period(f"{first}/{str(first + 1)[-2:]}", spec.type)
