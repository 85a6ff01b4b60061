"""Array versions of the PHStatsMethods confidence-interval formulas (Wilson, Byar/exact, Dobson).

Responsibility: turn arrays of counts into arrays of interval limits, exactly as PHStatsMethods does
for one number at a time, so that every other module can stay vectorised.

Why these are written out here rather than called from the library: PHStatsMethods' scalar
helpers cannot take arrays (``wilson_lower`` uses ``math.sqrt``; ``byars_lower`` branches with
``if value < 10`` and calls ``scipy.stats.norm.ppf`` on every call), and its frame functions apply
them row by row. Measured on 5,000 groups at 95% and 99.8%: ``ph_proportion`` 0.95 s, ``ph_rate``
3.4 s, ``np.vectorize(wilson_*)`` 31 ms, ``np.vectorize(byars_*)`` 2.1 s; these versions take about
1 ms. The formulas are the library's own (same constants, same "exact below 10" rule), the z value
comes from the library's ``get_calc_variables``, the exact Poisson limits are the library's
``exact_lower``/``exact_upper`` (which do accept arrays), and the tests pin every function here to
the library's scalar result.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from PHStatsMethods import exact_lower, exact_upper
from PHStatsMethods.utils import get_calc_variables

LEVELS = (0.95, 0.998)
"""The two confidence levels the dashboard shows: 95% (about 2 SD) and 99.8% (about 3 SD)."""


def z_value(confidence: float) -> float:
    """Two-sided normal quantile for ``confidence``, taken from PHStatsMethods so both agree."""
    return float(get_calc_variables(confidence)[1])


def wilson(count: ArrayLike, denominator: ArrayLike, confidence: float) -> tuple[NDArray, NDArray]:
    """Wilson score limits of a proportion, as fractions (0..1); NaN where the inputs are missing.

    Same formula as ``PHStatsMethods.wilson_lower``/``wilson_upper`` (Newcombe & Altman 2000).
    """
    x = np.asarray(count, dtype=float)
    n = np.asarray(denominator, dtype=float)
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        root = z * np.sqrt(z**2 + 4 * x * (1 - x / n))
        lower = (2 * x + z**2 - root) / 2 / (n + z**2)
        upper = (2 * x + z**2 + root) / 2 / (n + z**2)
    bad = ~(n > 0)
    lower[bad] = np.nan
    upper[bad] = np.nan
    return lower, upper


def byar(count: ArrayLike, confidence: float) -> tuple[NDArray, NDArray]:
    """Limits of a Poisson count: Byar's approximation from 10 up, the exact method below 10.

    Mirrors ``PHStatsMethods.byars_lower``/``byars_upper``. Two cases the library rejects are
    defined here because Fingertips publishes them: a count of 0 has lower limit 0 and the exact
    upper limit (3.69 at 95%). Negative or missing counts give NaN.
    """
    x = np.asarray(count, dtype=float)
    z = z_value(confidence)
    lower = np.full(x.shape, np.nan)
    upper = np.full(x.shape, np.nan)
    small = (x >= 0) & (x < 10)
    large = x >= 10
    with np.errstate(invalid="ignore"):
        lower[small] = np.where(x[small] > 0, exact_lower(x[small], confidence), 0.0)
        upper[small] = exact_upper(x[small], confidence)
        xl = x[large]
        lower[large] = xl * (1 - 1 / (9 * xl) - z / (3 * np.sqrt(xl))) ** 3
        upper[large] = (xl + 1) * (1 - 1 / (9 * (xl + 1)) + z / (3 * np.sqrt(xl + 1))) ** 3
    return lower, upper


def dobson(
    value: ArrayLike, total_count: ArrayLike, variance: ArrayLike, confidence: float, multiplier: float
) -> tuple[NDArray, NDArray]:
    """Dobson limits of a directly standardised rate: Byar limits of the total count, rescaled.

    ``variance`` is the variance of the standardised rate per 1 (sum of w_i^2 * d_i / n_i^2 over the
    sum of weights squared). Mirrors ``PHStatsMethods.dobson_lower``/``dobson_upper``, including
    their rule that a total count below 10 gives no interval (NaN).
    """
    v = np.asarray(value, dtype=float)
    o = np.asarray(total_count, dtype=float)
    var = np.asarray(variance, dtype=float)
    o_lower, o_upper = byar(o, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.sqrt(var / o) * multiplier
        lower = v + scale * (o_lower - o)
        upper = v + scale * (o_upper - o)
    few = ~(o >= 10)
    lower[few] = np.nan
    upper[few] = np.nan
    return lower, upper
