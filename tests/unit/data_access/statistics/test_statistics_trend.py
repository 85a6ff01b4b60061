"""Recent trend: rising vs flat vs gappy series, checked against independent formulations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from scipy.stats import chi2

from data_access.statistics import recent_trend


def series(num, den, value=None, **extra) -> pd.DataFrame:
    k = len(num)
    frame = pd.DataFrame(
        {
            "period_start": pd.date_range("2015-04-01", periods=k, freq="12MS"),
            "numerator": np.asarray(num, dtype=float),
            "denominator": np.asarray(den, dtype=float),
        }
    )
    frame["value"] = frame["numerator"] / frame["denominator"] * 100 if value is None else value
    for key, col in extra.items():
        frame[key] = col
    return frame


def test_proportion_rising_is_increasing_and_judged_by_polarity():
    frame = series([100, 120, 140, 160, 180], [1000] * 5)
    got = recent_trend(frame, measure="proportion", polarity="lower_is_better")
    assert got["trend"] == "increasing" and got["judgement"] == "getting_worse"
    assert got["points"] == 5 and got["p_value"] < 0.001 and got["method"] == "cochran_armitage"
    assert recent_trend(frame, measure="proportion", polarity="higher_is_better")["judgement"] == "getting_better"
    assert recent_trend(frame, measure="proportion", polarity="no_judgement")["judgement"] == "not_judged"


def test_cochran_armitage_equals_n_r_squared_on_individual_records():
    num, den = [30, 28, 41, 39, 45], [200] * 5
    got = recent_trend(series(num, den), measure="proportion", polarity="no_judgement")
    t = np.concatenate([np.full(n, i) for i, n in enumerate(den)])
    y = np.concatenate([np.r_[np.ones(x), np.zeros(n - x)] for x, n in zip(num, den, strict=True)])
    r = np.corrcoef(t, y)[0, 1]
    assert got["p_value"] == pytest.approx(chi2.sf(len(y) * r**2, 1), rel=1e-9)


def test_flat_series_has_no_significant_change():
    got = recent_trend(series([150] * 5, [1000] * 5), measure="proportion", polarity="lower_is_better")
    assert got["trend"] == "no_significant_change" and got["judgement"] == "no_significant_change"
    assert got["p_value"] == pytest.approx(1.0)
    noisy = recent_trend(
        series([150, 158, 144, 153, 149], [1000] * 5), measure="proportion", polarity="lower_is_better"
    )
    assert noisy["trend"] == "no_significant_change"


def test_missing_recent_point_means_not_enough_data_but_older_gaps_do_not_matter():
    gap = series([100, 120, np.nan, 160, 180, 200], [1000] * 6)
    assert recent_trend(gap, measure="proportion", polarity="lower_is_better")["trend"] == "not_enough_data"
    older_gap = series([np.nan, 120, 140, 160, 180, 200], [1000] * 6)
    assert recent_trend(older_gap, measure="proportion", polarity="lower_is_better")["trend"] == "increasing"
    short = recent_trend(series([100, 120, 140, 160], [1000] * 4), measure="proportion", polarity="lower_is_better")
    assert short == {"trend": "not_enough_data", "judgement": "not_enough_data", "points": 4, "p_value": None,
                     "method": "none"}  # fmt: skip


def test_row_order_does_not_matter():
    frame = series([400, 100, 120, 140, 160, 180], [1000] * 6)
    shuffled = frame.sample(frac=1, random_state=1)
    assert recent_trend(shuffled, measure="proportion", polarity="lower_is_better") == recent_trend(
        frame, measure="proportion", polarity="lower_is_better"
    )
    # The latest five are the rising ones; the early 400 (which would mask the rise) is ignored.
    assert recent_trend(shuffled, measure="proportion", polarity="lower_is_better")["trend"] == "increasing"


def _poisson_lr(x, n):
    """Likelihood-ratio chi-squared for b in log mu = log n + a + b t, fitted by direct optimisation."""
    t = np.arange(len(x), dtype=float)

    def nll(params, slope=True):
        a, b = params if slope else (params[0], 0.0)
        mu = n * np.exp(a + b * t)
        return float(np.sum(mu - x * np.log(mu)))

    full = minimize(
        nll, x0=[np.log(x.sum() / n.sum()), 0.0], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12}
    )
    null = np.log(x.sum() / n.sum())
    return 2 * (nll([null], slope=False) - full.fun), full.x[1]


def test_rates_use_a_poisson_trend_test():
    num, den = np.array([100.0, 118, 131, 152, 170]), np.array([1e5, 1.01e5, 1.02e5, 1.03e5, 1.04e5])
    got = recent_trend(series(num, den), measure="crude_rate", polarity="higher_is_better")
    assert got["trend"] == "increasing" and got["judgement"] == "getting_better" and got["method"] == "poisson_score"
    lr, slope = _poisson_lr(num, den)
    assert slope > 0
    assert chi2.isf(got["p_value"], 1) == pytest.approx(lr, rel=0.05)  # score and LR tests agree
    falling = recent_trend(series(num[::-1], den), measure="crude_rate", polarity="higher_is_better")
    assert falling["trend"] == "decreasing" and falling["judgement"] == "getting_worse"
    flat = recent_trend(series([100, 96, 104, 99, 101], [1e5] * 5), measure="crude_rate", polarity="higher_is_better")
    assert flat["trend"] == "no_significant_change"


def test_counts_with_zero_years_are_tested():
    got = recent_trend(
        series([0, 1, 3, 6, 12], [np.nan] * 5, value=np.nan), measure="count", polarity="lower_is_better"
    )
    assert got["trend"] == "increasing" and got["judgement"] == "getting_worse"
    none = recent_trend(series([0] * 5, [np.nan] * 5, value=np.nan), measure="count", polarity="lower_is_better")
    assert none["trend"] == "no_significant_change"


def test_dsr_trend_uses_interval_widths():
    values = np.array([10.0, 11.0, 12.0, 13.0, 14.0])
    narrow = series([500] * 5, [1e6] * 5, value=values, lower_ci=values * 0.95, upper_ci=values * 1.05)
    assert recent_trend(narrow, measure="dsr", polarity="lower_is_better")["trend"] == "increasing"
    wide = series([500] * 5, [1e6] * 5, value=values, lower_ci=values * 0.5, upper_ci=values * 1.6)
    assert recent_trend(wide, measure="dsr", polarity="lower_is_better")["trend"] == "no_significant_change"
    # Without limits: Var(log DSR) ~ 1/events; 20 events a year is too few for this rise, 2000 is plenty.
    few = series([20] * 5, [1e6] * 5, value=values)
    many = series([2000] * 5, [1e6] * 5, value=values)
    assert recent_trend(few, measure="dsr", polarity="lower_is_better")["trend"] == "no_significant_change"
    assert recent_trend(many, measure="dsr", polarity="lower_is_better")["trend"] == "increasing"


def test_mean_without_limits_cannot_be_tested():
    frame = series([np.nan] * 5, [np.nan] * 5, value=[1.0, 2, 3, 4, 5])
    assert recent_trend(frame, measure="mean", polarity="no_judgement")["trend"] == "not_enough_data"
