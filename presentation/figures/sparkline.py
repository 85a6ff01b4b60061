"""A tiny trend line for headline tiles: no axes, no title, last point marked.

It is decorative — the tile's text states the value, the change and the comparison — so it is
hidden from screen readers by the tile, and drawn as a few lines of inline SVG rather than as a
Plotly chart. As twelve Plotly charts, the overview's sparklines held the browser's main thread for
about 0.7 s after their data arrived (each chart applies the theme's template, builds axes and
measures text it then hides); the SVG is a polyline per unbroken run of values, drawn by the
browser's HTML parser with the rest of the tile (``blocks.html_block``), and it prints sharp.

Like the trend chart, points sit at their periods' dates (``timeline``), so a skipped year is a
wider step and a break in the line, and, given the metric, a rate from fewer than 10 events is not
drawn (``gaps.hidden_flags``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import pandas as pd

from presentation import theme
from presentation.figures._common import gap_values
from presentation.figures.gaps import hidden_flags
from presentation.figures.timeline import period_slots

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

#: The drawing's own coordinates; it is stretched to the tile's width and ``height`` px tall.
WIDTH, HEIGHT = 100.0, 100.0
#: Room kept at the edges (in drawing units) so the line and the last point are never cut.
PAD_X, PAD_Y = 4.0, 12.0


def sparkline_points(series: pd.DataFrame, spec: MetricSpec | None = None) -> list[float | None]:
    """One area's values in period order (skipped periods included), ``None`` for a suppressed, missing,
    skipped or small-number period (the line breaks)."""
    if "period" not in series or "period_start" not in series:
        frame = series.reset_index(drop=True)
        return gap_values(frame["value"], hidden_flags(frame, spec))
    return [point for point, _ in _dated_points(series, spec)]


def _dated_points(series: pd.DataFrame, spec: MetricSpec | None) -> list[tuple[float | None, float]]:
    """(value, horizontal place 0..1 by date) for every period slot of the series."""
    slots = period_slots(series)
    rows = series.drop_duplicates("period")
    rows = rows.set_index(rows["period"].astype(str)).reindex([slot.label for slot in slots])
    values = gap_values(rows["value"], hidden_flags(rows, spec))
    first, last = (slots[0].mid, slots[-1].mid) if slots else (None, None)
    span = (last - first).total_seconds() if slots and last != first else 0.0
    places = [((slot.mid - first).total_seconds() / span) if span else 0.5 for slot in slots]
    return list(zip(values, places, strict=True))


def _position(points: list[tuple[float | None, float]]) -> list[tuple[float, float] | None]:
    known = [v for v, _ in points if v is not None]
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    return [None if v is None else
            (round(PAD_X + place * (WIDTH - 2 * PAD_X), 2),
             round(HEIGHT - PAD_Y - ((v - low) / span if high > low else 0.5) * (HEIGHT - 2 * PAD_Y), 2))
            for v, place in points]


def _evenly(values: list[float | None]) -> list[tuple[float | None, float]]:
    step = 1 / max(len(values) - 1, 1)
    return [(v, i * step if len(values) > 1 else 0.5) for i, v in enumerate(values)]


def sparkline_svg(series: pd.DataFrame, *, height: int = 56, spec: MetricSpec | None = None) -> str | None:
    """The sparkline as escaped SVG markup (None when the series has no value to draw).

    The drawing stretches to its box (``preserveAspectRatio="none"``) while the strokes keep their
    width (``vector-effect``); the last point is a round-capped zero-length line so it stays a dot.
    """
    dated = "period" in series and "period_start" in series
    pairs = _dated_points(series, spec) if dated else _evenly(sparkline_points(series, spec))
    if not any(v is not None for v, _ in pairs):
        return None
    points = _position(pairs)
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    colour = escape(theme.SELECTED, quote=True)
    stroke = f'fill="none" stroke="{colour}" vector-effect="non-scaling-stroke" stroke-linecap="round"'
    lines = "".join(f'<polyline points="{" ".join(f"{x},{y}" for x, y in run)}" stroke-width="2" {stroke}/>'
                    for run in runs if len(run) > 1)
    last_x, last_y = next(p for p in reversed(points) if p is not None)
    dot = f'<path d="M{last_x} {last_y}h0" stroke-width="8" {stroke}/>'
    return (f'<svg class="sparkline" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" preserveAspectRatio="none" '
            f'width="100%" height="{int(height)}" focusable="false">{lines}{dot}</svg>')
