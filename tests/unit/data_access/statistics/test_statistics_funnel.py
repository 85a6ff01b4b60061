"""Funnel limits: shape, agreement with PHStatsMethods' funnel functions, and point significance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import PHStatsMethods as ph
import pytest
from PHStatsMethods.utils_funnel import sigma_adjustment

from data_access.statistics import funnel_limits
from data_access.statistics.funnel import proportion_limits, rate_limits


def areas(num, den) -> pd.DataFrame:
    return pd.DataFrame(
        {"area_code": [f"E{i:03d}" for i in range(len(num))], "numerator": np.asarray(num, float), "denominator": den}
    )


@pytest.fixture
def proportion_frame() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    den = rng.integers(200, 6000, 120).astype(float)
    return areas(rng.binomial(den.astype(int), 0.42), den)


@pytest.fixture
def rate_frame() -> pd.DataFrame:
    rng = np.random.default_rng(12)
    den = rng.integers(60000, 1200000, 120).astype(float)
    return areas(rng.poisson(den * 2.5e-4), den)


@pytest.mark.parametrize(
    ("measure", "multiplier", "benchmark"), [("proportion", 100, 42.0), ("crude_rate", 100000, 25.0)]
)
def test_limits_narrow_as_denominator_grows(measure, multiplier, benchmark, proportion_frame, rate_frame):
    frame = proportion_frame if measure == "proportion" else rate_frame
    _, limits = funnel_limits(frame, measure=measure, multiplier=multiplier, benchmark=benchmark)
    assert list(limits.columns) == ["denominator", "lower_95", "upper_95", "lower_998", "upper_998", "benchmark"]
    assert 50 <= len(limits) <= 100 and limits["denominator"].is_monotonic_increasing
    assert limits["denominator"].iloc[-1] >= frame["denominator"].max()
    body = limits[limits["denominator"] >= 100]  # above the tiny-denominator region where limits are clipped
    for level in ("95", "998"):
        width = body[f"upper_{level}"] - body[f"lower_{level}"]
        assert (np.diff(width) < 0).all(), level
        assert (body[f"lower_{level}"] <= benchmark).all() and (body[f"upper_{level}"] >= benchmark).all()
    assert (body["upper_998"] > body["upper_95"]).all() and (body["lower_998"] <= body["lower_95"]).all()
    positive = body[body["lower_95"] > 0]  # a rate's lower limit is 0 until about 4 events are expected
    assert len(positive) > 20 and (positive["lower_998"] < positive["lower_95"]).all()
    assert (limits["benchmark"] == benchmark).all()


def test_proportion_limits_equal_phstatsmethods(proportion_frame):
    frame = proportion_frame.rename(columns={"numerator": "num", "denominator": "den"})
    ref = ph.calculate_funnel_limits(frame, "num", "proportion", 100, denom_col="den")
    average = ref["baseline"].iloc[0] / 100
    n = ref["Population"].to_numpy(dtype=float)
    for confidence, tag in ((0.95, "2s"), (0.998, "3s")):
        lower, upper = proportion_limits(n, average, confidence, 100)
        np.testing.assert_allclose(lower, ref[f"lower_{tag}_limit"], rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(upper, ref[f"upper_{tag}_limit"], rtol=1e-9, atol=1e-9)
    # and the scalar helper directly, away from the clipped region
    assert proportion_limits(np.array([750.0]), 0.3, 0.95, 100)[1][0] == pytest.approx(
        sigma_adjustment(0.975, 750, 0.3, "high", 100), rel=1e-12
    )


def test_rate_limits_equal_phstatsmethods(rate_frame):
    frame = rate_frame.rename(columns={"numerator": "num", "denominator": "den"})
    frame["rate"] = frame["num"] / frame["den"] * 100000
    ref = ph.calculate_funnel_limits(
        frame, "num", "rate", 100000, denom_col="den", rate="rate", rate_type="crude", years_of_data=1
    )
    average = ref["baseline"].iloc[0] / 100000
    for confidence, tag in ((0.95, "2s"), (0.998, "3s")):
        lower, _ = rate_limits(ref[f"lower_{tag}_population_1_year"].to_numpy(), average, confidence, 100000)
        _, upper = rate_limits(ref[f"upper_{tag}_population_1_year"].to_numpy(), average, confidence, 100000)
        np.testing.assert_allclose(lower, ref[f"lower_{tag}_limit"], rtol=1e-4)
        np.testing.assert_allclose(upper, ref[f"upper_{tag}_limit"], rtol=1e-4)


def test_points_significance_matches_phstatsmethods_when_centred_on_the_pooled_average(proportion_frame, rate_frame):
    labels = {
        "Not significant": ("within 95% limits", ""),
        "High (0.025)": ("between 95% and 99.8%", "above"),
        "Low (0.025)": ("between 95% and 99.8%", "below"),
        "High (0.001)": ("outside 99.8%", "above"),
        "Low (0.001)": ("outside 99.8%", "below"),
    }
    # Spread the proportions out so that every band is represented.
    frame = proportion_frame.copy()
    frame.loc[:9, "numerator"] = (frame.loc[:9, "denominator"] * np.linspace(0.30, 0.54, 10)).round()
    bench = frame["numerator"].sum() / frame["denominator"].sum() * 100
    points, _ = funnel_limits(frame, measure="proportion", multiplier=100, benchmark=bench)
    ref = ph.assign_funnel_significance(frame, "numerator", "proportion", denom_col="denominator")
    expected = ref["significance"].map(labels)
    assert list(zip(points["significance"], points["side"], strict=True)) == expected.tolist()
    assert {"within 95% limits", "outside 99.8%"} <= set(points["significance"])

    rates = rate_frame.assign(rate=rate_frame["numerator"] / rate_frame["denominator"] * 100000)
    bench = rates["numerator"].sum() / rates["denominator"].sum() * 100000
    points, _ = funnel_limits(rates, measure="crude_rate", multiplier=100000, benchmark=bench)
    ref = ph.assign_funnel_significance(
        rates, "numerator", "rate", denom_col="denominator", rate="rate", rate_type="crude", multiplier=100000
    )
    assert list(zip(points["significance"], points["side"], strict=True)) == ref["significance"].map(labels).tolist()


def test_obvious_outliers_and_benchmark_choice():
    frame = areas([500, 300, 100], [1000.0, 1000.0, 1000.0])
    points, _ = funnel_limits(frame, measure="proportion", multiplier=100, benchmark=30.0)
    assert points["significance"].tolist() == ["outside 99.8%", "within 95% limits", "outside 99.8%"]
    assert points["side"].tolist() == ["above", "", "below"]
    assert points["value"].tolist() == [50.0, 30.0, 10.0]
    shifted, _ = funnel_limits(frame, measure="proportion", multiplier=100, benchmark=50.0)
    assert shifted["significance"].tolist()[0] == "within 95% limits"


def test_missing_points_are_left_out_and_other_measures_rejected():
    frame = areas([10, np.nan, 30], [100.0, 100.0, 0.0])
    points, _ = funnel_limits(frame, measure="crude_rate", multiplier=1000, benchmark=100.0)
    assert points["area_code"].tolist() == ["E000"]
    for measure in ("count", "mean"):
        with pytest.raises(ValueError, match="funnel plots support"):
            funnel_limits(frame, measure=measure, multiplier=1, benchmark=1.0)
    with pytest.raises(ValueError, match="benchmark"):
        funnel_limits(frame, measure="crude_rate", multiplier=1000, benchmark=float("nan"))
