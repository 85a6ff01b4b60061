"""Change since baseline: tests of the difference, checked against hand-computed z statistics."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from data_access.statistics import change_since_baseline, change_since_baseline_frame, compute_values


def interval(num: float, den: float, measure: str, multiplier: float) -> dict:
    """The row a caller would have: value and 95% limits computed by compute_values."""
    ci = {"proportion": "wilson", "crude_rate": "byar", "count": "byar"}[measure]
    frame = pd.DataFrame({"area_code": ["A"], "numerator": [num], "denominator": [den], "value": [np.nan]})
    row = compute_values(frame, measure=measure, ci_method=ci, multiplier=multiplier, group_cols=["area_code"]).iloc[0]
    return {
        "value": row["value"],
        "lower": row["lower_ci"],
        "upper": row["upper_ci"],
        "numerator": num,
        "denominator": den,
    }


def change(latest: dict, base: dict, measure: str, polarity: str, multiplier: float) -> dict:
    return change_since_baseline(
        **latest,
        base_value=base["value"], base_lower=base["lower"], base_upper=base["upper"],
        base_numerator=base["numerator"], base_denominator=base["denominator"],
        measure=measure, polarity=polarity, multiplier=multiplier,
    )  # fmt: skip


def test_proportion_clearly_significant_uses_pooled_two_sample_z():
    latest, base = interval(300, 1000, "proportion", 100), interval(200, 1000, "proportion", 100)
    got = change(latest, base, "proportion", "higher_is_better", 100)
    p = 500 / 2000
    z = (0.3 - 0.2) / math.sqrt(p * (1 - p) * (1 / 1000 + 1 / 1000))
    assert got["z"] == pytest.approx(z, rel=1e-9)
    assert got["p_value"] == pytest.approx(2 * norm.sf(z), rel=1e-6)
    assert got["change"] == pytest.approx(10.0) and got["change_pct"] == pytest.approx(50.0)
    assert got["significance"] == "improved"
    assert change(latest, base, "proportion", "lower_is_better", 100)["significance"] == "worsened"
    assert change(latest, base, "proportion", "no_judgement", 100)["significance"] == "increased"
    assert change(base, latest, "proportion", "no_judgement", 100)["significance"] == "decreased"


def test_proportion_small_change_is_not_significant():
    got = change(interval(105, 1000, "proportion", 100), interval(100, 1000, "proportion", 100), "proportion",
                 "higher_is_better", 100)  # fmt: skip
    assert abs(got["z"]) < 1 and got["p_value"] > 0.05
    assert got["significance"] == "no_significant_change"


def test_overlapping_intervals_can_still_differ_significantly():
    latest, base = interval(560, 2000, "proportion", 100), interval(500, 2000, "proportion", 100)
    assert latest["lower"] < base["upper"]  # the 95% intervals overlap …
    got = change(latest, base, "proportion", "higher_is_better", 100)
    assert got["p_value"] < 0.05 and got["significance"] == "improved"  # … yet the difference is significant


def test_rates_compare_poisson_rates():
    latest, base = interval(150, 100000, "crude_rate", 100000), interval(100, 100000, "crude_rate", 100000)
    got = change(latest, base, "crude_rate", "lower_is_better", 100000)
    assert got["z"] == pytest.approx(50 / math.sqrt(250), rel=1e-9)
    assert got["significance"] == "worsened"
    flat = change(interval(105, 100000, "crude_rate", 100000), base, "crude_rate", "lower_is_better", 100000)
    assert flat["z"] == pytest.approx(5 / math.sqrt(205), rel=1e-9)
    assert flat["significance"] == "no_significant_change"


def test_rate_numerator_is_derived_from_value_when_missing():
    latest, base = interval(150, 100000, "crude_rate", 100000), interval(100, 100000, "crude_rate", 100000)
    got = change({**latest, "numerator": None}, base, "crude_rate", "lower_is_better", 100000)
    assert got["z"] == pytest.approx(50 / math.sqrt(250), rel=1e-9)


def test_counts_use_poisson_variance_of_the_counts():
    latest, base = interval(150, np.nan, "count", 1), interval(100, np.nan, "count", 1)
    got = change(latest, base, "count", "higher_is_better", 1)
    assert got["z"] == pytest.approx(50 / math.sqrt(250), rel=1e-9)
    assert got["significance"] == "improved"


def test_dsr_uses_standard_errors_from_interval_widths():
    latest = {"value": 20.0, "lower": 18.0, "upper": 22.0, "numerator": 400, "denominator": 2e6}
    base = {"value": 30.0, "lower": 27.0, "upper": 33.0, "numerator": 600, "denominator": 2e6}
    got = change(latest, base, "dsr", "lower_is_better", 100000)
    z95 = norm.ppf(0.975)
    assert got["z"] == pytest.approx(-10 / math.sqrt((4 / (2 * z95)) ** 2 + (6 / (2 * z95)) ** 2), rel=1e-9)
    assert got["significance"] == "improved"
    close = change({**latest, "value": 29.0, "lower": 24.0, "upper": 34.0}, base, "dsr", "lower_is_better", 100000)
    assert close["significance"] == "no_significant_change"


def test_not_tested_without_values_or_intervals():
    base = interval(100, 1000, "proportion", 100)
    no_value = change({**base, "value": None}, base, "proportion", "higher_is_better", 100)
    assert no_value["significance"] == "not_tested" and no_value["change"] is None and no_value["p_value"] is None
    no_interval = change({**interval(300, 1000, "proportion", 100), "lower": np.nan, "upper": np.nan}, base,
                         "proportion", "higher_is_better", 100)  # fmt: skip
    assert no_interval["significance"] == "not_tested"
    assert no_interval["change"] == pytest.approx(20.0)
    zero_base = change({**base, "value": 0.0}, {**base, "value": 0.0}, "dsr", "no_judgement", 100)
    assert zero_base["change_pct"] is None


def test_frame_version_matches_scalar_version():
    pairs = [((300, 1000), (200, 1000)), ((105, 1000), (100, 1000)), ((10, 50), (40, 50)), ((0, 80), (0, 90))]
    records, expected = [], []
    for (x1, n1), (x0, n0) in pairs:
        latest, base = interval(x1, n1, "proportion", 100), interval(x0, n0, "proportion", 100)
        records.append(
            {"value": latest["value"], "lower_ci": latest["lower"], "upper_ci": latest["upper"], "numerator": x1,
             "denominator": n1, "base_value": base["value"], "base_lower_ci": base["lower"],
             "base_upper_ci": base["upper"], "base_numerator": x0, "base_denominator": n0}
        )  # fmt: skip
        expected.append(change(latest, base, "proportion", "lower_is_better", 100))
    frame = pd.DataFrame(records)
    out = change_since_baseline_frame(frame, measure="proportion", polarity="lower_is_better", multiplier=100)
    assert "significance" not in frame  # input untouched
    assert out["significance"].tolist() == [e["significance"] for e in expected]
    assert out["significance"].tolist() == ["worsened", "no_significant_change", "improved", "no_significant_change"]
    np.testing.assert_allclose(out["z"], [e["z"] for e in expected])
