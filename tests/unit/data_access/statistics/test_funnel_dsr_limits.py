"""DSR funnels: the Fingertips method (PHStatsMethods, rate_type="dsr") on each area's equivalent denominator.

Checked three ways: a worked example solved independently with the chi-squared form of the exact
Poisson limits; the points' significance against ``assign_funnel_significance(rate_type="dsr")``;
and the limits against ``calculate_funnel_limits(rate_type="dsr")``'s curve.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import PHStatsMethods as ph
import pytest
from scipy.optimize import brentq
from scipy.stats import chi2

from data_access.statistics import funnel_limits
from data_access.statistics.funnel import DSR_MIN_EVENTS, dsr_points, rate_limits

PER = 100000


def dsr_frame(events, dsr, population=None) -> pd.DataFrame:
    events = np.asarray(events, dtype=float)
    return pd.DataFrame({"area_code": [f"E{i:03d}" for i in range(len(events))], "numerator": events,
                         "denominator": population if population is not None else np.full(len(events), 1e6),
                         "value": np.asarray(dsr, dtype=float)})


def test_worked_example_equivalent_denominator_and_limits():
    """80 deaths at a DSR of 16 per 100,000: equivalent population 500,000; England 8 per 100,000 expects 40.

    The 95% upper limit is the count x whose exact lower 95% limit, chi2.ppf(0.025, 2x) / 2, is 40;
    the lower limit the x whose exact upper limit, chi2.ppf(0.975, 2x + 2) / 2, is 40. Each ÷ 500,000.
    """
    points, _ = funnel_limits(dsr_frame([80], [16.0], [480000.0]), measure="dsr", multiplier=PER, benchmark=8.0)
    assert points.loc[0, "denominator"] == pytest.approx(500000.0)
    assert points.loc[0, "population"] == 480000.0 and points.loc[0, "value"] == 16.0

    x_high = brentq(lambda x: chi2.ppf(0.025, 2 * x) / 2 - 40, 1, 200)
    x_low = brentq(lambda x: chi2.ppf(0.975, 2 * x + 2) / 2 - 40, 1, 200)
    lower, upper = rate_limits(np.array([500000.0]), 8.0 / PER, 0.95, PER)
    assert upper[0] == pytest.approx(x_high / 500000 * PER, rel=1e-4)
    assert lower[0] == pytest.approx(x_low / 500000 * PER, rel=1e-4)
    assert lower[0] < 8.0 < upper[0] < 16.0  # 16 is above England's limits at that size
    assert points.loc[0, "side"] == "above" and points.loc[0, "significance"] == "outside 99.8%"


def test_fewer_than_ten_events_are_not_placed():
    frame = dsr_frame([DSR_MIN_EVENTS - 1, DSR_MIN_EVENTS, 30, np.nan], [4.0, 5.0, 6.0, 5.0])
    kept = dsr_points(frame, PER)
    assert kept["area_code"].tolist() == ["E001", "E002"]
    np.testing.assert_allclose(kept["denominator"], [PER * 10 / 5.0, PER * 30 / 6.0])


@pytest.fixture
def deaths() -> pd.DataFrame:
    rng = np.random.default_rng(20)
    population = rng.integers(150000, 3000000, 80).astype(float)
    events = rng.poisson(population * 3 * 6e-5).astype(float)
    events[:5] = [4, 8, 12, 60, 400]
    # An age-standardised rate differs from the crude rate by an area-specific factor.
    dsr = events / (population * 3) * PER * rng.uniform(0.8, 1.25, 80)
    return dsr_frame(events, dsr, population)


def test_significance_matches_phstatsmethods_dsr(deaths):
    # PHStatsMethods centres on every area's pooled events over their equivalent denominators.
    bench = deaths["numerator"].sum() / (PER * deaths["numerator"] / deaths["value"]).sum() * PER
    points, _ = funnel_limits(deaths, measure="dsr", multiplier=PER, benchmark=bench)
    ref = ph.assign_funnel_significance(deaths.rename(columns={"denominator": "pop"}), "numerator", "rate",
                                        rate="value", rate_type="dsr", multiplier=PER)
    ref = ref[ref["numerator"] >= DSR_MIN_EVENTS]
    labels = {"Not significant": ("within 95% limits", ""), "High (0.025)": ("between 95% and 99.8%", "above"),
              "Low (0.025)": ("between 95% and 99.8%", "below"), "High (0.001)": ("outside 99.8%", "above"),
              "Low (0.001)": ("outside 99.8%", "below")}
    assert points["area_code"].tolist() == ref["area_code"].tolist()
    assert list(zip(points["significance"], points["side"], strict=True)) == ref["significance"].map(labels).tolist()
    assert len(set(points["significance"])) >= 2


def test_limits_follow_phstatsmethods_dsr_curve(deaths):
    placed = deaths[deaths["numerator"] >= DSR_MIN_EVENTS]
    ref = ph.calculate_funnel_limits(placed.copy(), "numerator", "rate", PER, rate="value", rate_type="dsr",
                                     years_of_data=1)
    average = ref["baseline"].iloc[0] / PER
    for confidence, tag in ((0.95, "2s"), (0.998, "3s")):
        lower, _ = rate_limits(ref[f"lower_{tag}_population_1_year"].to_numpy(), average, confidence, PER)
        _, upper = rate_limits(ref[f"upper_{tag}_population_1_year"].to_numpy(), average, confidence, PER)
        np.testing.assert_allclose(lower, ref[f"lower_{tag}_limit"], rtol=1e-4)
        np.testing.assert_allclose(upper, ref[f"upper_{tag}_limit"], rtol=1e-4)
    _, limits = funnel_limits(deaths, measure="dsr", multiplier=PER, benchmark=average * PER)
    assert limits["denominator"].iloc[-1] >= (PER * placed["numerator"] / placed["value"]).max()
