"""Trend and national charts: period order, gaps not zeros, CI band, baseline marker, change, provisional."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from presentation import theme
from presentation.figures import national_figure, trend_figure
from tests.support.layout_samples import ENGLAND, baseline_summary, series, spec

DEATHS = "drug_misuse_deaths"


def trace(fig, name):
    matches = [t for t in fig.data if t.name == name]
    assert matches, f"no trace {name!r} in {[t.name for t in fig.data]}"
    return matches[0]


def annotation_texts(fig, name=None):
    return [a.text for a in fig.layout.annotations if name is None or a.name == name]


def place(fig, label):
    """Where the period ``label`` sits on the date axis (its tick)."""
    ticks = dict(zip(fig.layout.xaxis.ticktext, fig.layout.xaxis.tickvals, strict=True))
    return pd.Timestamp(ticks[label])


def places(xs):
    return [pd.Timestamp(x) for x in xs]


class TestTrendFigure:
    def test_periods_in_time_order_on_a_date_axis(self):
        """Given rows listed newest first, then the date axis runs oldest to newest, each period at its middle."""
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1")
        assert fig.layout.xaxis.type == "date"
        assert list(fig.layout.xaxis.ticktext) == ["2017-19", "2018-20", "2019-21", "2020-22", "2021-23"]
        assert places(trace(fig, "Cleveland").x) == places(fig.layout.xaxis.tickvals)
        assert place(fig, "2019-21") == pd.Timestamp(2020, 7, 1)

    def test_suppressed_period_is_a_gap_not_zero(self):
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1")
        cleveland = trace(fig, "Cleveland")
        assert cleveland.y[1] is None
        assert cleveland.connectgaps is False
        assert 0 not in cleveland.y
        assert annotation_texts(fig, "gap") == ["Suppressed"]

    def test_ci_band_present_when_limits_exist(self):
        fig = trend_figure(series(suppressed_period=None), spec=spec(DEATHS), selected_code="P1")
        band = trace(fig, "95% confidence interval")
        assert band.fill == "tonexty" and band.fillcolor == theme.CI_BAND
        assert band.y == pytest.approx((6.2, 6.7, 6.9, 8.1, 9.0))
        assert trace(fig, "95% confidence interval (upper)").y == pytest.approx((7.8, 8.3, 8.5, 9.7, 10.6))

    def test_ci_band_not_drawn_across_a_suppressed_period(self):
        """Given 2018-20 suppressed, then no band spans it: the isolated 2017-19 gets an error bar instead."""
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1")
        ci = [t for t in fig.data if t.legendgroup == "ci"]
        assert all(place(fig, "2018-20") not in places(t.x) for t in ci)
        isolated = [t for t in ci if places(t.x) == [place(fig, "2017-19")]][0]
        assert isolated.error_y.array == pytest.approx((0.8,)) and isolated.error_y.arrayminus == pytest.approx((0.8,))
        bands = [t for t in ci if t.fill == "tonexty"]
        assert len(bands) == 1 and places(bands[0].x) == [place(fig, p) for p in ("2019-21", "2020-22", "2021-23")]
        assert sum(1 for t in ci if t.showlegend is not False) == 1

    def test_no_ci_band_without_limits(self):
        fig = trend_figure(series(with_ci=False), spec=spec(DEATHS), selected_code="P1")
        assert not [t for t in fig.data if t.fill == "tonexty"]

    def test_no_ci_band_for_metric_without_interval(self):
        fig = trend_figure(series(), spec=spec("neighbourhood_crime"), selected_code="P1")
        assert not [t for t in fig.data if t.fill == "tonexty"]

    def test_england_dashed_region_dotted(self):
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1")
        assert trace(fig, "England").line.dash == "dash"
        assert trace(fig, "North East").line.dash == "dot"
        assert trace(fig, "Cleveland").line.color == theme.SELECTED

    def test_region_omitted_when_absent(self):
        fig = trend_figure(series(region=False), spec=spec(DEATHS), selected_code="P1")
        assert "North East" not in [t.name for t in fig.data]

    def test_baseline_marked_and_labelled(self):
        """Given a 2019-21 baseline, then a vertical line sits at 2019-21 and is labelled 'Baseline 2019-21'."""
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1", baseline_summary=baseline_summary())
        assert annotation_texts(fig, "baseline") == ["Baseline 2019-21"]
        line = [s for s in fig.layout.shapes if s.name == "baseline"][0]
        assert pd.Timestamp(line.x0) == pd.Timestamp(line.x1) == place(fig, "2019-21")
        assert trace(fig, "Baseline value").y == (7.7,)

    def test_change_annotation_uses_significance_words(self):
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1", baseline_summary=baseline_summary())
        (change,) = annotation_texts(fig, "change")
        assert change.replace("<br>", " ") == ("Change since baseline (2019-21 to 2021-23): +2.1 per 100,000 (+27.3%), "
                                               "a statistically significant worsening")

    def test_no_significant_change_words(self):
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1",
                           baseline_summary=baseline_summary(significance="no_significant_change"))
        assert annotation_texts(fig, "change")[0].replace("<br>", " ").endswith("no statistically significant change")

    def test_provisional_period_shaded_behind(self):
        fig = trend_figure(series(provisional_period="2021-23"), spec=spec(DEATHS), selected_code="P1")
        rects = [s for s in fig.layout.shapes if s.name == "provisional"]
        assert len(rects) == 1 and rects[0].layer == "below"
        # From halfway after 2020-22 to as far after 2021-23: the shading covers 2021-23 and no neighbour.
        assert pd.Timestamp(rects[0].x0) > place(fig, "2020-22") and pd.Timestamp(rects[0].x1) > place(fig, "2021-23")
        assert pd.Timestamp(rects[0].x0) < place(fig, "2021-23")
        assert [t.replace("<br>", " ") for t in annotation_texts(fig, "provisional")] == [
            "Shaded: provisional figures, which may be revised."]

    def test_title_and_source_footer(self):
        fig = trend_figure(series(), spec=spec(DEATHS), selected_code="P1",
                           source_line="Source: ONS. Data up to 2021-23")
        assert fig.layout.title.text.startswith("Deaths related to drug misuse")
        assert "Cleveland" in fig.layout.title.text
        assert fig.layout.annotations[0].text == "Source: ONS. Data up to 2021-23"

    def test_average_baseline_drawn_across_its_years(self):
        """Given the 3-year average baseline of OCG disruptions, then a segment spans 2019/20 to 2021/22."""
        rows = [{"area_code": ENGLAND, "area_name": "England", "area_type": "country", "period": f"{y}/{str(y + 1)[2:]}",
                 "period_start": pd.Timestamp(y, 4, 1), "value": v, "lower_ci": np.nan, "upper_ci": np.nan,
                 "suppressed": False, "provisional": False} for y, v in [(2019, 2300), (2020, 2400), (2021, 2650),
                                                                          (2022, 2974)]]
        summary = {"baseline_period": "2019/20 to 2021/22", "baseline_value": 2450, "latest_period": "2022/23",
                   "latest_value": 2974, "change": 524, "change_pct": 21.4, "significance": "not_tested"}
        fig = national_figure(pd.DataFrame(rows), spec=spec("ocg_disruptions"), baseline_summary=summary)
        segment = [s for s in fig.layout.shapes if s.name == "baseline"][0]
        assert (pd.Timestamp(segment.x0), pd.Timestamp(segment.x1), segment.y0) == (
            place(fig, "2019/20"), place(fig, "2021/22"), 2450)
        assert annotation_texts(fig, "baseline") == ["Baseline: average 2019/20 to 2021/22"]
        assert annotation_texts(fig, "change")[0].replace("<br>", " ").endswith("not tested for statistical significance")


class TestNationalFigure:
    def test_england_only_series_with_ambition_line(self):
        frame = series(region=False)
        frame = frame[frame["area_code"] == ENGLAND]
        fig = national_figure(frame, spec=spec(DEATHS), baseline_summary=None, ambition_text="Prevent 1,000 deaths",
                              ambition_value=4.0, source_line="Source: ONS")
        assert [t.name for t in fig.data] == ["95% confidence interval (upper)", "95% confidence interval", "England"]
        assert list(fig.layout.xaxis.ticktext) == ["2017-19", "2018-20", "2019-21", "2020-22", "2021-23"]
        assert places(fig.data[1].x) == places(fig.layout.xaxis.tickvals)
        assert trace(fig, "England").line.dash == "solid"
        assert "Ambition: Prevent 1,000 deaths" in fig.layout.title.subtitle.text
        ambition = [s for s in fig.layout.shapes if s.y0 == 4.0]
        assert ambition and ambition[0].line.color == theme.AMBITION

    def test_no_ambition_line_unless_value_given(self):
        frame = series(region=False)
        fig = national_figure(frame[frame["area_code"] == ENGLAND], spec=spec(DEATHS), ambition_text="Prevent deaths")
        assert not [s for s in fig.layout.shapes if s.line.color == theme.AMBITION]
