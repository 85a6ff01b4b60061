"""A measure slide's facts: the big number and its period, then three judgements as status chips.

Each judgement (compared with England, change since baseline, recent trend) is a chip in the theme's
colour for it with a symbol and a word (``presentation.status_words``, the cells of the status
summary on slide 1), so the slide and the summary cannot word one differently, and the chip reads on
a washed-out projector and in black and white alike. England-only measures say so instead of a
comparison.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dash import html

from presentation import theme
from presentation.formatting import ESTIMATE, format_value, unit_words
from presentation.status_words import Cell, change_cell, comparison_cell, trend_cell

if TYPE_CHECKING:
    from data_access.read.status import StatusRow

ENGLAND_ONLY = "England only"


def chip(cell: Cell) -> html.Span:
    """The judgement's symbol and word on the theme's colour for it (a bordered plain chip when unjudged)."""
    style: dict[str, Any] = {"borderColor": theme.TEXT}
    if cell.colour:
        style.update({"backgroundColor": cell.colour, "color": cell.text_colour or theme.TEXT})
    symbol = [html.Span(cell.symbol + " ", **{"aria-hidden": "true"})] if cell.symbol else []
    return html.Span([*symbol, cell.text], className="present-chip", style=style)


def value_line(row: StatusRow) -> list[Any]:
    """The big number with its unit in smaller type ("4.0" + "per 100,000")."""
    spec, summary = row.spec, row.summary
    value = format_value(summary.latest_value, spec, suppressed=summary.suppressed, short=True)
    if value == "–":
        return [html.Span("Suppressed" if summary.suppressed else "No data", className="present-slide__number")]
    unit = "" if summary.suppressed or value.endswith("%") or spec.measure == "count" else unit_words(spec)
    return [html.Span(value, className="present-slide__number"),
            html.Span(f" {unit}", className="present-slide__unit") if unit else None,
            html.Span(f" ({ESTIMATE})", className="present-slide__unit") if summary.estimated else None]


def _fact(label: str, cell: Cell | None, note: str | None) -> html.P:
    return html.P([html.Span(label, className="present-fact__label"), chip(cell) if cell else None,
                   html.Span(note, className="present-fact__note") if note else None], className="present-fact")


def _comparison(row: StatusRow, area_name: str) -> html.P | None:
    """The comparison chip; an England-only measure says so (on England's own deck, nothing is compared)."""
    if area_name == "England":
        return None
    if not row.local:
        return _fact("Compared with England", None, f"There is no {area_name} figure for this measure.")
    cell = comparison_cell(row)
    england = format_value(row.summary.england_value, row.spec, short=True)
    note = f"England: {england}" if not cell.note or cell.routine else f"{cell.note}. England: {england}"
    return _fact("Compared with England", cell, note)


def facts(row: StatusRow, area_name: str) -> list[Any]:
    """The value, its area and period, and the three judgement chips, as children of the facts column."""
    summary = row.summary
    shown = area_name if row.local else "England"
    period = summary.latest_period or "no period published"
    change = change_cell(row)
    trend = trend_cell(row)
    return [
        html.P(value_line(row), className="present-slide__value"),
        html.P(f"{shown}, {period}" + (" (provisional)" if summary.provisional else "")
               + (f": {row.reason}" if row.reason else ""), className="present-slide__period"),
        _comparison(row, area_name),
        _fact("Change since baseline", change, change.note),
        _fact("Recent trend", trend, trend.note),
    ]
