"""The pack's trend chart, drawn natively as PDF vector graphics with reportlab.

Why not a Plotly image through kaleido: kaleido 1.x drives a Chromium process per export, which the
published container image does not have, and which is slow and fragile inside a web worker. A
native drawing needs nothing but reportlab, is deterministic (the same data gives the same bytes),
stays sharp when printed, and its labels are real text. It follows the on-screen
``trend_figure``: periods placed by their dates, the area solid with its 95% interval shaded,
its region dotted, England dashed, England's ambition trajectory dash-dot where the framework sets a
numeric ambition (``chart_extras``), the baseline marked and labelled, provisional periods shaded, estimates as open
circles, suppressed, missing, skipped or small-number values left as gaps (never zero), each gap
of the area's line labelled with its reason, and OHID's small-numbers rule stated under the chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from data_access.geography import ENGLAND
from presentation.boardpack import styles
from presentation.boardpack.chart_axes import (
    AREA_COLOUR,
    BAND_COLOUR,
    BASELINE_COLOUR,
    FONT_SIZE,
    GAP_COLOUR,
    LEGEND_ROW,
    LINES,
    PROVISIONAL_COLOUR,
    Frame,
    axes,
    legend,
    legend_rows,
    marker,
    nice_ticks,
    tick_labels,
)
from presentation.boardpack.chart_extras import ambition_name, draw_trajectory, region_name, region_rows, trajectory
from presentation.figures.gaps import SMALL_NUMBERS_NOTE, Gap, hidden_flags, line_gaps, small_count_flags
from presentation.figures.timeline import period_slots
from presentation.figures.trend_marks import label_at_top, labelled
from presentation.formatting import axis_title, is_missing

__all__ = ["nice_ticks", "tick_labels", "trend_drawing"]


def _aligned(rows: pd.DataFrame | None, order: list[str]) -> pd.DataFrame:
    if rows is None or rows.empty:
        return pd.DataFrame(index=order)
    rows = rows.drop_duplicates("period")
    return rows.set_index(rows["period"].astype(str)).reindex(order)


def _column(aligned: pd.DataFrame, column: str, hidden: Sequence[bool]) -> list[float | None]:
    if column not in aligned:
        return [None] * len(aligned)
    return [None if flag or is_missing(v) else float(v) for v, flag in zip(aligned[column], hidden, strict=True)]


def _runs(values: Sequence[Any], breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Index ranges [start, stop) of values present, also cut at each index in ``breaks`` (a boundary change)."""
    runs, start = [], None
    for i, value in enumerate([*values, None]):
        if start is not None and (value is None or i in breaks):
            runs.append((start, i))
            start = None
        if value is not None and start is None:
            start = i
    return runs


def _line(group: Group, frame: Frame, values: list[float | None], kind: str, breaks: Sequence[int] = ()) -> None:
    """One line in its look (``LINES``): runs of present values joined, each value marked."""
    colour, width, dash, shape = LINES[kind]
    for start, stop in _runs(values, breaks):
        points = [c for i in range(start, stop) for c in (frame.x(i), frame.y(values[i]))]
        if stop - start > 1:
            group.add(PolyLine(points, strokeColor=colour, strokeWidth=width, strokeDashArray=dash))
        for i in range(start, stop):
            group.add(marker(shape, frame.x(i), frame.y(values[i]), colour))


def _band(group: Group, frame: Frame, lower: list[float | None], upper: list[float | None],
          breaks: Sequence[int]) -> None:
    both = [lo if lo is not None and up is not None else None for lo, up in zip(lower, upper, strict=True)]
    for start, stop in _runs(both, breaks):
        if stop - start == 1:
            x = frame.x(start)
            group.add(Line(x, frame.y(lower[start]), x, frame.y(upper[start]), strokeColor=AREA_COLOUR,
                           strokeWidth=1))
            continue
        top = [c for i in range(start, stop) for c in (frame.x(i), frame.y(upper[i]))]
        bottom = [c for i in reversed(range(start, stop)) for c in (frame.x(i), frame.y(lower[i]))]
        group.add(Polygon(top + bottom, fillColor=BAND_COLOUR, strokeColor=None, strokeWidth=0))


def _baseline(group: Group, frame: Frame, order: list[str], baseline_periods: Sequence[str], rule: str,
              baseline_value: Any) -> None:
    """The baseline; its label in the headroom kept above every value, so it covers no line."""
    periods = [p for p in baseline_periods if p in order]
    if not periods:
        return
    font, top = styles.FONT, frame.bottom + frame.height - FONT_SIZE
    if rule == "average" and len(periods) > 1 and not is_missing(baseline_value):
        x0, x1 = frame.x(order.index(periods[0])), frame.x(order.index(periods[-1]))
        y = frame.y(float(baseline_value))
        group.add(Line(x0, y, x1, y, strokeColor=BASELINE_COLOUR, strokeWidth=2))
        group.add(String(x0, top, f"Baseline: average {periods[0]} to {periods[-1]}", fontName=font,
                         fontSize=FONT_SIZE, fillColor=styles.TEXT))
        return
    x = frame.x(order.index(periods[0]))
    group.add(Line(x, frame.bottom, x, frame.bottom + frame.height, strokeColor=BASELINE_COLOUR, strokeWidth=1,
                   strokeDashArray=[1.5, 2]))
    late = x > frame.left + frame.width * 2 / 3
    group.add(String(x - 3 if late else x + 3, top, f"Baseline {periods[0]}", fontName=font, fontSize=FONT_SIZE,
                     fillColor=styles.TEXT, textAnchor="end" if late else "start"))


def _gaps(group: Group, frame: Frame, gaps: Sequence[Gap], others: Sequence[Sequence[float | None]]) -> None:
    """Each gap of the area's line tinted across its periods with its reasons, upright, at its foot or hanging
    from the top, whichever the other lines leave freer (``trend_marks.label_at_top``)."""
    slots = frame.slots
    for gap, printed in zip(gaps, labelled(gaps, slots, frame.width, 8.5), strict=True):
        if gap.stop > gap.start:
            x0, x1 = frame.at(slots[gap.start].lo), frame.at(slots[gap.stop - 1].hi)
            group.add(Rect(x0, frame.bottom, x1 - x0, frame.height, fillColor=GAP_COLOUR, strokeColor=None))
        else:
            x0 = x1 = frame.at(slots[gap.start].lo)
            group.add(Line(x0, frame.bottom, x0, frame.bottom + frame.height, strokeColor=BASELINE_COLOUR,
                           strokeWidth=0.6, strokeDashArray=[1, 1.5]))
        if not printed:
            continue
        reasons = gap.reason.split("; ")
        hang = label_at_top(gap, others, frame.top_value)
        for k, reason in enumerate(reasons):
            holder = Group(String(0, 0, reason, fontName=styles.FONT, fontSize=6.5, fillColor=styles.SECONDARY,
                                  textAnchor="end" if hang else "start"))
            x = (x0 + x1) / 2 + 2.5 + 7.5 * (k - (len(reasons) - 1) / 2)
            holder.translate(x, frame.bottom + frame.height - 14 if hang else frame.bottom + 3)
            holder.rotate(90)
            group.add(holder)


def _shown(rows: pd.DataFrame | None, order: list[str], spec: Any) -> list[float | None]:
    """A comparator's values by period, hidden ones (suppressed, small numbers) as gaps."""
    if rows is None or rows.empty:
        return [None] * len(order)
    aligned = _aligned(rows, order)
    return _column(aligned, "value", hidden_flags(aligned, spec)) if "value" in aligned else [None] * len(order)


def trend_drawing(series: pd.DataFrame, *, spec: Any, selected_code: str, selected_name: str,
                  summary: Mapping[str, Any], width: float, height: float = 190, ambition: Any = None) -> Drawing:
    """The trend of ``selected_code`` (and its region and England, when it is another area), with England's
    ambition trajectory when ``ambition`` (an ``AmbitionStatus``) has one, as a reportlab Drawing."""
    styles.register_fonts()
    slots = period_slots(series)
    order = [slot.label for slot in slots]
    chosen = _aligned(series[series["area_code"] == selected_code], order)
    local = selected_code != ENGLAND
    england = series[series["area_code"] == ENGLAND] if local else None
    region = region_rows(series, selected_code) if local else series.iloc[0:0]
    hidden = hidden_flags(chosen, spec) if "value" in chosen else [True] * len(order)
    values, lower, upper = (_column(chosen, c, hidden) for c in ("value", "lower_ci", "upper_ci"))
    england_values, region_values = _shown(england, order, spec), _shown(region, order, spec)
    points = trajectory(ambition)
    gaps = line_gaps(chosen, slots, spec, selected_code) if "value" in chosen else []
    breaks = [gap.start for gap in gaps if gap.start == gap.stop]
    small = any(small_count_flags(chosen, spec))
    numbers = [v for v in [*values, *upper, *england_values, *region_values] if v is not None]
    numbers += [value for _, value in points]
    if not is_missing(summary.get("baseline_value")):
        numbers.append(float(summary["baseline_value"]))
    ticks = nice_ticks(max(numbers) * 1.25 if numbers else 1.0)  # headroom above the data for the baseline label
    label_width = max(stringWidth(t, styles.FONT, FONT_SIZE) for t in tick_labels(ticks))
    longest = max((stringWidth(p, styles.FONT, FONT_SIZE) for p in order), default=0)
    rotate = len(order) > 8 or longest > 40
    note = 12 if small else 0
    bottom = (16 + longest * 0.72 if rotate else 18) + note  # room for labels at 45°: width × sin 45°
    left = label_width + 20
    entries = _entries(selected_name, chosen, values, spec, order, england is not None, region, ambition)
    rows = legend_rows(entries, width - left - 8)
    extra = LEGEND_ROW * (len(rows) - 1)  # a second legend row adds to the drawing, not takes from the plot
    height += extra
    frame = Frame(left, bottom, width - left - 8, height - bottom - 24 - extra, slots, ticks[-1],
                  extra=[when for when, _ in points])
    drawing = Drawing(width, height)
    plot = Group()
    provisional = chosen["provisional"] if "provisional" in chosen else [None] * len(order)
    for slot, flag in zip(slots, provisional, strict=True):
        if not is_missing(flag) and bool(flag):
            x0, x1 = frame.at(slot.lo), frame.at(slot.hi)
            plot.add(Rect(x0, frame.bottom, x1 - x0, frame.height, fillColor=PROVISIONAL_COLOUR, strokeColor=None))
    _gaps(plot, frame, gaps, [england_values, region_values] if local else [])
    axes(plot, frame, ticks, rotate, axis_title(spec))
    if spec.has_interval:
        _band(plot, frame, lower, upper, breaks)
    _baseline(plot, frame, order, spec.baseline_periods, spec.baseline_rule, summary.get("baseline_value"))
    draw_trajectory(plot, frame, points)
    if not region.empty:
        _line(plot, frame, region_values, "region")
    if england is not None:
        _line(plot, frame, england_values, "england")
    _line(plot, frame, values, "area", breaks=breaks)
    for i in _estimates(chosen, values):  # an estimate is an open circle, as on screen
        plot.add(Circle(frame.x(i), frame.y(values[i]), 2.4, fillColor=colors.white, strokeColor=AREA_COLOUR,
                        strokeWidth=1))
    drawing.add(plot)
    if small:
        drawing.add(String(left, 2, SMALL_NUMBERS_NOTE, fontName=styles.FONT, fontSize=6.5,
                           fillColor=styles.SECONDARY))
    legend(drawing, rows, height - 10, frame.left)
    return drawing


def _estimates(chosen: pd.DataFrame, values: list[float | None]) -> list[int]:
    """The indexes of the area's values that are estimates."""
    flags = chosen["estimated"] if "estimated" in chosen else [None] * len(values)
    return [i for i, flag in enumerate(flags) if not is_missing(flag) and bool(flag) and values[i] is not None]


def _entries(selected_name: str, chosen: pd.DataFrame, values: list[float | None], spec: Any, order: list[str],
             england: bool, region: pd.DataFrame, ambition: Any) -> list[tuple[str, str]]:
    """The legend: the area, its region, England, the interval, the baseline and England's ambition."""
    name = selected_name + (" (open circles: estimates)" if _estimates(chosen, values) else "")
    entries = [("area", name)]
    if not region.empty:
        entries.append(("region", region_name(region) or "Region"))
    if england:
        entries.append(("england", "England"))
    if spec.has_interval:
        entries.append(("band", "95% confidence interval"))
    if [p for p in spec.baseline_periods if p in order]:
        entries.append(("baseline", "Baseline"))
    if trajectory(ambition):
        entries.append(("ambition", ambition_name(ambition)))
    return entries
