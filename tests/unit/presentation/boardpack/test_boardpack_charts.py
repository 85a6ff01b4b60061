"""The pack's native trend drawing: round ticks, labels as text, gaps (never zeros) for suppressed periods."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Group, PolyLine, String

from presentation.boardpack.charts import nice_ticks, tick_labels, trend_drawing
from tests.support.layout_samples import baseline_summary, series, spec


def _strings(node) -> list[str]:
    found = []
    for item in getattr(node, "contents", []):
        if isinstance(item, String):
            found.append(item.text)
        elif isinstance(item, Group):
            found.extend(_strings(item))
    return found


def _polylines(node) -> list[PolyLine]:
    found = []
    for item in getattr(node, "contents", []):
        if isinstance(item, PolyLine):
            found.append(item)
        elif isinstance(item, Group):
            found.extend(_polylines(item))
    return found


@pytest.mark.parametrize(("top", "expected"), [
    (9.8, [0, 2, 4, 6, 8, 10]), (12.3, [0, 2.5, 5, 7.5, 10, 12.5]), (345, [0, 100, 200, 300, 400]),
    (0.42, [0, 0.1, 0.2, 0.3, 0.4, 0.5]),
])
def test_nice_ticks_are_round_and_cover_the_top(top, expected):
    assert nice_ticks(top) == pytest.approx(expected)


def test_tick_labels_use_only_the_decimals_needed():
    assert tick_labels([0, 2.5, 5]) == ["0.0", "2.5", "5.0"]
    assert tick_labels([0, 1000, 2000]) == ["0", "1,000", "2,000"]


@pytest.fixture
def drawing():
    return trend_drawing(series(region=False, suppressed_period="2018-20"), spec=spec("drug_misuse_deaths"),
                         selected_code="P1", selected_name="Cleveland", summary=baseline_summary(), width=500)


def test_labels_are_text_periods_in_time_order(drawing):
    texts = _strings(drawing)
    periods = [t for t in texts if t in {"2017-19", "2018-20", "2019-21", "2020-22", "2021-23"}]
    assert periods == ["2017-19", "2018-20", "2019-21", "2020-22", "2021-23"]
    for label in ("Cleveland", "England", "95% confidence interval", "Baseline 2019-21", "Suppressed"):
        assert label in texts, label


def test_a_suppressed_period_is_a_gap_not_a_zero(drawing):
    """Given 2018-20 is suppressed, then Cleveland's line is drawn in runs that skip it (no point at zero)."""
    lines = _polylines(drawing)
    cleveland = [line for line in lines if line.strokeDashArray is None]
    # 2017-19 stands alone (a marker, no line); 2019-21 to 2021-23 is one run of three points.
    assert [len(line.points) // 2 for line in cleveland] == [3]
    england = [line for line in lines if line.strokeDashArray is not None]
    assert [len(line.points) // 2 for line in england] == [5]


def _ambition(values=(8.0, 9.0, 10.5, 12.0)):
    """England's trajectory for the sample's three-year periods, the last one beyond the data (2022-24)."""
    from datetime import date

    from data_access.catalogue.targets import metric_target
    from data_access.read.ambition import AmbitionStatus, TrajectoryPoint

    years = (2019, 2020, 2021, 2022)
    points = tuple(TrajectoryPoint(f"{y}-{(y + 2) % 100:02d}", date(y, 1, 1), date(y + 2, 12, 31), v)
                   for y, v in zip(years, values, strict=True))
    return AmbitionStatus("numbers_in_treatment", metric_target("numbers_in_treatment"), "on_track",
                          trajectory=points)


def test_the_region_is_a_dotted_line_with_its_name_in_the_legend():
    """Given the series holds the partnership's region, then it is drawn dotted (not England's dash) and named."""
    drawing = trend_drawing(series(region=True, suppressed_period=None), spec=spec("drug_misuse_deaths"),
                            selected_code="P1", selected_name="Cleveland", summary=baseline_summary(), width=500)
    assert "North East" in _strings(drawing)
    dotted = [line for line in _polylines(drawing) if line.strokeDashArray == [1, 1.8]]
    assert [len(line.points) // 2 for line in dotted] == [5]


def test_the_ambition_trajectory_is_drawn_labelled_and_widens_the_axes():
    """Given England's ambition has a trajectory, then it is a dash-dot line with its legend words and a direct
    label, its last point (beyond the data and above every value) is inside the drawing."""
    from presentation.figures.ambition import trace_name

    status = _ambition()
    drawing = trend_drawing(series(region=True, suppressed_period=None), spec=spec("drug_misuse_deaths"),
                            selected_code="P1", selected_name="Cleveland", summary=baseline_summary(), width=500,
                            ambition=status)
    texts = _strings(drawing)
    assert trace_name(status) in texts and "England's ambition" in texts
    (line,) = [line for line in _polylines(drawing) if line.strokeDashArray == [5, 2, 1, 2]]
    xs, ys = line.points[0::2], line.points[1::2]
    assert len(xs) == 4 and xs == sorted(xs)
    assert max(xs) <= drawing.width and max(ys) <= drawing.height - 10  # under the legend, inside the plot


def test_no_trajectory_without_an_ambition():
    drawing = trend_drawing(series(region=False, suppressed_period=None), spec=spec("drug_misuse_deaths"),
                            selected_code="P1", selected_name="Cleveland", summary=baseline_summary(), width=500)
    assert not [line for line in _polylines(drawing) if line.strokeDashArray == [5, 2, 1, 2]]
    assert not any(text.startswith("England's ambition") for text in _strings(drawing))
