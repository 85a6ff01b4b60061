"""A tiny trend line for headline tiles: no axes, no title, last point marked.

It is decorative — the tile's text states the value, the change and the comparison — so it is
hidden from screen readers by the tile, and drawn as a few lines of inline SVG rather than as a
Plotly chart. As twelve Plotly charts, the overview's sparklines held the browser's main thread for
about 0.7 s after their data arrived (each chart applies the theme's template, builds axes and
measures text it then hides); the SVG is a polyline per unbroken run of values, drawn by the
browser's HTML parser with the rest of the tile (``blocks.html_block``), and it prints sharp.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from presentation import theme
from presentation.figures._common import gap_values, suppressed_flags

#: The drawing's own coordinates; it is stretched to the tile's width and ``height`` px tall.
WIDTH, HEIGHT = 100.0, 100.0
#: Room kept at the edges (in drawing units) so the line and the last point are never cut.
PAD_X, PAD_Y = 4.0, 12.0


def sparkline_points(series: pd.DataFrame) -> list[float | None]:
    """One area's values in period order, ``None`` for a suppressed or missing period (the line breaks)."""
    frame = series.copy()
    if "period_start" in frame:
        frame = frame.assign(_start=pd.to_datetime(frame["period_start"], errors="coerce")).sort_values("_start")
    return gap_values(frame["value"], suppressed_flags(frame))


def _position(values: list[float | None]) -> list[tuple[float, float] | None]:
    known = [v for v in values if v is not None]
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD_X) / max(len(values) - 1, 1)
    return [None if v is None else
            (round(PAD_X + i * step, 2),
             round(HEIGHT - PAD_Y - ((v - low) / span if high > low else 0.5) * (HEIGHT - 2 * PAD_Y), 2))
            for i, v in enumerate(values)]


def sparkline_svg(series: pd.DataFrame, *, height: int = 56) -> str | None:
    """The sparkline as escaped SVG markup (None when the series has no value to draw).

    The drawing stretches to its box (``preserveAspectRatio="none"``) while the strokes keep their
    width (``vector-effect``); the last point is a round-capped zero-length line so it stays a dot.
    """
    values = sparkline_points(series)
    if not any(v is not None for v in values):
        return None
    points = _position(values)
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
