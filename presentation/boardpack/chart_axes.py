"""The pack trend drawing's frame: where a date and a value land on the page, the axes, markers and the legend.

Periods are placed by their dates, as on screen (``figures.timeline``): a period sits at the middle of
the dates it covers, so a skipped year shows as the distance it is, and its label keeps the
publisher's wording. Each line has its own dash pattern and marker shape as well as its colour (the
area solid with circles, England dashed with squares, the region dotted with triangles, the ambition
dash-dot with diamonds), so the chart reads on a black-and-white print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from presentation import theme
from presentation.boardpack import styles
from presentation.figures.timeline import PeriodSlot, tick_positions

AREA_COLOUR = styles.colour(theme.SELECTED)
ENGLAND_COLOUR = styles.colour(theme.ENGLAND)
REGION_COLOUR = styles.colour(theme.REGION)
AMBITION_COLOUR = styles.colour(theme.AMBITION)
BASELINE_COLOUR = styles.colour(theme.BASELINE)
PROVISIONAL_COLOUR = styles.colour(theme.PROVISIONAL)
# The interval band as a solid tint (18% of the area colour on white) so no PDF transparency is needed.
BAND_COLOUR = colors.linearlyInterpolatedColor(colors.white, AREA_COLOUR, 0, 1, 0.18)
# Gaps are a faint grey tint, lighter than the provisional shading.
GAP_COLOUR = colors.linearlyInterpolatedColor(colors.white, styles.colour(theme.BORDER), 0, 1, 0.25)
FONT_SIZE = 7.5
MAX_LABELS = 16  # period labels on the axis; quarterly series show every second or third
LEGEND_ROW = 10  # the height of one legend row, in points
#: Each line's look: colour, width, dash pattern and marker shape (the legend draws the same).
LINES = {
    "area": (AREA_COLOUR, 2.0, None, "circle"),
    "england": (ENGLAND_COLOUR, 1.2, [4, 2.5], "square"),
    "region": (REGION_COLOUR, 1.2, [1, 1.8], "triangle"),
    "ambition": (AMBITION_COLOUR, 1.4, [5, 2, 1, 2], "diamond"),
}


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


class Frame:
    """Maps a period slot (by its dates) and a value to drawing coordinates."""

    def __init__(self, left: float, bottom: float, width: float, height: float, slots: Sequence[PeriodSlot],
                 top_value: float, extra: Sequence[pd.Timestamp] = ()):
        """``extra``: dates beyond the data the frame must also hold (a trajectory's periods), each given the
        same half-slot of room the data's outermost periods have."""
        self.left, self.bottom, self.width, self.height = left, bottom, width, height
        self.slots = list(slots)
        self.first = self.slots[0].lo if self.slots else pd.Timestamp(0)
        last = self.slots[-1].hi if self.slots else self.first
        if self.slots and extra:
            self.first = min(self.first, min(extra) - (self.slots[0].mid - self.slots[0].lo))
            last = max(last, max(extra) + (self.slots[-1].hi - self.slots[-1].mid))
        span = (last - self.first).total_seconds() if self.slots else 1.0
        self.span = span or 1.0
        self.top_value = top_value

    def at(self, when: pd.Timestamp) -> float:
        return self.left + self.width * (when - self.first).total_seconds() / self.span

    def x(self, index: int) -> float:
        return self.at(self.slots[index].mid)

    def y(self, value: float) -> float:
        return self.bottom + self.height * value / self.top_value


def marker(shape: str, x: float, y: float, colour: colors.Color, size: float = 2.4) -> Any:
    """A point's marker: circle, square, triangle or diamond (shape, not only colour, tells the lines apart)."""
    kwargs = {"fillColor": colour, "strokeColor": colour, "strokeWidth": 0.5}
    if shape == "square":
        return Rect(x - size + 0.2, y - size + 0.2, 2 * size - 0.4, 2 * size - 0.4, **kwargs)
    if shape == "triangle":
        return Polygon([x, y + size + 0.4, x - size - 0.2, y - size + 0.4, x + size + 0.2, y - size + 0.4], **kwargs)
    if shape == "diamond":
        return Polygon([x, y + size + 0.6, x + size, y, x, y - size - 0.6, x - size, y], **kwargs)
    return Circle(x, y, size, **kwargs)


def _entry_width(label: str) -> float:
    return 18 + stringWidth(label, styles.FONT, FONT_SIZE) + 12


def legend_rows(entries: list[tuple[str, str]], width: float) -> list[list[tuple[str, str]]]:
    """The legend's entries in rows no wider than ``width`` (a long ambition label starts a row of its own)."""
    rows: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    for entry in entries:
        needed = _entry_width(entry[1])
        if rows[-1] and used + needed > width:
            rows.append([])
            used = 0.0
        rows[-1].append(entry)
        used += needed
    return rows


def legend(drawing: Drawing, rows: list[list[tuple[str, str]]], y: float, left: float) -> None:
    """Each entry's sample (its line with its marker, the band's tint or the baseline's mark) and label."""
    for row in rows:
        x = left
        for kind, label in row:
            if kind == "band":
                drawing.add(Rect(x, y - 1, 14, 6, fillColor=BAND_COLOUR, strokeColor=None))
            elif kind == "baseline":
                drawing.add(Line(x + 7, y - 2, x + 7, y + 6, strokeColor=BASELINE_COLOUR, strokeDashArray=[1.5, 2]))
            else:
                colour, width, dash, shape = LINES[kind]
                drawing.add(Line(x, y + 2, x + 14, y + 2, strokeColor=colour, strokeWidth=width, strokeDashArray=dash))
                drawing.add(marker(shape, x + 7, y + 2, colour, 2))
            drawing.add(String(x + 18, y, label, fontName=styles.FONT, fontSize=FONT_SIZE, fillColor=styles.TEXT))
            x += _entry_width(label)
        y -= LEGEND_ROW


def axes(plot: Group, frame: Frame, ticks: list[float], rotate: bool, title: str) -> None:
    """Grid lines with value labels, the baseline axis, period labels at their dates (thinned, rotated when
    crowded) and the value axis title."""
    for tick, text in zip(ticks, tick_labels(ticks), strict=True):
        y = frame.y(tick)
        plot.add(Line(frame.left, y, frame.left + frame.width, y, strokeColor=styles.GRID, strokeWidth=0.5))
        plot.add(String(frame.left - 4, y - 2.5, text, fontName=styles.FONT, fontSize=FONT_SIZE,
                        fillColor=styles.SECONDARY, textAnchor="end"))
    plot.add(Line(frame.left, frame.bottom, frame.left + frame.width, frame.bottom, strokeColor=styles.BORDER))
    for when, period in zip(*tick_positions(frame.slots, MAX_LABELS), strict=True):
        label = String(0, 0, period, fontName=styles.FONT, fontSize=FONT_SIZE, fillColor=styles.SECONDARY,
                       textAnchor="end" if rotate else "middle")
        holder = Group(label)
        holder.translate(frame.at(when) + (3 if rotate else 0), frame.bottom - 9)
        if rotate:
            holder.rotate(45)
        plot.add(holder)
    axis = Group(String(0, 0, title, fontName=styles.FONT, fontSize=FONT_SIZE, fillColor=styles.SECONDARY,
                        textAnchor="middle"))
    axis.translate(7, frame.bottom + frame.height / 2)
    axis.rotate(90)
    plot.add(axis)
