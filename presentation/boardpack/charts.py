"""The pack's trend chart, drawn natively as PDF vector graphics with reportlab.

Why not a Plotly image through kaleido: kaleido 1.x drives a Chromium process per export, which the
published container image does not have, and which is slow and fragile inside a web worker. A
native drawing needs nothing but reportlab, is deterministic (the same data gives the same bytes),
stays sharp when printed, and its labels are real text. It follows the on-screen
``trend_figure``: periods as categories in time order, the area solid with its 95% interval
shaded, England dashed, the baseline marked and labelled, provisional periods shaded, estimates as
open circles, suppressed or missing values left as gaps (never zero).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from data_access.geography import ENGLAND
from presentation import theme
from presentation.boardpack import styles
from presentation.formatting import axis_title, is_missing

AREA_COLOUR = styles.colour(theme.SELECTED)
ENGLAND_COLOUR = styles.colour(theme.ENGLAND)
BASELINE_COLOUR = styles.colour(theme.BASELINE)
PROVISIONAL_COLOUR = styles.colour(theme.PROVISIONAL)
# The interval band as a solid tint (18% of the area colour on white) so no PDF transparency is needed.
BAND_COLOUR = colors.linearlyInterpolatedColor(colors.white, AREA_COLOUR, 0, 1, 0.18)
FONT_SIZE = 7.5
MAX_LABELS = 16  # period labels on the axis; quarterly series show every second or third


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Evenly spaced round tick values from 0 to at least ``top`` (1, 2, 2.5 or 5 × a power of ten)."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top - 1e-12:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tick_labels(ticks: Sequence[float]) -> list[str]:
    """Tick texts with thousands separators and only as many decimals as the step needs (0, 2.5, 5 …)."""
    decimals = next((d for d in range(4) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 3)
    return [f"{t:,.{decimals}f}" for t in ticks]


def _aligned(rows: pd.DataFrame, order: list[str], column: str) -> list[float | None]:
    if rows.empty or column not in rows:
        return [None] * len(order)
    indexed = rows.drop_duplicates("period").set_index(rows.drop_duplicates("period")["period"].astype(str))
    values = []
    for period in order:
        if period not in indexed.index:
            values.append(None)
            continue
        row = indexed.loc[period]
        hidden = not is_missing(row.get("suppressed")) and bool(row.get("suppressed"))
        value = row.get(column)
        values.append(None if hidden or is_missing(value) else float(value))
    return values


def _runs(values: Sequence[Any]) -> list[tuple[int, int]]:
    runs, start = [], None
    for i, value in enumerate([*values, None]):
        if value is not None and start is None:
            start = i
        elif value is None and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _marker(x: float, y: float, square: bool, colour: colors.Color) -> Any:
    """England's points are squares and the area's circles, as on screen (shape, not only colour)."""
    if square:
        return Rect(x - 2.2, y - 2.2, 4.4, 4.4, fillColor=colour, strokeColor=colour, strokeWidth=0.5)
    return Circle(x, y, 2.4, fillColor=colour, strokeColor=colour, strokeWidth=0.5)


class _Frame:
    """Maps category index and value to drawing coordinates."""

    def __init__(self, left: float, bottom: float, width: float, height: float, n: int, top_value: float):
        self.left, self.bottom, self.width, self.height = left, bottom, width, height
        self.step = width / max(n, 1)
        self.top_value = top_value

    def x(self, index: float) -> float:
        return self.left + (index + 0.5) * self.step

    def y(self, value: float) -> float:
        return self.bottom + self.height * value / self.top_value


def _line(group: Group, frame: _Frame, values: list[float | None], colour: colors.Color, *, dashed: bool,
          square: bool, width: float) -> None:
    for start, stop in _runs(values):
        points = [c for i in range(start, stop) for c in (frame.x(i), frame.y(values[i]))]
        if stop - start > 1:
            group.add(PolyLine(points, strokeColor=colour, strokeWidth=width,
                               strokeDashArray=[4, 2.5] if dashed else None))
        for i in range(start, stop):
            group.add(_marker(frame.x(i), frame.y(values[i]), square, colour))


def _band(group: Group, frame: _Frame, lower: list[float | None], upper: list[float | None]) -> None:
    both = [lo if lo is not None and up is not None else None for lo, up in zip(lower, upper, strict=True)]
    for start, stop in _runs(both):
        if stop - start == 1:
            x = frame.x(start)
            group.add(Line(x, frame.y(lower[start]), x, frame.y(upper[start]), strokeColor=AREA_COLOUR,
                           strokeWidth=1))
            continue
        top = [c for i in range(start, stop) for c in (frame.x(i), frame.y(upper[i]))]
        bottom = [c for i in reversed(range(start, stop)) for c in (frame.x(i), frame.y(lower[i]))]
        group.add(Polygon(top + bottom, fillColor=BAND_COLOUR, strokeColor=None, strokeWidth=0))


def _baseline(group: Group, frame: _Frame, order: list[str], baseline_periods: Sequence[str], rule: str,
              baseline_value: Any) -> None:
    periods = [p for p in baseline_periods if p in order]
    if not periods:
        return
    font = styles.FONT
    if rule == "average" and len(periods) > 1 and not is_missing(baseline_value):
        x0, x1 = frame.x(order.index(periods[0]) - 0.4), frame.x(order.index(periods[-1]) + 0.4)
        y = frame.y(float(baseline_value))
        group.add(Line(x0, y, x1, y, strokeColor=BASELINE_COLOUR, strokeWidth=2))
        group.add(String(x0, y + 3, f"Baseline: average {periods[0]} to {periods[-1]}", fontName=font,
                         fontSize=FONT_SIZE, fillColor=styles.TEXT))
        return
    x = frame.x(order.index(periods[0]))
    group.add(Line(x, frame.bottom, x, frame.bottom + frame.height, strokeColor=BASELINE_COLOUR, strokeWidth=1,
                   strokeDashArray=[1.5, 2]))
    group.add(String(x + 3, frame.bottom + frame.height - FONT_SIZE, f"Baseline {periods[0]}", fontName=font,
                     fontSize=FONT_SIZE, fillColor=styles.TEXT))


def _legend(drawing: Drawing, entries: list[tuple[str, str]], y: float, left: float) -> None:
    x = left
    for kind, label in entries:
        if kind == "band":
            drawing.add(Rect(x, y - 1, 14, 6, fillColor=BAND_COLOUR, strokeColor=None))
        elif kind == "baseline":
            drawing.add(Line(x + 7, y - 2, x + 7, y + 6, strokeColor=BASELINE_COLOUR, strokeDashArray=[1.5, 2]))
        else:
            colour = AREA_COLOUR if kind == "area" else ENGLAND_COLOUR
            drawing.add(Line(x, y + 2, x + 14, y + 2, strokeColor=colour, strokeWidth=2 if kind == "area" else 1.2,
                             strokeDashArray=[4, 2.5] if kind == "england" else None))
        drawing.add(String(x + 18, y, label, fontName=styles.FONT, fontSize=FONT_SIZE, fillColor=styles.TEXT))
        x += 18 + stringWidth(label, styles.FONT, FONT_SIZE) + 12


def _axes(plot: Group, frame: _Frame, ticks: list[float], order: list[str], rotate: bool, title: str) -> None:
    """Grid lines with value labels, the baseline axis, period labels (thinned, rotated when crowded) and
    the value axis title."""
    for tick, text in zip(ticks, tick_labels(ticks), strict=True):
        y = frame.y(tick)
        plot.add(Line(frame.left, y, frame.left + frame.width, y, strokeColor=styles.GRID, strokeWidth=0.5))
        plot.add(String(frame.left - 4, y - 2.5, text, fontName=styles.FONT, fontSize=FONT_SIZE,
                        fillColor=styles.SECONDARY, textAnchor="end"))
    plot.add(Line(frame.left, frame.bottom, frame.left + frame.width, frame.bottom, strokeColor=styles.BORDER))
    every = math.ceil(len(order) / MAX_LABELS)
    for i, period in enumerate(order):
        if (len(order) - 1 - i) % every:  # thin crowded labels, always keeping the latest period's
            continue
        label = String(0, 0, period, fontName=styles.FONT, fontSize=FONT_SIZE, fillColor=styles.SECONDARY,
                       textAnchor="end" if rotate else "middle")
        holder = Group(label)
        holder.translate(frame.x(i) + (3 if rotate else 0), frame.bottom - 9)
        if rotate:
            holder.rotate(45)
        plot.add(holder)
    axis = Group(String(0, 0, title, fontName=styles.FONT, fontSize=FONT_SIZE, fillColor=styles.SECONDARY,
                        textAnchor="middle"))
    axis.translate(7, frame.bottom + frame.height / 2)
    axis.rotate(90)
    plot.add(axis)


def trend_drawing(series: pd.DataFrame, *, spec: Any, selected_code: str, selected_name: str,
                  summary: Mapping[str, Any], width: float, height: float = 190) -> Drawing:
    """The trend of ``selected_code`` (and England, when it is another area) as a reportlab Drawing."""
    styles.register_fonts()
    frame_rows = series.assign(_start=pd.to_datetime(series["period_start"])).sort_values("_start", kind="stable")
    order = list(dict.fromkeys(frame_rows["period"].astype(str)))
    chosen = frame_rows[frame_rows["area_code"] == selected_code]
    england = frame_rows[frame_rows["area_code"] == ENGLAND] if selected_code != ENGLAND else None
    values = _aligned(chosen, order, "value")
    lower, upper = _aligned(chosen, order, "lower_ci"), _aligned(chosen, order, "upper_ci")
    england_values = _aligned(england, order, "value") if england is not None else [None] * len(order)
    numbers = [v for v in [*values, *upper, *england_values] if v is not None]
    ticks = nice_ticks(max(numbers) * 1.05 if numbers else 1.0)
    label_width = max(stringWidth(t, styles.FONT, FONT_SIZE) for t in tick_labels(ticks))
    longest = max((stringWidth(p, styles.FONT, FONT_SIZE) for p in order), default=0)
    rotate = len(order) > 8 or longest > 40
    bottom = 16 + longest * 0.72 if rotate else 18  # room for labels at 45°: width × sin 45°
    left = label_width + 20
    frame = _Frame(left, bottom, width - left - 8, height - bottom - 24, len(order), ticks[-1])
    drawing = Drawing(width, height)
    plot = Group()
    for i, flag in enumerate(_aligned(chosen, order, "provisional") if "provisional" in chosen else []):
        if flag:
            plot.add(Rect(frame.x(i - 0.5), frame.bottom, frame.step, frame.height, fillColor=PROVISIONAL_COLOUR,
                          strokeColor=None))
    _axes(plot, frame, ticks, order, rotate, axis_title(spec))
    if spec.has_interval:
        _band(plot, frame, lower, upper)
    _baseline(plot, frame, order, spec.baseline_periods, spec.baseline_rule, summary.get("baseline_value"))
    if england is not None:
        _line(plot, frame, england_values, ENGLAND_COLOUR, dashed=True, square=True, width=1.2)
    _line(plot, frame, values, AREA_COLOUR, dashed=False, square=False, width=2)
    estimated = [bool(flag) and values[i] is not None for i, flag in enumerate(
        _aligned(chosen, order, "estimated") if "estimated" in chosen else [])]
    for i in (i for i, flag in enumerate(estimated) if flag):  # an estimate is an open circle, as on screen
        plot.add(Circle(frame.x(i), frame.y(values[i]), 2.4, fillColor=colors.white, strokeColor=AREA_COLOUR,
                        strokeWidth=1))
    for i, period in enumerate(order):
        row = chosen[chosen["period"].astype(str) == period]
        if not row.empty and bool(row["suppressed"].eq(True).iloc[0]):
            plot.add(String(frame.x(i), frame.bottom + 3, "Suppressed", fontName=styles.FONT, fontSize=6.5,
                            fillColor=styles.SECONDARY, textAnchor="middle"))
    drawing.add(plot)
    name = selected_name + (" (open circles: estimates)" if any(estimated) else "")
    entries = [("area", name)] + ([("england", "England")] if england is not None else [])
    if spec.has_interval:
        entries.append(("band", "95% confidence interval"))
    if [p for p in spec.baseline_periods if p in order]:
        entries.append(("baseline", "Baseline"))
    _legend(drawing, entries, height - 10, frame.left)
    return drawing
