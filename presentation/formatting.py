"""How numbers read on screen: values, changes and intervals, formatted from the metric's catalogue entry.

One place decides decimals and units so a value reads the same in a tile, a hover label, a table
and a summary sentence. Missing values read "–" and suppressed values "Suppressed" — never 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol
from urllib.parse import urlparse

import pandas as pd

from data_access.statistics.dsr_estimate import METHOD_NOTE
from data_access.vintages import label as vintage_label

MISSING = "–"
SUPPRESSED = "Suppressed"
MINUS = "−"
ESTIMATE = "estimate"
ESTIMATE_FOOTNOTE = (f"Values marked “{ESTIMATE}”: {METHOD_NOTE}. The measure's definition page explains the "
                     "method; a partnership's value is exact when age-specific counts are loaded.")


class MetricLike(Protocol):
    """The catalogue fields formatting needs (``data_access.catalogue.MetricSpec`` satisfies it)."""

    measure: str
    value_unit: str


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas' NA — the forms a missing value takes in the read layer's frames."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        # Array-likes are not scalar "missing" values.
        return False


def is_percent(spec: MetricLike) -> bool:
    """Percent-like metrics show a "%" sign and have changes in percentage points."""
    return spec.measure == "proportion" or spec.value_unit.strip().startswith("%")


def unit_words(spec: MetricLike) -> str:
    """The unit without its parenthetical note: "per 100,000 (age-standardised)" -> "per 100,000"."""
    return re.sub(r"\s*\([^)]*\)", "", spec.value_unit).strip()


def _decimals(spec: MetricLike) -> int:
    """The catalogue's published precision (``MetricSpec.published_decimals``), which CSV downloads round to too."""
    published = getattr(spec, "published_decimals", None)
    if isinstance(published, int):
        return published
    return 0 if spec.measure == "count" else 1


def format_number(value: Any, spec: MetricLike) -> str:
    """The bare number at the metric's precision, with thousands separators; "–" when missing."""
    if is_missing(value):
        return MISSING
    text = f"{abs(float(value)):,.{_decimals(spec)}f}"
    return f"{MINUS}{text}" if float(value) < 0 and float(text.replace(",", "")) != 0 else text


def format_value(value: Any, spec: MetricLike, *, suppressed: bool = False, short: bool = False) -> str:
    """A value as people read it: "9.2%", "9.8 per 100,000", "2,846".

    Args:
        value: the number (NaN/None/NA when missing).
        spec: the metric's catalogue entry.
        suppressed: the publisher withheld the value; shown as "Suppressed" whatever ``value`` is.
        short: drop the unit words (keep "%"), for "England (5.2)" and axis-adjacent labels.
    """
    if suppressed:
        return SUPPRESSED
    if is_missing(value):
        return MISSING
    number = format_number(value, spec)
    if is_percent(spec):
        return f"{number}%"
    if short or spec.measure == "count":
        return number
    unit = unit_words(spec)
    return f"{number} {unit}" if unit else number


def format_change(change: Any, spec: MetricLike, *, change_pct: Any = None) -> str:
    """A signed change since baseline: "+2.1 per 100,000 (+27.3%)", "−1.4 percentage points".

    Percent metrics change in percentage points (a relative % of a % confuses readers), so
    ``change_pct`` is shown only for other measures.
    """
    if is_missing(change):
        return MISSING
    sign = "+" if float(change) > 0 else ""
    number = format_number(change, spec)
    if is_percent(spec):
        return f"{sign}{number} percentage points"
    unit = "" if spec.measure == "count" else unit_words(spec)
    text = f"{sign}{number} {unit}".rstrip()
    if not is_missing(change_pct):
        pct_sign = "+" if float(change_pct) > 0 else (MINUS if float(change_pct) < 0 else "")
        text += f" ({pct_sign}{abs(float(change_pct)):.1f}%)"
    return text


def format_interval(lower: Any, upper: Any, spec: MetricLike, *, level: str = "95") -> str:
    """A confidence interval: "95% CI 8.1 to 11.2"; "–" when either limit is missing."""
    if is_missing(lower) or is_missing(upper):
        return MISSING
    suffix = "%" if is_percent(spec) else ""
    lo = format_number(lower, spec) + suffix
    hi = format_number(upper, spec) + suffix
    return f"{level}% CI {lo} to {hi}"


def format_count(value: Any) -> str:
    """A whole count (numerator, denominator) with thousands separators; "–" when missing."""
    if is_missing(value):
        return MISSING
    return f"{round(float(value)):,}"


def axis_title(spec: MetricLike) -> str:
    """The value axis title: the unit with a capital letter ("Per 100,000 (age-standardised)")."""
    unit = spec.value_unit.strip()
    if is_percent(spec) and unit == "%":
        return "Percentage (%)"
    return unit[:1].upper() + unit[1:]



def is_estimate(row: Mapping[str, Any]) -> bool:
    """True when the row's value was estimated (a partnership's DSR from members' published rates)."""
    flag = row.get("estimated")
    return not is_missing(flag) and bool(flag)


def estimate_marker(row: Mapping[str, Any]) -> str:
    """ " (estimate)" after an estimated value, "" otherwise: an estimate is never shown unlabelled."""
    return f" ({ESTIMATE})" if is_estimate(row) and not is_missing(row.get("value")) else ""


def shown_note(row: Mapping[str, Any]) -> str:
    """The publisher's note (or the estimate's method) on a row, "" when there is none."""
    note = row.get("note")
    return "" if is_missing(note) else str(note).strip()


def geography_line(rows: pd.DataFrame) -> str | None:
    """ "Authorities: upper-tier local authorities from April 2023" for the geography the rows are drawn
    on; each vintage with its periods when a series spans more than one; None when not recorded."""
    if "geography" not in rows or "period" not in rows:
        return None
    frame = rows[rows["geography"].notna() & rows["value"].notna()] if "value" in rows else rows
    frame = frame[frame["geography"].map(lambda code: bool(vintage_label(code)))]
    if frame.empty:
        return None
    if "period_start" in frame:
        frame = frame.sort_values("period_start", kind="stable")
    spans = frame.drop_duplicates("period").groupby("geography", sort=False)["period"].agg(["first", "last"])
    if len(spans) == 1:
        return f"Authorities: {vintage_label(spans.index[0])}"
    parts = [f"{vintage_label(code)} ({first}{'' if first == last else f' to {last}'})"
             for code, (first, last) in spans.iterrows()]
    return "Authorities: " + "; ".join(parts)


def citations(text: str) -> list[tuple[str, str | None]]:
    """A source's ';'-separated citations as (shown text, URL or None): "title — URL" shows the title, a
    bare URL shows its site and path, anything else is plain text."""
    out: list[tuple[str, str | None]] = []
    for part in (p.strip() for p in str(text or "").split(";")):
        if not part:
            continue
        title, _, url = part.rpartition(" — ")
        if title and url.startswith(("http://", "https://")):
            out.append((title, url))
        elif part.startswith(("http://", "https://")):
            parsed = urlparse(part)
            out.append(((parsed.netloc.removeprefix("www.") + parsed.path.rstrip("/"))[:70], part))
        else:
            out.append((part, None))
    return out
