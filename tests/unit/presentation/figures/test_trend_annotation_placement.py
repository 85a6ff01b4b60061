"""The trend chart's labels cover no data, legend or other label, and its footnotes are never cut off."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from presentation import theme
from presentation.figures import trend_figure
from presentation.figures._common import FOOTER_LINE, finish_figure
from presentation.figures.trend_marks import HEADROOM

DEATHS = "drug_misuse_deaths"  # baseline 2019-21


def series() -> pd.DataFrame:
    rows = []
    for code, name, kind, values in (("P1", "Cleveland", "partnership", [7.0, 7.5, 7.7, 8.9, 9.8]),
                                     (ENGLAND, "England", "country", [4.4, 4.7, 5.0, 5.1, 5.2])):
        for year, value in zip(range(2017, 2022), values, strict=True):
            rows.append({"area_code": code, "area_name": name, "area_type": kind,
                         "period": f"{year}-{(year + 2) % 100:02d}", "period_start": date(year, 1, 1),
                         "period_end": date(year + 2, 12, 31), "value": value, "lower_ci": value - 0.8,
                         "upper_ci": value + 0.8, "numerator": 60.0, "suppressed": False, "note": None,
                         "provisional": year == 2021})
    return pd.DataFrame(rows)


SUMMARY = {"baseline_period": "2019-21", "baseline_value": 7.7, "latest_period": "2021-23", "latest_value": 9.8,
           "change": 2.1, "change_pct": 27.3, "significance": "worsened"}


def chart(**kwargs):
    return trend_figure(series(), spec=get_catalogue().metric(DEATHS), selected_code="P1", baseline_summary=SUMMARY,
                        source_line=kwargs.pop("source_line", "Source: ONS"), **kwargs)


def named(fig, name):
    return [a for a in fig.layout.annotations if a.name == name]


def test_change_since_baseline_is_a_line_under_the_chart_not_a_box_over_it():
    fig = chart()
    (change,) = named(fig, "change")
    assert change.text.replace("<br>", " ").startswith(
        "Change since baseline (2019-21 to 2021-23): +2.1 per 100,000 (+27.3%)")
    assert "statistically significant worsening" in change.text.replace("<br>", " ")
    assert not change.showarrow
    assert change.yref == "paper" and change.y == 0 and change.yanchor == "top" and change.yshift < 0


def test_baseline_label_sits_in_headroom_above_every_value():
    fig = chart()
    (label,) = named(fig, "baseline")
    assert label.text == "Baseline 2019-21" and label.y == 1 and label.yanchor == "top"
    top = fig.layout.yaxis.range[1]
    highest = max(y for t in fig.data for y in (t.y or ()) if y is not None)
    assert highest <= top * (1 - HEADROOM) + 1e-9


def test_baseline_label_reaches_left_near_the_right_edge():
    summary = {**SUMMARY, "baseline_period": "2021-23"}
    fig = trend_figure(series(), spec=get_catalogue().metric(DEATHS), selected_code="P1", baseline_summary=summary)
    (label,) = named(fig, "baseline")
    assert label.xanchor == "right"


def test_no_label_inside_the_plot_except_gaps_and_the_baseline():
    """Footnotes (change, provisional, estimates) are all below the plot, beneath the tick labels."""
    fig = chart()
    inside = [a for a in fig.layout.annotations if a.yref == "paper" and 0 <= a.y <= 1 and not a.yshift]
    assert {a.name for a in inside} <= {"gap", "baseline"}
    below = [a for a in fig.layout.annotations if a.name in ("change", "provisional", "source")]
    assert len(below) == 3 and all(a.y == 0 and a.yanchor == "top" and a.yshift <= -48 for a in below)


def test_footnotes_stack_without_overlap_and_the_source_is_last():
    fig = chart()
    stack = sorted((a for a in fig.layout.annotations if a.yshift), key=lambda a: -a.yshift)
    assert [a.name for a in stack][-1] == "source" and fig.layout.annotations[0].name == "source"
    for upper, lower in zip(stack, stack[1:], strict=False):
        lines = upper.text.count("<br>") + 1
        assert -lower.yshift >= -upper.yshift + FOOTER_LINE * lines


def test_long_source_gets_the_bottom_margin_it_needs():
    """A four-line source fits in the bottom margin (it was cut off at two lines), on screen and in a PNG."""
    long = "Source: " + " ".join(["Office for Health Improvement and Disparities"] * 6)
    fig = finish_figure(go_figure(), title="T", source_line=long, height=480, footer_offset=48)
    source = fig.layout.annotations[0]
    lines = source.text.count("<br>") + 1
    assert lines >= 4
    assert fig.layout.margin.b >= -source.yshift + FOOTER_LINE * lines
    two = "Source: " + " ".join(["Office for Health Improvement and Disparities"] * 2)
    short = finish_figure(go_figure(), title="T", source_line=two, height=480, footer_offset=48)
    assert short.layout.annotations[0].text.count("<br>") == 1 and short.layout.height == 480
    # The plot keeps its height: the extra lines are added to the figure.
    assert fig.layout.height - fig.layout.margin.b == short.layout.height - short.layout.margin.b


def test_legend_sits_above_the_plot_and_nothing_else_does():
    fig = chart()
    assert fig.layout.legend.y == 1 and fig.layout.legend.yanchor == "bottom"
    assert not [a for a in fig.layout.annotations if a.yref == "paper" and a.y > 1]
    assert not [a for a in fig.layout.annotations if a.name == "change" and a.showarrow]


def go_figure():
    import plotly.graph_objects as go

    return go.Figure(go.Scatter(x=[1, 2], y=[np.nan, 1.0]))


def gap_label(area_values, england_values):
    frame = series()
    for code, values in (("P1", area_values), (ENGLAND, england_values)):
        mask = frame["area_code"] == code
        frame.loc[mask, "value"] = values
        frame.loc[mask, ["lower_ci", "upper_ci"]] = np.nan
    frame.loc[(frame["area_code"] == "P1") & (frame["period"] == "2019-21"), "suppressed"] = True
    fig = trend_figure(frame, spec=get_catalogue().metric(DEATHS), selected_code="P1")
    (label,) = named(fig, "gap")
    return label


def test_gap_label_stands_on_its_foot_when_the_other_lines_run_high():
    label = gap_label([7.0, 7.5, 7.7, 8.9, 9.8], [8.0, 8.2, 8.4, 8.6, 8.8])
    assert (label.y, label.yanchor, label.textangle) == (0, "bottom", -90)


def test_gap_label_hangs_from_the_top_when_the_other_lines_run_low():
    """Given England near zero across the gap, then the label hangs from the top (below the baseline label's row)
    instead of standing on England's line."""
    label = gap_label([7.0, 7.5, 7.7, 8.9, 9.8], [0.4, 0.5, 0.5, 0.6, 0.6])
    assert (label.y, label.yanchor) == (1, "top") and label.yshift < 0


def test_baseline_marker_keeps_the_baseline_colour_whatever_traces_come_before_it():
    """An open marker is drawn in its marker colour: left to the colourway, the baseline diamond took the
    "worse" orange once a hidden trace came before it."""
    frame = series()
    frame.loc[(frame["area_code"] == "P1") & (frame["period"] == "2018-20"), "suppressed"] = True
    fig = trend_figure(frame, spec=get_catalogue().metric(DEATHS), selected_code="P1", baseline_summary=SUMMARY)
    (marker,) = [t for t in fig.data if t.name == "Baseline value"]
    assert marker.marker.color == theme.BASELINE
