"""The status summary's words and colours, cell by cell: what the web block and the board pack's table both print.

Every judgement is a ``Cell``: a symbol, a word and the theme's colour for it, so it reads in colour,
in black and white and to a screen reader alike, and the pack and the page cannot word one
differently. An empty cell always carries its reason (``note``). Pure functions of a
``data_access.read.status.StatusSummary``; no Dash, no reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from presentation import theme
from presentation.formatting import ESTIMATE, MINUS, format_count, format_number, format_value, is_percent

if TYPE_CHECKING:
    from data_access.read.status import StatusRow, StatusSummary

ENGLAND_ONLY = "England only"
NO_TARGET = "The framework sets no numeric target for this measure."
HEADERS = ("Measure", "Latest", "England", "Compared with England", "Change since baseline", "Recent trend",
           "England's ambition")

_COMPARISON_WORDS = {"better": "Better", "similar": "Similar", "worse": "Worse", "higher": "Higher",
                     "lower": "Lower"}
_CHANGE_WORDS = {"improved": "Improved", "worsened": "Worsened", "no_significant_change": "No significant change",
                 "increased": "Increased", "decreased": "Decreased"}
_TREND = {"increasing": ("↗", "Increasing"), "decreasing": ("↘", "Decreasing"),
          "no_significant_change": ("→", "No significant change"), "not_enough_data": ("", "Not enough data")}
_TREND_STYLE = {"getting_better": "improved", "getting_worse": "worsened", "no_significant_change":
                "no_significant_change"}
# Ambition states drawn as the comparison categories they mean (on track reads as "better").
_AMBITION = {"on_track": ("better", "On track"), "met": ("better", "Met"), "off_track": ("worse", "Not on track"),
             "missed": ("worse", "Not met"), "too_close": ("similar", "Too early to say"),
             "no_data": ("not_compared", "Cannot yet say"), "no_target": ("not_compared", "No numeric target")}


@dataclass(frozen=True)
class Cell:
    """One table cell: ``text`` (with ``symbol`` before it), the fill ``colour`` and the ``text_colour`` that
    reads on it (None: plain), and a ``note`` under it (a reason, a period, an interval)."""

    text: str
    symbol: str = ""
    colour: str | None = None
    text_colour: str | None = None
    note: str | None = None
    #: The note only says how the judgement was made ("than England (95%)"), not why a cell is empty: a
    #: screen short of room (a slide) may leave it out.
    routine: bool = False


def _styled(style: dict[str, str], text: str, note: str | None = None, symbol: str | None = None,
            routine: bool = False) -> Cell:
    return Cell(text, style["symbol"] if symbol is None else symbol, style["colour"], style["text_colour"], note,
                routine)


def measure_cell(row: StatusRow) -> Cell:
    """The measure's short name and its unit under it (values are short)."""
    unit = row.spec.value_unit
    return Cell(row.spec.short_name, note=unit)


def latest_cell(row: StatusRow) -> Cell:
    """The shown area's latest value and period, or why there is none."""
    summary = row.summary
    if not row.local:
        return Cell(ENGLAND_ONLY)
    if row.reason:
        return Cell("Suppressed" if summary.suppressed else "No data", note=row.reason)
    value = format_value(summary.latest_value, row.spec, short=True)
    if summary.estimated:
        value += f" ({ESTIMATE})"
    period = str(summary.latest_period) + (" (provisional)" if summary.provisional else "")
    return Cell(value, note=period)


def england_cell(row: StatusRow) -> Cell:
    summary = row.summary
    if row.local:
        return Cell(format_value(summary.england_value, row.spec, short=True), note=summary.latest_period)
    if row.reason:
        return Cell("No data", note=row.reason)
    return Cell(format_value(summary.latest_value, row.spec, short=True),
                note=str(summary.latest_period) + (" (provisional)" if summary.provisional else ""))


def comparison_cell(row: StatusRow) -> Cell:
    """ "✗ Worse" in the worse colour (95% test), or "○ Not compared" with the reason."""
    label = row.summary.comparison
    if not row.local:
        return _styled(theme.comparison_style(None), "Not compared")
    if not row.has_value:
        return _styled(theme.comparison_style(None), "Not compared", "no value to compare")
    if label in _COMPARISON_WORDS:
        return _styled(theme.comparison_style(label), _COMPARISON_WORDS[label], "than England (95%)"
                       if label != "similar" else "to England (95%)", routine=True)
    return _styled(theme.comparison_style(None), "Not compared", row.comparison_reason)


def _change_reason(row: StatusRow) -> str | None:
    summary, spec = row.summary, row.spec
    if not row.has_value and row.local:
        return "no value to test"
    if summary.baseline_value is None:
        return "no baseline set" if spec.baseline_rule == "none" else \
            f"no {summary.baseline_period or 'baseline'} value to compare with"
    if summary.latest_period == summary.baseline_period:
        return "the latest period is the baseline period"
    return None


def _short_change(row: StatusRow) -> str:
    """ "+1.1 (+19.6%)" or "+18.0 points": the unit is under the measure's name."""
    change, pct = row.summary.change, row.summary.change_pct
    if change is None:
        return "–"
    text = ("+" if change > 0 else "") + format_number(change, row.spec)
    if is_percent(row.spec):
        return text + " points"
    if pct is not None:
        text += f" ({'+' if pct > 0 else MINUS if pct < 0 else ''}{abs(pct):.1f}%)"
    return text


def change_cell(row: StatusRow) -> Cell:
    """ "✓ Improved: −1.2 (−8.0%) since 2019/20" (tested at 95%), or why it was not tested."""
    summary = row.summary
    reason = _change_reason(row)
    if reason:
        return _styled(theme.change_style(None), "Not tested", reason)
    amount = _short_change(row)
    since = f"{amount} since {summary.baseline_period}" + ("" if row.local else " (England)")
    word = _CHANGE_WORDS.get(summary.significance or "")
    if word is None:
        return _styled(theme.change_style(None), "Not tested", since)
    return _styled(theme.change_style(summary.significance), word, since)


def trend_cell(row: StatusRow) -> Cell:
    """ "↗ Increasing" with the colour of its judgement (getting better or worse), or "Not enough data"."""
    summary = row.summary
    arrow, words = _TREND.get(summary.trend or "", ("", "Not tested"))
    key = _TREND_STYLE.get(summary.trend_judgement or "")
    if summary.trend_judgement == "not_judged":
        key = "increased" if summary.trend == "increasing" else "decreased"
    note = {"getting_better": "getting better", "getting_worse": "getting worse"}.get(summary.trend_judgement or "")
    return _styled(theme.change_style(key), words, note or ("latest five periods" if arrow else None), symbol=arrow,
                   routine=note is None)


def ambition_sentence(row: StatusRow) -> str:
    """England against the framework's ambition for the measure, in one or two plain sentences."""
    status = row.ambition
    target = status.target
    if target is None or status.state == "no_target":
        return NO_TARGET
    label = target.label
    if status.basis == "trend":
        trend = {"on_track": "its recent trend is falling", "met": "its recent trend is falling",
                 "off_track": "its recent trend is still rising, not reversed",
                 "missed": "its recent trend is still rising, not reversed",
                 "too_close": "its recent trend shows no significant change"}.get(status.state)
        lead = {"on_track": "England is on track", "met": "England has met the aim",
                "off_track": "England is not on track", "missed": "England has not met the aim",
                "too_close": "It is too early to say whether England is on track"}.get(status.state)
        extra = " The number prevented is modelled, not published, so no trajectory is drawn."
        if lead is None:
            return f"England's figures do not yet show whether the ambition of {label} is on track." + extra
        return f"{lead} for the ambition of {label}: {trend}." + extra
    if status.state == "no_data":
        return f"England's figures do not yet allow a judgement on the ambition of {label}."
    actual = format_count(status.actual)  # a count of people, closures or disruptions, or their total
    expected = format_count(status.expected)
    what = "in total by" if status.basis == "total" else "in"
    lead = {"on_track": "England is on track for", "off_track": "England is not on track for",
            "met": "England has met", "missed": "England has not met"}[status.state]
    needed = "on the trajectory" if status.state in ("on_track", "off_track") else "needed"
    return f"{lead} the ambition of {label}: {actual} {what} {status.period} against {expected} {needed}."


def ambition_cell(row: StatusRow) -> Cell:
    key, word = _AMBITION.get(row.ambition.state, _AMBITION["no_data"])
    return _styled(theme.comparison_style(key), word, ambition_sentence(row))


def row_cells(row: StatusRow) -> tuple[Cell, ...]:
    """The row's cells in ``HEADERS`` order."""
    return (measure_cell(row), latest_cell(row), england_cell(row), comparison_cell(row), change_cell(row),
            trend_cell(row), ambition_cell(row))


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def headline_sentence(summary: StatusSummary) -> str:
    """ "3 headline measures significantly worse than England, 2 better; 2 improved since baseline, 1 worsened."."""
    if summary.area_type != "partnership":
        improved = sum(1 for row in summary.rows if row.summary.significance == "improved")
        worsened = sum(1 for row in summary.rows if row.summary.significance == "worsened")
        return (f"England: {_count(improved, 'headline measure')} significantly improved since baseline, "
                f"{worsened} worsened.")
    worse, better = summary.count(comparison="worse"), summary.count(comparison="better")
    improved, worsened = summary.count(significance="improved"), summary.count(significance="worsened")
    text = (f"{_count(worse, 'headline measure')} significantly worse than England, {better} better; "
            f"{improved} improved since baseline, {worsened} worsened")
    missing = sum(1 for row in summary.local_rows if not row.has_value)
    if missing:
        text += f"; {missing} without a current value"
    national = len(summary.england_rows)
    if national:
        text += f" ({_count(national, 'more measure')} for England only)"
    return text + "."
