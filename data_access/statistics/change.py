"""Change since baseline, tested as a difference (not by whether two intervals overlap).

Responsibility: say whether an area's latest value differs significantly from its baseline value,
and in which direction, with a two-sided test at 95%. Overlapping 95% intervals do not mean "no
significant difference" (two values can differ significantly while their intervals overlap), so
the design asks for a test of the difference itself.

Which test applies (z is always (latest - baseline) / SE of the difference; p = 2 * (1 - Phi(|z|))):

* ``proportion`` with numerators and denominators for both periods: two-sample z-test for a
  difference of proportions with the pooled standard error
  SE = sqrt(p(1 - p)(1/n1 + 1/n0)), p = (x1 + x0) / (n1 + n0).
* ``crude_rate`` with numerators and denominators: difference of two Poisson rates,
  Var = x1/n1^2 + x0/n0^2 (per 1; the multiplier cancels in z).
* ``count``: difference of two Poisson counts, Var = x1 + x0 (the value is used when the
  numerator is missing).
* ``dsr``, ``mean``, or any measure whose counts are missing but whose 95% limits are known:
  standard errors from the 95% interval half-widths, SE = (upper - lower) / (2 * 1.96), and
  SE(diff) = sqrt(SE1^2 + SE0^2). This treats the interval as symmetric, which is an approximation
  for Wilson/Byar/Dobson limits but the only option when only limits are published.

"not_tested" is returned when a value is missing, or when either period has no interval: a metric
published without intervals (``ci_method: none``, e.g. recorded crime tallies) is a complete count
of administrative records, not an estimate, and the catalogue does not treat it as subject to
chance variation, so no test is made. Callers pass NaN limits for such metrics.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.special import ndtr

from ._intervals import z_value

SIGNIFICANCE_LEVEL = 0.05
_Z95 = z_value(0.95)
_POLARITIES = ("lower_is_better", "higher_is_better", "no_judgement")
_MEASURES = ("proportion", "crude_rate", "dsr", "count", "mean")
FRAME_INPUTS = (
    "value", "lower_ci", "upper_ci", "numerator", "denominator",
    "base_value", "base_lower_ci", "base_upper_ci", "base_numerator", "base_denominator",
)  # fmt: skip


def _arr(x: ArrayLike | None) -> np.ndarray:
    return np.atleast_1d(np.asarray(np.nan if x is None else x, dtype=float))


def _change_arrays(
    v1, lo1, hi1, x1, n1, v0, lo0, hi0, x0, n0, *, measure: str, polarity: str, multiplier: float
) -> dict[str, np.ndarray]:
    if measure not in _MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    if polarity not in _POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r}")
    v1, lo1, hi1, x1, n1, v0, lo0, hi0, x0, n0 = np.broadcast_arrays(
        *(_arr(a) for a in (v1, lo1, hi1, x1, n1, v0, lo0, hi0, x0, n0))
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        change = v1 - v0
        change_pct = np.where(v0 != 0, change / np.abs(v0) * 100, np.nan)
        # Interval-based SE: the fallback, and the method for DSRs and means.
        diff = change
        se = np.sqrt(((hi1 - lo1) / (2 * _Z95)) ** 2 + ((hi0 - lo0) / (2 * _Z95)) ** 2)
        if measure == "count":
            c1 = np.where(np.isnan(x1), v1, x1)
            c0 = np.where(np.isnan(x0), v0, x0)
            diff = c1 - c0
            se = np.sqrt(c1 + c0)
        elif measure in ("proportion", "crude_rate"):
            # Derive a missing numerator from value and denominator (value is per ``multiplier``).
            x1 = np.where(np.isnan(x1), v1 / multiplier * n1, x1)
            x0 = np.where(np.isnan(x0), v0 / multiplier * n0, x0)
            counts = ~np.isnan(x1) & ~np.isnan(x0) & (n1 > 0) & (n0 > 0)
            r1, r0 = x1 / n1, x0 / n0
            if measure == "proportion":
                p = (x1 + x0) / (n1 + n0)
                se_counts = np.sqrt(p * (1 - p) * (1 / n1 + 1 / n0))
            else:
                se_counts = np.sqrt(x1 / n1**2 + x0 / n0**2)
            diff = np.where(counts, r1 - r0, diff)
            se = np.where(counts, se_counts, se)
        z = np.where(se > 0, diff / se, np.where(diff == 0, 0.0, np.nan))
    p_value = 2 * ndtr(-np.abs(z))
    testable = ~np.isnan(v1) & ~np.isnan(v0) & ~np.isnan(z)
    testable &= ~(np.isnan(lo1) | np.isnan(hi1) | np.isnan(lo0) | np.isnan(hi0))
    significant = testable & (p_value < SIGNIFICANCE_LEVEL)
    if polarity == "no_judgement":
        up, down = "increased", "decreased"
    elif polarity == "higher_is_better":
        up, down = "improved", "worsened"
    else:
        up, down = "worsened", "improved"
    significance = np.select(
        [~testable, significant & (diff > 0), significant & (diff < 0)],
        ["not_tested", up, down],
        default="no_significant_change",
    ).astype(object)
    z = np.where(testable, z, np.nan)
    p_value = np.where(testable, p_value, np.nan)
    return {"change": change, "change_pct": change_pct, "z": z, "p_value": p_value, "significance": significance}


def _scalar(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def change_since_baseline(
    *,
    value: float | None,
    lower: float | None,
    upper: float | None,
    numerator: float | None,
    denominator: float | None,
    base_value: float | None,
    base_lower: float | None,
    base_upper: float | None,
    base_numerator: float | None,
    base_denominator: float | None,
    measure: str,
    polarity: str,
    multiplier: float,
) -> dict[str, Any]:
    """Test the change from the baseline to the latest value of one area (see the module docstring).

    Values and limits are in the metric's units (per ``multiplier``); numerators and denominators
    are raw counts. Returns ``{"change", "change_pct", "z", "p_value", "significance"}``: ``change``
    is value - base_value; ``change_pct`` is the change as a percentage of |base_value|; numbers that
    cannot be computed are ``None`` (JSON-friendly). ``significance`` is one of "improved",
    "worsened", "no_significant_change" (lower/higher_is_better), "increased", "decreased",
    "no_significant_change" (no_judgement), or "not_tested".
    """
    out = _change_arrays(
        value, lower, upper, numerator, denominator,
        base_value, base_lower, base_upper, base_numerator, base_denominator,
        measure=measure, polarity=polarity, multiplier=multiplier,
    )  # fmt: skip
    result: dict[str, Any] = {k: _scalar(out[k][0]) for k in ("change", "change_pct", "z", "p_value")}
    result["significance"] = str(out["significance"][0])
    return result


def change_since_baseline_frame(frame: pd.DataFrame, *, measure: str, polarity: str, multiplier: float) -> pd.DataFrame:
    """Vectorised ``change_since_baseline`` over rows (e.g. every partnership at once).

    Input columns (missing ones are treated as NaN): ``value, lower_ci, upper_ci, numerator,
    denominator, base_value, base_lower_ci, base_upper_ci, base_numerator, base_denominator``.
    Returns a copy with ``change, change_pct, z, p_value`` (NaN where not computable) and
    ``significance`` added.
    """
    cols = [frame[c].to_numpy(dtype=float) if c in frame else np.full(len(frame), np.nan) for c in FRAME_INPUTS]
    out = _change_arrays(*cols, measure=measure, polarity=polarity, multiplier=multiplier)
    result = frame.copy()
    for key, arr in out.items():
        result[key] = arr
    return result
