"""The ambition's trajectory added to a trend figure, on a category axis and on a date axis."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from data_access.catalogue import get_catalogue
from data_access.catalogue.targets import metric_target
from data_access.read.ambition import AmbitionStatus, TrajectoryPoint
from presentation import theme
from presentation.figures.ambition import TRACE_NAME_PREFIX, add_ambition

SPEC = get_catalogue().metric("numbers_in_treatment")
POINTS = tuple(TrajectoryPoint(f"{y}/{str(y + 1)[-2:]}", date(y, 4, 1), date(y + 1, 3, 31), 7.0 + 0.3 * i)
               for i, y in enumerate(range(2021, 2025)))
STATUS = AmbitionStatus(SPEC.id, metric_target(SPEC.id), "off_track", "2023/24", 1.0, 2.0, "count", POINTS)


def ambition_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if (t.name or "").startswith(TRACE_NAME_PREFIX)]


def test_category_axis_gets_the_labels_and_the_periods_not_reached_yet():
    fig = go.Figure(go.Scatter(x=["2020/21", "2021/22", "2022/23"], y=[1, 2, 3], name="England"))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=["2020/21", "2021/22", "2022/23"])
    add_ambition(fig, STATUS, SPEC)
    (trace,) = ambition_traces(fig)
    assert list(trace.x) == ["2021/22", "2022/23", "2023/24", "2024/25"]
    assert list(trace.y) == [p.value for p in POINTS]
    assert list(fig.layout.xaxis.categoryarray) == ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]
    assert trace.line.color == theme.AMBITION and trace.line.dash == "dashdot"  # its own pattern, not only colour
    assert "54,500" in trace.name


def test_date_axis_places_each_period_at_its_middle_and_widens_the_range():
    fig = go.Figure(go.Scatter(x=[pd.Timestamp("2021-10-01"), pd.Timestamp("2022-10-01")], y=[1, 2]))
    fig.update_xaxes(type="date", range=[pd.Timestamp("2021-03-01"), pd.Timestamp("2023-05-01")])
    add_ambition(fig, STATUS, SPEC)
    (trace,) = ambition_traces(fig)
    assert pd.Timestamp(trace.x[0]) == pd.Timestamp("2021-09-30")  # the middle of 2021/22, where the data sits
    assert pd.Timestamp(fig.layout.xaxis.range[1]) > pd.Timestamp("2025-03-31")


def test_a_fixed_value_range_grows_to_hold_the_trajectory():
    fig = go.Figure(go.Scatter(x=["2021/22"], y=[1.0]))
    fig.update_yaxes(range=[0, 7.5])
    add_ambition(fig, STATUS, SPEC)
    assert fig.layout.yaxis.range[1] >= max(p.value for p in POINTS)


def test_nothing_to_draw_leaves_the_figure_alone():
    fig = go.Figure(go.Scatter(x=["2021/22"], y=[1]))
    add_ambition(fig, AmbitionStatus(SPEC.id, None, "no_target"), SPEC)
    add_ambition(fig, None, SPEC)
    assert len(fig.data) == 1
