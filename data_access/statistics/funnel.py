"""Funnel plots: control limits around a benchmark and where each area falls against them.

Responsibility: the numbers behind a funnel chart of areas (value against denominator) with 95%
and 99.8% control limits centred on the benchmark (usually England). Methods are those of
PHStatsMethods' funnel functions (the Fingertips funnel-plot tool): for proportions the limits
are the Wilson-score funnel (``utils_funnel.sigma_adjustment``); for crude rates they are exact
Poisson limits of the expected count; an area's rate is flagged when its own interval (Byar,
exact below 10) excludes the benchmark, as in ``assign_funnel_significance``.

Directly standardised rates (DSRs) follow the documented Fingertips method of PHStatsMethods
(``calculate_funnel_points`` / ``calculate_funnel_limits`` / ``assign_funnel_significance`` with
``rate_type="dsr"``): each area's *equivalent denominator* is ``multiplier × events ÷ DSR`` (the
population whose crude rate with the same events equals the DSR), and the crude-rate funnel is
drawn on it: exact Poisson limits around the benchmark, and a point flagged when the Byar interval
of its events over its equivalent denominator excludes the benchmark. Areas with fewer than 10
events are not plotted ("not applicable" in PHStatsMethods), as OHID does not judge them.

Why not call ``calculate_funnel_limits`` / ``assign_funnel_significance`` directly: they centre
the funnel on the pooled average of the rows passed in, while the dashboard centres it on the
benchmark it compares against everywhere else (England), which differs from the pooled average
once areas are suppressed or only a region is plotted. They are also scalar loops
(``sigma_adjustment`` makes six ``norm.ppf`` calls each time; measured 0.19 s for one proportion
funnel, 0.19 s for one rate funnel). So the same formulas are used here on arrays, with the
library's ``exact_lower``/``exact_upper`` and axis helpers, and the tests check that with the
pooled average as benchmark the limits equal ``calculate_funnel_limits``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PHStatsMethods import exact_lower, exact_upper
from PHStatsMethods.utils_funnel import signif_ceiling, signif_floor

from ._intervals import byar, z_value

SUPPORTED = ("proportion", "crude_rate", "dsr")
#: Fewer events than this and a DSR is not placed on a funnel (PHStatsMethods, Fingertips).
DSR_MIN_EVENTS = 10
WITHIN = "within 95% limits"
BETWEEN = "between 95% and 99.8%"
OUTSIDE = "outside 99.8%"
# Funnel limits are one-sided 2.5% / 0.1% tails: the 95% and 99.8% two-sided levels.
_LEVELS = ((0.95, "lower_95", "upper_95"), (0.998, "lower_998", "upper_998"))


def proportion_limits(
    denominator: np.ndarray, average: float, confidence: float, multiplier: float
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson-score funnel limits at each denominator for a true proportion ``average`` (0..1).

    Array form of ``PHStatsMethods.utils_funnel.sigma_adjustment`` (p = 1 - (1 - confidence) / 2),
    clipped to [0, multiplier] as ``calculate_funnel_limits`` clips to [0, 100].
    """
    n = np.asarray(denominator, dtype=float)
    z2 = z_value(confidence) ** 2
    first = average * (n / z2 + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        root = np.sqrt(
            (-8 * average * (n / z2 + 1)) ** 2
            - 64 * (1 / z2 + 1 / n) * average * (n * (average * (n / z2 + 2) - 1) + z2 * (average - 1))
        )
        last = 1 / z2 + 1 / n
        lower = (first - root / 8) / last / n * multiplier
        upper = (first + root / 8) / last / n * multiplier
    return np.clip(lower, 0, multiplier), np.clip(upper, 0, multiplier)


def rate_limits(
    denominator: np.ndarray, average: float, confidence: float, multiplier: float
) -> tuple[np.ndarray, np.ndarray]:
    """Exact Poisson funnel limits at each denominator for a true rate ``average`` per 1.

    With expected count mu = average * denominator, the lower limit is the count x whose exact
    upper confidence limit equals mu (mu is at the 2.5% / 0.1% upper tail of x) and the upper
    limit the x whose exact lower limit equals mu, each divided by the denominator. This is the
    curve ``calculate_funnel_limits`` traces with ``poisson_funnel``, solved for x by interpolation
    on a fine grid so that every limit is evaluated at the same denominators.
    """
    n = np.asarray(denominator, dtype=float)
    mu = average * n
    top = float(np.nanmax(mu)) if mu.size else 0.0
    x = np.unique(np.concatenate([np.linspace(0, 50, 5001), np.geomspace(50, top + 10 * np.sqrt(top) + 100, 5000)]))
    up = exact_upper(x, confidence)
    with np.errstate(invalid="ignore"):
        low = np.where(x > 0, exact_lower(x, confidence), 0.0)
    x_lower = np.interp(mu, up, x, left=0.0)
    x_upper = np.interp(mu, low, x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return x_lower / n * multiplier, x_upper / n * multiplier


def dsr_points(frame: pd.DataFrame, multiplier: float) -> pd.DataFrame:
    """DSR rows a funnel can place: at least ``DSR_MIN_EVENTS`` events and a positive rate.

    Columns ``area_code, numerator, population, value, denominator``, where ``denominator`` is the
    equivalent denominator ``multiplier × events ÷ DSR`` (PHStatsMethods' ``denom_derived``).
    """
    data = pd.DataFrame({
        "area_code": frame["area_code"],
        "numerator": pd.to_numeric(frame["numerator"], errors="coerce").astype(float),
        "population": pd.to_numeric(frame["denominator"], errors="coerce").astype(float),
        "value": pd.to_numeric(frame["value"], errors="coerce").astype(float),
    })
    data = data[(data["numerator"] >= DSR_MIN_EVENTS) & (data["value"] > 0)].reset_index(drop=True)
    data["denominator"] = multiplier * data["numerator"] / data["value"]
    return data


def _limits_at(measure: str, denominator: np.ndarray, average: float, confidence: float, multiplier: float):
    fn = proportion_limits if measure == "proportion" else rate_limits  # a DSR uses the rate funnel
    return fn(denominator, average, confidence, multiplier)


def _axis(denominators: np.ndarray, n_points: int) -> np.ndarray:
    """The x range of ``calculate_funnel_limits``: 0 (really 1) or a rounded minimum up to a rounded maximum."""
    low, high = float(denominators.min()), float(denominators.max())
    axis_min = 0 if high > 2 * low else signif_floor(low)
    axis_max = signif_ceiling(high)
    return np.unique(np.round(np.geomspace(max(1.0, axis_min), max(axis_max, 2.0), n_points)))


def funnel_limits(
    frame: pd.DataFrame, *, measure: str, multiplier: float, benchmark: float, n_points: int = 100
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Funnel points and control limits for ``frame``, centred on ``benchmark``.

    ``frame`` columns: ``area_code``, ``numerator``, ``denominator`` (and ``value`` for a DSR).
    ``benchmark`` is in the metric's units (per ``multiplier``), e.g. England's value. ``measure``
    "proportion", "crude_rate" and "dsr" are supported; anything else raises ValueError. For a DSR
    the points' ``denominator`` is the equivalent denominator (see the module note) and the
    population is kept as ``population``.

    Returns ``(points, limits)``:

    * ``points``: ``area_code, numerator, denominator, value, significance, side`` — one row per
      area with a numerator and a positive denominator (others, e.g. suppressed rows, have nothing
      to plot and are left out). ``significance`` is "within 95% limits", "between 95% and 99.8%"
      or "outside 99.8%"; ``side`` is "above", "below" or "" (within 95%).
    * ``limits``: ``denominator, lower_95, upper_95, lower_998, upper_998, benchmark`` on up to
      ``n_points`` denominators spaced geometrically across the plotted range, for drawing lines.
    """
    if measure not in SUPPORTED:
        raise ValueError(f"funnel plots support measures {SUPPORTED}, not {measure!r}")
    if benchmark is None or not np.isfinite(benchmark):
        raise ValueError("a funnel plot needs a benchmark value")
    average = benchmark / multiplier
    if average < 0 or (measure == "proportion" and average > 1):
        raise ValueError(f"benchmark {benchmark} is out of range for a {measure} per {multiplier}")

    if measure == "dsr":
        points = dsr_points(frame, multiplier)
    else:
        data = frame[["area_code", "numerator", "denominator"]].copy()
        data["numerator"] = pd.to_numeric(data["numerator"], errors="coerce").astype(float)
        data["denominator"] = pd.to_numeric(data["denominator"], errors="coerce").astype(float)
        points = data[data["numerator"].notna() & (data["denominator"] > 0)].reset_index(drop=True)
    x = points["numerator"].to_numpy()
    n = points["denominator"].to_numpy()
    if measure == "proportion" and (x > n).any():
        raise ValueError("a proportion's numerator exceeds its denominator")
    if measure != "dsr":
        points["value"] = x / n * multiplier

    above = {}
    below = {}
    for confidence, _, _ in _LEVELS:
        if measure == "proportion":
            lower, upper = proportion_limits(n, average, confidence, multiplier)
            above[confidence] = points["value"].to_numpy() > upper
            below[confidence] = points["value"].to_numpy() < lower
        else:
            lower, upper = byar(x, confidence)
            above[confidence] = average < lower / n
            below[confidence] = average > upper / n
    outside = above[0.998] | below[0.998]
    between = ~outside & (above[0.95] | below[0.95])
    points["significance"] = np.select([outside, between], [OUTSIDE, BETWEEN], default=WITHIN)
    points["side"] = np.select([between | outside], [np.where(above[0.95], "above", "below")], default="")

    limits = pd.DataFrame({"denominator": _axis(n, n_points) if len(n) else np.array([], dtype=float)})
    for confidence, lo, hi in _LEVELS:
        limits[lo], limits[hi] = _limits_at(measure, limits["denominator"].to_numpy(), average, confidence, multiplier)
    limits["benchmark"] = float(benchmark)
    return points, limits
