"""Recent trend: is an area's metric rising or falling over its latest points? (Fingertips' method.)

Responsibility: test for a trend across the most recent ``points`` (default 5) consecutive
values of one area and say whether that is getting better or worse under the metric's polarity.
Like Fingertips, the test is only made when all of the latest ``points`` values are present; a gap
(a row with a missing value) among them gives "not_enough_data". Callers should therefore include
rows for periods with no data rather than drop them, or a gap would go unnoticed.

Tests (all two-sided at 95%, time scored 0, 1, …, points - 1):

* ``proportion`` — chi-squared test for linear trend in proportions (Cochran–Armitage), from
  numerators and denominators.
* ``crude_rate`` and ``count`` — score test for a log-linear Poisson trend: the test of the slope in
  the Poisson regression log E[x_t] = log n_t + a + b t, taken at b = 0. It is the Poisson analogue
  of Cochran–Armitage, is closed-form (no iterative fitting, no failure when a year has 0 events),
  and for counts n_t = 1.
* ``dsr`` — a DSR is a weighted sum of age-specific rates, so its counts alone do not give its
  variance. We fit log(value) on time by weighted least squares with known variances: SE(log DSR)
  from the 95% limits when the frame has ``lower_ci``/``upper_ci`` ((log upper - log lower) / 3.92),
  otherwise the approximation Var(log DSR) = 1 / events. z = slope / SE(slope).
* ``mean`` — weighted least squares of the value on time with SEs from the 95% limits; without
  limits there is nothing to weight by and the result is "not_enough_data".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.special import ndtr
from scipy.stats import chi2

from ._intervals import z_value

SIGNIFICANCE_LEVEL = 0.05
_Z95 = z_value(0.95)
_POLARITIES = ("lower_is_better", "higher_is_better", "no_judgement")
_MEASURES = ("proportion", "crude_rate", "dsr", "count", "mean")


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    if name not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


def _cochran_armitage(x: np.ndarray, n: np.ndarray, t: np.ndarray) -> tuple[float, float]:
    """(statistic direction, p) of the chi-squared test for linear trend in proportions."""
    p_bar = x.sum() / n.sum()
    u = float(np.sum(t * (x - n * p_bar)))
    v = p_bar * (1 - p_bar) * (np.sum(n * t**2) - np.sum(n * t) ** 2 / n.sum())
    if v <= 0:
        return 0.0, 1.0
    return u, float(chi2.sf(u**2 / v, 1))


def _poisson_score(x: np.ndarray, n: np.ndarray, t: np.ndarray) -> tuple[float, float]:
    """(score, p) of the test of b = 0 in log E[x_t] = log n_t + a + b t."""
    mu = n * x.sum() / n.sum()
    u = float(np.sum(t * (x - mu)))
    total = mu.sum()
    v = np.sum(t**2 * mu) - np.sum(t * mu) ** 2 / total if total > 0 else 0.0
    if v <= 0:
        return 0.0, 1.0
    return u, float(chi2.sf(u**2 / v, 1))


def _weighted_slope(y: np.ndarray, se: np.ndarray, t: np.ndarray) -> tuple[float, float]:
    """(slope, p) of weighted least squares with known standard errors (Wald z test)."""
    w = 1 / se**2
    t_bar = np.sum(w * t) / w.sum()
    sxx = np.sum(w * (t - t_bar) ** 2)
    slope = float(np.sum(w * (t - t_bar) * y) / sxx)
    z = slope * np.sqrt(sxx)
    return slope, float(2 * ndtr(-abs(z)))


def _result(trend: str, polarity: str, points: int, p_value: float | None, method: str) -> dict[str, Any]:
    if trend in ("not_enough_data", "no_significant_change"):
        judgement = trend
    elif polarity == "no_judgement":
        judgement = "not_judged"
    elif (trend == "increasing") == (polarity == "higher_is_better"):
        judgement = "getting_better"
    else:
        judgement = "getting_worse"
    return {"trend": trend, "judgement": judgement, "points": points, "p_value": p_value, "method": method}


def recent_trend(frame: pd.DataFrame, *, measure: str, polarity: str, points: int = 5) -> dict[str, Any]:
    """Test for a trend across the latest ``points`` periods of one area (see the module docstring).

    ``frame`` columns: ``period_start`` (sortable; any order), ``value``, ``numerator``,
    ``denominator``, and optionally ``lower_ci``/``upper_ci`` (95%, used for DSRs and means). One row
    per period. Returns ``{"trend", "judgement", "points", "p_value", "method"}``:
    ``trend`` in "increasing", "decreasing", "no_significant_change", "not_enough_data";
    ``judgement`` in "getting_better", "getting_worse", "no_significant_change", "not_judged"
    (no_judgement polarity), "not_enough_data"; ``points`` is the number of latest consecutive
    usable points (at most ``points``); ``p_value`` is None when no test was made; ``method`` names
    the test ("cochran_armitage", "poisson_score", "wls_log", "wls", or "none").
    """
    if measure not in _MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    if polarity not in _POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r}")
    if points < 3:
        raise ValueError("a trend needs at least 3 points")
    if frame["period_start"].duplicated().any():
        raise ValueError("recent_trend expects one row per period")
    recent = frame.sort_values("period_start").tail(points)
    value, num, den = _column(recent, "value"), _column(recent, "numerator"), _column(recent, "denominator")
    lower, upper = _column(recent, "lower_ci"), _column(recent, "upper_ci")

    if measure == "proportion":
        usable, method = ~np.isnan(num) & (den > 0) & (num <= den), "cochran_armitage"
    elif measure == "crude_rate":
        usable, method = ~np.isnan(num) & (den > 0), "poisson_score"
    elif measure == "count":
        num = np.where(np.isnan(num), value, num)
        den = np.ones_like(num)
        usable, method = num >= 0, "poisson_score"
    elif measure == "dsr":
        with np.errstate(divide="ignore", invalid="ignore"):
            se_ci = (np.log(upper) - np.log(lower)) / (2 * _Z95)
            se_events = 1 / np.sqrt(num)
        have_ci = np.all(se_ci > 0)
        se = se_ci if have_ci else se_events
        usable, method = (value > 0) & (se > 0) & np.isfinite(se), "wls_log"
    else:
        se = (upper - lower) / (2 * _Z95)
        usable, method = ~np.isnan(value) & (se > 0), "wls"

    run = 0
    for ok in usable[::-1]:
        if not ok:
            break
        run += 1
    if len(recent) < points or run < points:
        return _result("not_enough_data", polarity, run, None, "none")

    t = np.arange(points, dtype=float)
    if measure == "proportion":
        direction, p_value = _cochran_armitage(num, den, t)
    elif measure in ("crude_rate", "count"):
        direction, p_value = _poisson_score(num, den, t)
    elif measure == "dsr":
        direction, p_value = _weighted_slope(np.log(value), se, t)
    else:
        direction, p_value = _weighted_slope(value, se, t)

    if p_value < SIGNIFICANCE_LEVEL and direction != 0:
        trend = "increasing" if direction > 0 else "decreasing"
    else:
        trend = "no_significant_change"
    return _result(trend, polarity, points, p_value, method)
