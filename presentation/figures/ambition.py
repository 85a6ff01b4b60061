"""The framework's ambition as a trajectory on an existing trend chart.

``add_ambition`` takes a built trend figure (``trend.trend_figure`` or ``national.national_figure``)
and England's ``AmbitionStatus`` (``data_access.read.ambition``) and adds one dash-dot line in the
theme's ambition colour: where England should be each period for the ambition to be met (the even
yearly pace, for an ambition that is a total over several years). The line has its own dash pattern,
marker and legend entry, so it reads without colour, and its hover labels give each period's figure.

It works on either kind of period axis: a date axis gets each period at the middle of the dates it
covers (as ``timeline`` places the data) and its range is widened to the due period; a category axis
gets the period labels, and labels the data has not reached yet are added after the others.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.formatting import format_count, format_value

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec
    from data_access.read.ambition import AmbitionStatus, TrajectoryPoint

TRACE_NAME_PREFIX = "England's ambition"


def _is_date_axis(fig: go.Figure) -> bool:
    if fig.layout.xaxis.type in ("date", "category"):
        return fig.layout.xaxis.type == "date"
    for trace in fig.data:
        for x in getattr(trace, "x", None) or ():
            if x is not None:
                return isinstance(x, date | datetime | pd.Timestamp)
    return False


def _middle(point: TrajectoryPoint) -> pd.Timestamp:
    start, end = pd.Timestamp(point.period_start), pd.Timestamp(point.period_end)
    return (start + (end - start) / 2).normalize()  # the day ``timeline`` puts the period's data on


def _widen_dates(fig: go.Figure, points: tuple[TrajectoryPoint, ...]) -> None:
    span = fig.layout.xaxis.range
    if not span:
        return
    low, high = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    last = pd.Timestamp(points[-1].period_end)
    if last > high:
        fig.update_xaxes(range=[low, last + (last - high) * 0.05 + pd.Timedelta(days=30)])


def _widen_categories(fig: go.Figure, points: tuple[TrajectoryPoint, ...]) -> None:
    order = list(fig.layout.xaxis.categoryarray or ())
    if not order:
        return
    missing = [p.period for p in points if p.period not in order]
    if missing:
        fig.update_xaxes(categoryarray=order + missing)


def _widen_values(fig: go.Figure, points: tuple[TrajectoryPoint, ...]) -> None:
    """A fixed value range (the trend chart sets one, with headroom for its labels) grows to hold the line."""
    span = fig.layout.yaxis.range
    top = max(p.value for p in points)
    if span and span[1] is not None and top > span[1]:
        fig.update_yaxes(range=[span[0], top * 1.08])


def trace_name(status: AmbitionStatus) -> str:
    """The legend's words: the ambition itself, and "even pace" when the line is a yearly share of a total."""
    label = status.target.label if status.target else ""
    if status.target is not None and status.target.kind == "cumulative":
        return f"{TRACE_NAME_PREFIX}, even pace: {format_count(status.trajectory[0].value)} a year ({label})"
    return f"{TRACE_NAME_PREFIX}: {label}"


def add_ambition(fig: go.Figure, status: AmbitionStatus | None, spec: MetricSpec) -> go.Figure:
    """``fig`` with England's ambition trajectory added (unchanged when there is none to draw)."""
    if status is None or not status.trajectory:
        return fig
    points = status.trajectory
    if _is_date_axis(fig):
        x: list = [_middle(p) for p in points]
        _widen_dates(fig, points)
    else:
        x = [p.period for p in points]
        _widen_categories(fig, points)
    _widen_values(fig, points)
    text = [f"{p.period}: {format_value(p.value, spec)} on the ambition's trajectory" for p in points]
    fig.add_trace(go.Scatter(
        x=x, y=[p.value for p in points], name=trace_name(status), mode="lines+markers",
        line={"color": theme.AMBITION, "dash": "dashdot", "width": 2.5},
        marker={"symbol": "star", "size": 10, "color": theme.AMBITION}, text=text,
        hovertemplate="%{text}<extra></extra>", meta={"role": "ambition"},
    ))
    return fig
