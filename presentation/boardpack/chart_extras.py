"""The trend chart's comparators beyond England: the partnership's region and England's ambition trajectory.

They are the lines the outcome page's trend chart draws (``figures.trend`` draws the region dotted,
``figures.ambition`` the trajectory dash-dot), taken from the same rows and the same ``AmbitionStatus``,
so the pack and the screen show the same lines. The words that name them (legend, the chart's
description) come from here too, so the drawing and its alternative text always list the same lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
from reportlab.graphics.shapes import Group, PolyLine, String

from presentation.boardpack import styles
from presentation.boardpack.chart_axes import LINES, Frame, marker
from presentation.figures.ambition import TRACE_NAME_PREFIX, trace_name

if TYPE_CHECKING:
    from data_access.read.ambition import AmbitionStatus

AMBITION_LABEL = TRACE_NAME_PREFIX  # "England's ambition", printed beside the trajectory's last point


def region_rows(series: pd.DataFrame, selected_code: str) -> pd.DataFrame:
    """The rows of the selected area's region (the first region in the series), when any has a value."""
    if series.empty or "area_type" not in series:
        return series.iloc[0:0]
    regions = series[(series["area_type"] == "region") & (series["area_code"] != selected_code)]
    if regions.empty or regions["value"].notna().sum() == 0:
        return regions.iloc[0:0]
    return regions[regions["area_code"] == regions["area_code"].iloc[0]]


def region_name(rows: pd.DataFrame) -> str | None:
    names = rows["area_name"].dropna() if "area_name" in rows else pd.Series(dtype=object)
    return str(names.iloc[0]) if not names.empty else (str(rows["area_code"].iloc[0]) if not rows.empty else None)


def trajectory(status: AmbitionStatus | None) -> list[tuple[pd.Timestamp, float]]:
    """The trajectory's points (each at the middle of its period, where ``timeline`` puts data); [] for none."""
    if status is None or not status.trajectory:
        return []
    points = []
    for point in status.trajectory:
        start, end = pd.Timestamp(point.period_start), pd.Timestamp(point.period_end)
        points.append(((start + (end - start) / 2).normalize(), float(point.value)))
    return points


def ambition_name(status: AmbitionStatus) -> str:
    """The legend's words for the trajectory: the web chart's (``figures.ambition.trace_name``)."""
    return trace_name(status)


def draw_trajectory(plot: Group, frame: Frame, points: Sequence[tuple[pd.Timestamp, float]]) -> None:
    """The trajectory dash-dot with diamonds, and "England's ambition" beside its last point."""
    if not points:
        return
    colour, width, dash, shape = LINES["ambition"]
    coords = [c for when, value in points for c in (frame.at(when), frame.y(value))]
    if len(points) > 1:
        plot.add(PolyLine(coords, strokeColor=colour, strokeWidth=width, strokeDashArray=dash))
    for when, value in points:
        plot.add(marker(shape, frame.at(when), frame.y(value), colour))
    x, y = frame.at(points[-1][0]), frame.y(points[-1][1])
    plot.add(String(x - 4, y + 5, AMBITION_LABEL, fontName=styles.FONT, fontSize=6.5, fillColor=colour,
                    textAnchor="end"))


def lines_sentence(area_name: str, *, england: bool, region: str | None, ambition: Any = None) -> str:
    """What the chart draws, in words, for its alternative text: "Lines: Greater Manchester (solid); its
    region, North West (dotted); England (dashed); England's ambition: … (dash-dot)."."""
    parts = [f"{area_name} (solid)"]
    if region:
        parts.append(f"its region, {region} (dotted)")
    if england:
        parts.append("England (dashed)")
    if ambition is not None and ambition.trajectory:
        parts.append(f"{ambition_name(ambition)} (dash-dot)")
    return "Lines: " + "; ".join(parts) + "."
