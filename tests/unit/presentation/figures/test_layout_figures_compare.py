"""Compare bars, funnel plot, sparkline, empty figure and the shared export config."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from presentation import theme
from presentation.figures import (
    chart_config,
    compare_figure,
    export_filename,
    funnel_figure,
    message_figure,
    sparkline_svg,
)
from presentation.figures._common import gap_values
from presentation.figures.sparkline import sparkline_points
from tests.support.layout_samples import area_values, series, spec

DEATHS = "drug_misuse_deaths"


class TestCompareFigure:
    def test_sorted_highest_first_gaps_last(self):
        """Given five areas, then the axis runs by value (highest at top), then suppressed, then no data."""
        fig = compare_figure(area_values(), spec=spec(DEATHS), england_value=5.2)
        assert list(fig.layout.yaxis.categoryarray) == ["P1", "P3", "P2", "P4", "P5"]
        assert fig.layout.yaxis.range == (4.5, -0.5)  # top row first

    def test_bars_coloured_and_labelled_by_comparison(self):
        fig = compare_figure(area_values(), spec=spec(DEATHS), england_value=5.2)
        bars = {t.name: t for t in fig.data if t.type == "bar"}
        assert bars["✗ Worse than England"].marker.color == theme.WORSE
        assert bars["✓ Better than England"].y == ("P2",)
        assert list(fig.layout.yaxis.ticktext) == ["Cleveland ✗", "Dorset ≈", "Avon ✓", "Rutland", "Isles"]

    def test_suppressed_and_missing_have_words_not_bars(self):
        fig = compare_figure(area_values(), spec=spec(DEATHS), england_value=5.2)
        bar_codes = {code for t in fig.data if t.type == "bar" for code in t.y}
        assert not bar_codes & {"P4", "P5"}
        labels = [t for t in fig.data if t.type == "scatter" and t.mode == "text"][0]
        assert dict(zip(labels.y, labels.text, strict=True)) == {"P4": "Suppressed", "P5": "No data"}

    def test_interval_whiskers(self):
        fig = compare_figure(area_values(), spec=spec(DEATHS), england_value=5.2)
        worse = [t for t in fig.data if t.name == "✗ Worse than England"][0]
        assert worse.error_x.array == (1.0,) and worse.error_x.arrayminus == (1.0,)

    def test_england_line_and_selected_highlight(self):
        fig = compare_figure(area_values(), spec=spec(DEATHS), england_value=5.2, selected_code="P3",
                             source_line="Source: ONS")
        england = [s for s in fig.layout.shapes if s.x0 == 5.2]
        assert england and england[0].line.dash == "dash"
        assert "England 5.2" in [t.name for t in fig.data if t.type == "scatter" and t.mode == "lines"]
        assert "<b>Dorset ≈</b>" in fig.layout.yaxis.ticktext
        assert [t for t in fig.data if t.name == "Dorset (selected)"][0].marker.symbol == "star"
        similar = [t for t in fig.data if t.name == "≈ Similar to England"][0]
        assert similar.marker.line.width == (3,)
        assert fig.layout.annotations[0].text == "Source: ONS"

    def test_height_grows_with_areas(self):
        rows = [{"area_code": f"P{i}", "area_name": f"Area {i}", "value": float(i), "comparison": "similar",
                 "quintile": 1, "change_significance": "not_tested"} for i in range(125)]
        small = compare_figure(area_values(), spec=spec(DEATHS), england_value=5.2)
        large = compare_figure(area_values(rows), spec=spec(DEATHS), england_value=5.2)
        assert large.layout.height > 125 * 18 > small.layout.height


class TestFunnel:
    def test_limits_benchmark_and_points(self):
        points = pd.DataFrame({"area_code": ["P1", "P2", "P3"], "area_name": ["A", "B", "C"],
                               "denominator": [1000, 5000, np.nan], "value": [12.0, 4.0, 5.0],
                               "significance": ["worse", "similar", "similar"]})
        limits = pd.DataFrame({"denominator": [5000, 100, 1000], "lower_95": [3, 1, 2], "upper_95": [7, 9, 8],
                               "lower_998": [2, 0, 1], "upper_998": [8, 10, 9]})
        fig = funnel_figure(points, limits, spec=spec(DEATHS), benchmark=5.0, selected_code="P1")
        names = [t.name for t in fig.data]
        assert names.count("95% limits") == 2 and names.count("99.8% limits") == 2
        upper = [t for t in fig.data if t.name == "95% limits"][0]
        assert list(upper.x) == [100, 1000, 5000]
        worse = [t for t in fig.data if t.name == "✗ Worse than England"][0]
        assert worse.marker.symbol == "square" and worse.marker.color == theme.WORSE
        assert "1 area not shown (suppressed or no data)" in fig.layout.title.subtitle.text
        assert "A (selected)" in names


class TestSmallFigures:
    def test_sparkline_gaps_and_last_point(self):
        cleveland = series()
        cleveland = cleveland[cleveland["area_code"] == "P1"]
        assert sparkline_points(cleveland) == [7.0, None, 7.7, 8.9, 9.8]
        svg = sparkline_svg(cleveland)
        lines = re.findall(r'<polyline points="([^"]+)"', svg)
        assert len(lines) == 1 and len(lines[0].split()) == 3  # the gap leaves the first value on its own
        dot = re.search(r'<path d="M([\d.]+) ([\d.]+)h0"', svg)
        last_x, last_y = (float(v) for v in lines[0].split()[-1].split(","))
        assert (float(dot.group(1)), float(dot.group(2))) == (last_x, last_y)
        assert last_y == min(float(p.split(",")[1]) for p in lines[0].split())  # the highest value is drawn highest
        assert 'preserveAspectRatio="none"' in svg and "<script" not in svg

    def test_sparkline_of_nothing_is_none(self):
        cleveland = series()
        empty = cleveland[cleveland["area_code"] == "P1"].assign(value=None)
        assert sparkline_svg(empty) is None

    def test_message_figure(self):
        fig = message_figure("No data for this selection")
        assert fig.layout.annotations[0].text == "No data for this selection"
        assert fig.layout.xaxis.visible is False and not fig.data

    def test_gap_values(self):
        assert gap_values([1, np.nan, 0, 3], [False, False, False, True]) == [1.0, None, 0.0, None]


class TestChartConfig:
    def test_export_options(self):
        """Given a chart, then the PNG export is 1200x675 at 2x with a meaningful name and no Plotly logo."""
        config = chart_config(export_filename("drug_misuse_deaths", "Cleveland", "2019-21"), "Deaths")
        assert config["toImageButtonOptions"] == {"format": "png", "filename": "drug_misuse_deaths_cleveland_2019-21",
                                                  "width": 1200, "height": 675, "scale": 2}
        assert config["displaylogo"] is False
        assert "lasso2d" in config["modeBarButtonsToRemove"]
        assert "toImage" not in config["modeBarButtonsToRemove"]

    def test_filename_falls_back_to_title(self):
        assert chart_config("", "Drug misuse deaths: Cleveland")["toImageButtonOptions"]["filename"] == \
            "drug_misuse_deaths_cleveland"

    def test_export_filename_slugs_periods(self):
        assert export_filename("numbers_in_treatment", "Bath & North East Somerset", "2021/22") == \
            "numbers_in_treatment_bath_and_north_east_somerset_2021-22"
        assert export_filename("continuity", "Q4 2021/22") == "continuity_q4_2021-22"
