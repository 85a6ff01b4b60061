"""Readable compare charts: values beside the bars, a top axis on long charts, England in the legend,
a log population axis when the funnel's points spread, and titles and sources wrapped to a phone's width."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access.catalogue import get_catalogue
from presentation.figures import compare_figure, funnel_figure
from presentation.figures._narrow import SOURCE_CHARS, TITLE_CHARS
from presentation.figures.funnel import denominator_axis_type

DEATHS = get_catalogue().metric("drug_misuse_deaths")


def rows(n: int) -> pd.DataFrame:
    values = np.linspace(2.0, 9.0, n)
    return pd.DataFrame({"area_code": [f"P{i:03d}" for i in range(n)], "area_name": [f"Area number {i} of the long names"
                                                                                      for i in range(n)],
                         "value": values, "lower_ci": values - 0.5, "upper_ci": values + 0.75,
                         "comparison": ["similar"] * n, "suppressed": [False] * n})


def test_values_and_intervals_printed_beside_each_bar():
    fig = compare_figure(rows(5), spec=DEATHS, england_value=5.0)
    values = next(t for t in fig.data if t.name == "values")
    assert list(values.y) == list(fig.layout.yaxis.categoryarray)
    assert values.text[0] == "9.0 (8.5–9.8)" and values.cliponaxis is False
    widest = 9.0 + 0.75
    assert all(x >= widest for x in values.x) and fig.layout.xaxis.range[1] >= widest
    assert fig.layout.margin.r >= 100  # the column sits in the right margin


def test_long_charts_repeat_the_axis_on_top_and_short_ones_do_not():
    long = compare_figure(rows(40), spec=DEATHS, england_value=5.0)
    assert long.layout.xaxis.side == "top" and long.layout.xaxis.mirror == "allticks"
    short = compare_figure(rows(6), spec=DEATHS, england_value=5.0)
    assert short.layout.xaxis.side in (None, "bottom")


def test_england_is_named_in_the_legend_not_on_the_bars():
    fig = compare_figure(rows(6), spec=DEATHS, england_value=5.0)
    assert "England 5.0" in [t.name for t in fig.data if t.type == "scatter" and t.mode == "lines"]
    assert not [a for a in fig.layout.annotations if (a.text or "").startswith("England")]


def test_wrapped_labels_get_taller_rows():
    plain = compare_figure(rows(10), spec=DEATHS, england_value=5.0)
    wrapped = compare_figure(rows(10), spec=DEATHS, england_value=5.0, label_width=16)
    assert all("<br>" in t for t in wrapped.layout.yaxis.ticktext)
    inner = [f.layout.height - f.layout.margin.t - f.layout.margin.b for f in (plain, wrapped)]
    assert inner[1] > inner[0] >= 10 * 14


def test_title_and_source_wrapped_narrowly():
    source = "Source: " + " ".join(["a long source name"] * 12)
    fig = compare_figure(rows(5), spec=DEATHS, england_value=5.0, title="A title that is long enough to wrap twice over",
                         source_line=source)
    assert all(len(line) <= TITLE_CHARS for line in fig.layout.title.text.split("<br>"))
    lines = fig.layout.annotations[0].text.split("<br>")
    assert len(lines) > 3 and all(len(line) <= SOURCE_CHARS for line in lines)
    assert fig.layout.margin.b >= 72 + 16 * len(lines)


def test_funnel_axis_is_logarithmic_only_when_the_points_spread():
    assert denominator_axis_type(pd.Series([1e5, 2e5, 3e6])) == "log"
    assert denominator_axis_type(pd.Series([1e5, 2e5, 5e5])) == "linear"
    assert denominator_axis_type(pd.Series([1e5, np.nan])) == "linear"
    points = pd.DataFrame({"area_code": ["A", "B", "C"], "area_name": ["A", "B", "C"], "denominator": [1e5, 4e5, 3e6],
                           "value": [5.0, 6.0, 5.5], "significance": ["similar"] * 3})
    limits = pd.DataFrame({"denominator": [1e4, 1e7], "lower_95": [1, 5], "upper_95": [9, 6], "lower_998": [0, 4],
                           "upper_998": [10, 7]})
    fig = funnel_figure(points, limits, spec=DEATHS, benchmark=5.5, selected_code="A", group_codes=["B", "C"])
    assert fig.layout.xaxis.type == "log" and "logarithmic" in fig.layout.xaxis.title.text
    ringed = next(t for t in fig.data if t.name == "Similar partnerships")
    assert list(ringed.text) == ["B", "C"]
