"""Estimate a group's directly standardised rate from its members' published rates.

Why: published area files (Fingertips, ONS) give each authority's DSR, its count of events and its
population, not the age-specific counts an exact pooled DSR needs (``values._dsr``). Where the
store holds age-specific counts the pooled value is exact and this module is not used.

Method (an estimate, labelled as such wherever it shows):

- value: the population-weighted mean of the members' rates, ``sum(N_i * DSR_i) / sum(N_i)``. It
  equals the exact pooled DSR when the members share one age structure, and differs from it by
  how far their age structures differ, so it is never presented as the exact figure.
- interval: the estimate is a weighted sum of the members' age-specific Poisson counts, so its
  interval follows Dobson et al. (1991), "Confidence intervals for weighted sums of Poisson
  parameters", Statistics in Medicine 10:457–462, as for any DSR (the method Fingertips and
  PHStatsMethods use): the Byar limits of the total count ``O = sum(O_i)``, rescaled by
  ``sqrt(var / O)``. The variance of the weighted mean
  is ``sum((N_i / N)^2 * var_i)``; each member's ``var_i`` is recovered from its own published count
  and lower 95% limit by inverting the same Dobson formula, ``var_i = O_i * ((DSR_i - L_i) /
  (O_i - O_i,lower))^2``, so no member figure is invented.
- as with any DSR, no value from fewer than 10 events in all (``DSR_MIN_EVENTS``); any member
  without a published rate, count or population leaves the group without an estimate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._intervals import byar, dobson
from .values import DSR_MIN_EVENTS

METHOD_NOTE = ("Estimate: the population-weighted mean of the member authorities' published rates, "
               "with a Dobson interval; the exact rate needs age-specific counts")


def member_variance(value: pd.Series, lower: pd.Series, count: pd.Series, multiplier: float) -> np.ndarray:
    """Variance (per 1) of each member's published DSR, from its count and 95% lower limit."""
    o = count.to_numpy(dtype=float)
    o_lower, _ = byar(o, 0.95)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (value.to_numpy(dtype=float) - lower.to_numpy(dtype=float)) / multiplier / (o - o_lower)
    return o * ratio**2


def estimate_dsr(members: pd.DataFrame, group_cols: list[str], multiplier: float) -> pd.DataFrame:
    """One estimated DSR per group from member rows with ``value``, ``lower_ci``, ``numerator``
    (events) and ``denominator`` (population); columns ``group_cols`` + value and both intervals,
    numerator, denominator. Groups with any incomplete member get NaN throughout."""
    data = members.copy()
    for column in ("value", "lower_ci", "numerator", "denominator"):
        data[column] = pd.to_numeric(data[column], errors="coerce").astype(float)
    data["variance"] = member_variance(data["value"], data["lower_ci"], data["numerator"], multiplier)
    data["weighted"] = data["value"] * data["denominator"]
    data["complete"] = data[["value", "numerator", "denominator"]].notna().all(axis=1)
    grouped = data.groupby(group_cols, sort=True, dropna=False, observed=True)
    out = grouped.agg(numerator=("numerator", "sum"), denominator=("denominator", "sum"),
                      weighted=("weighted", "sum"), complete=("complete", "all")).reset_index()
    share = data["denominator"] / grouped["denominator"].transform("sum")
    data["var_part"] = share**2 * data["variance"]
    variance = data.groupby(group_cols, sort=True, dropna=False, observed=True)["var_part"].sum(min_count=1)
    out["value"] = (out["weighted"] / out["denominator"]).where(out["complete"] & (out["numerator"] >= DSR_MIN_EVENTS))
    var = variance.to_numpy(dtype=float)
    for confidence, lo, hi in ((0.95, "lower_ci", "upper_ci"), (0.998, "lower_998", "upper_998")):
        lower, upper = dobson(out["value"], out["numerator"], var, confidence, multiplier)
        out[lo], out[hi] = lower, upper
    missing = out["value"].isna()
    out.loc[missing, ["lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "denominator"]] = np.nan
    return out[[*group_cols, "value", "lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "denominator"]]
