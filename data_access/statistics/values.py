"""Pool member rows into one value per group, with 95% and 99.8% confidence intervals.

Responsibility: the arithmetic that turns authority-level counts into the value of an authority,
a partnership, a region or England. A partnership's value is computed by pooling its members:
numerators and denominators are summed and the statistic is recomputed from the sums, never by
averaging member rates (an average of rates would weight a small authority like a large one).

Methods by measure (the OHID / Fingertips methods, pinned to PHStatsMethods in the tests):

=============  ==========================================  ===========================================
measure        value                                       interval (when ``ci_method`` is not "none")
=============  ==========================================  ===========================================
proportion     sum(num) / sum(den) * multiplier            Wilson score
crude_rate     sum(num) / sum(den) * multiplier            Byar, exact Poisson below 10
dsr            2013 European Standard Population DSR       Dobson (needs at least 10 events)
count          sum of numerator (or of value)              Byar on the count (ci_method "byar")
mean           the single row's value (cannot be pooled)   none
=============  ==========================================  ===========================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PHStatsMethods import euro_standard_pop

from ._intervals import byar, dobson, wilson

OUTPUT_COLUMNS = ("value", "lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "denominator")
_INTERVAL_COLUMNS = ("lower_ci", "upper_ci", "lower_998", "upper_998")
_METHODS = {
    "proportion": {"wilson", "none"},
    "crude_rate": {"byar", "none"},
    "dsr": {"dobson", "none"},
    "count": {"byar", "none"},
    "mean": {"none"},
}
DSR_MIN_EVENTS = 10
"""Fingertips (and ``PHStatsMethods.ph_dsr``) do not publish a DSR from fewer than 10 events."""


def esp2013_weights() -> pd.Series:
    """The 2013 European Standard Population by age band ("0-4" … "85-89", "90+"); sums to 100,000."""
    esp = euro_standard_pop()
    return pd.Series(esp["euro_standard_pops"].to_numpy(dtype=float), index=esp["esp_age_bands"], name="esp")


def compute_values(
    frame: pd.DataFrame, *, measure: str, ci_method: str, multiplier: float, group_cols: list[str]
) -> pd.DataFrame:
    """Pool ``frame`` by ``group_cols`` and compute each group's value and confidence intervals.

    Input columns: ``group_cols`` (e.g. ``area_code, period_id``), ``numerator``, ``denominator``,
    ``value`` and ``breakdown``. ``breakdown`` is only read for ``measure="dsr"``, where each row is
    one age band ("0-4", "5-9", … "85-89", "90+") with numerator = events in the band and
    denominator = population in the band; do not put ``breakdown`` in ``group_cols`` then. For other
    measures a breakdown (e.g. sex) is kept apart only if the caller puts it in ``group_cols``.
    Missing optional columns are treated as all-missing.

    Output: one row per group, sorted by ``group_cols``, with columns ``group_cols`` + ``value,
    lower_ci, upper_ci`` (95%) ``, lower_998, upper_998`` (99.8%) ``, numerator, denominator``.
    For a DSR ``numerator`` is the total events and ``denominator`` the total population.

    NaN conventions (never 0): a group with any member whose numerator or denominator is missing
    gets NaN value and limits, because a partial sum would understate the area; a zero or missing
    denominator gives NaN; ``ci_method="none"`` gives NaN limits; a DSR needs all 19 age bands and
    at least 10 events; a mean is only defined for a group of exactly one row.

    Raises ValueError for an unknown measure, a ``ci_method`` that does not belong to the measure,
    negative counts, or a proportion whose numerator exceeds its denominator.
    """
    if measure not in _METHODS:
        raise ValueError(f"unknown measure {measure!r}; expected one of {sorted(_METHODS)}")
    if ci_method not in _METHODS[measure]:
        raise ValueError(f"ci_method {ci_method!r} does not apply to measure {measure!r}")
    if not group_cols:
        raise ValueError("group_cols must name at least one column")
    data = frame.copy()
    for col in ("numerator", "denominator", "value"):
        data[col] = pd.to_numeric(data[col], errors="coerce") if col in data else np.nan
    if (data["numerator"] < 0).any() or (data["denominator"] < 0).any():
        raise ValueError("numerators and denominators must not be negative")
    if measure == "dsr":
        out = _dsr(data, group_cols, multiplier, ci_method != "none")
    elif measure == "mean":
        out = _mean(data, group_cols)
    else:
        out = _pooled_counts(data, group_cols, measure, ci_method, multiplier)
    return out[[*group_cols, *OUTPUT_COLUMNS]]


def _strict_sum(data: pd.DataFrame, keys: list[str], cols: list[str]) -> pd.DataFrame:
    """Group sums that are NaN when any member is missing (pandas' sum would skip it and give 0)."""
    grouped = data.groupby(keys, sort=True, dropna=False, observed=True)
    sums = grouped[cols].sum()
    complete = grouped[cols].count().eq(grouped.size(), axis=0)
    return sums.where(complete)


def _pooled_counts(
    data: pd.DataFrame, group_cols: list[str], measure: str, ci_method: str, multiplier: float
) -> pd.DataFrame:
    if measure == "count":
        # A count metric may arrive as numerator or only as value; either is the count.
        data = data.assign(numerator=data["numerator"].fillna(data["value"]))
    out = _strict_sum(data, group_cols, ["numerator", "denominator"]).reset_index()
    num = out["numerator"].to_numpy(dtype=float)
    den = out["denominator"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "count":
            out["value"] = num
            scale = np.ones_like(num)
        else:
            if measure == "proportion" and (num > den).any():
                raise ValueError("a proportion's numerator exceeds its denominator")
            scale = np.where(den > 0, multiplier / den, np.nan)
            out["value"] = num * scale
    for col in _INTERVAL_COLUMNS:
        out[col] = np.nan
    if ci_method != "none":
        for confidence, lo, hi in ((0.95, "lower_ci", "upper_ci"), (0.998, "lower_998", "upper_998")):
            if measure == "proportion":
                lower, upper = wilson(num, den, confidence)
                lower, upper = lower * multiplier, upper * multiplier
            else:
                lower, upper = byar(num, confidence)
                lower, upper = lower * scale, upper * scale
            out[lo], out[hi] = lower, upper
    valid = out["value"].notna()
    out.loc[~valid, list(_INTERVAL_COLUMNS)] = np.nan
    return out


def _mean(data: pd.DataFrame, group_cols: list[str]) -> pd.DataFrame:
    """A mean cannot be pooled without the members' sums of values, so only single rows get one."""
    grouped = data.groupby(group_cols, sort=True, dropna=False, observed=True)
    out = _strict_sum(data, group_cols, ["numerator", "denominator"])
    out["value"] = grouped["value"].first().where(grouped.size() == 1)
    for col in _INTERVAL_COLUMNS:
        out[col] = np.nan
    return out.reset_index()


def _dsr(data: pd.DataFrame, group_cols: list[str], multiplier: float, with_ci: bool) -> pd.DataFrame:
    """Directly standardised rate: pool each age band across members, then weight by ESP 2013.

    Same algebra as ``PHStatsMethods.ph_dsr`` (which needs exactly 19 rows per group and applies
    Dobson row by row, and prints the band mapping to stdout): value = sum(w_i d_i / n_i) / sum(w_i),
    variance = sum(w_i^2 d_i / n_i^2) / sum(w_i)^2.
    """
    if "breakdown" in group_cols:
        raise ValueError("for a DSR, 'breakdown' holds the age bands and must not be a group column")
    if "breakdown" not in data:
        raise ValueError("a DSR needs a 'breakdown' column of ESP 2013 age bands")
    weights = esp2013_weights()
    bands = data["breakdown"].astype(str)
    unknown = sorted(set(bands) - set(weights.index))
    if unknown:
        raise ValueError(f"unknown age bands for a DSR: {unknown}; expected {list(weights.index)}")
    data = data.assign(breakdown=bands)
    by_band = _strict_sum(data, [*group_cols, "breakdown"], ["numerator", "denominator"]).reset_index()
    w = by_band["breakdown"].map(weights).to_numpy(dtype=float)
    d = by_band["numerator"].to_numpy(dtype=float)
    n = by_band["denominator"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_safe = np.where(n > 0, n, np.nan)
        by_band["wt_rate"] = d * w / n_safe
        by_band["sq_rate"] = d * (w / n_safe) ** 2
    by_band["weight"] = w
    by_band["rows"] = data.groupby([*group_cols, "breakdown"], sort=True, dropna=False, observed=True).size().to_numpy()
    out = _strict_sum(by_band, group_cols, ["numerator", "denominator", "wt_rate", "sq_rate", "weight"])
    per_group = by_band.groupby(group_cols, sort=True, dropna=False, observed=True)
    # Every band present, and from as many rows as every other band (a member missing a band
    # would otherwise leave that band's pool quietly partial).
    rows = per_group["rows"]
    complete = (per_group.size() == len(weights)) & (rows.min() == rows.max())
    total_w = out["weight"]
    value = out["wt_rate"] / total_w * multiplier
    value = value.where(complete & (out["numerator"] >= DSR_MIN_EVENTS))
    out["value"] = value
    for col in _INTERVAL_COLUMNS:
        out[col] = np.nan
    if with_ci:
        variance = out["sq_rate"] / total_w**2
        for confidence, lo, hi in ((0.95, "lower_ci", "upper_ci"), (0.998, "lower_998", "upper_998")):
            lower, upper = dobson(value, out["numerator"], variance, confidence, multiplier)
            out[lo], out[hi] = lower, upper
        out.loc[value.isna(), list(_INTERVAL_COLUMNS)] = np.nan
    return out.reset_index()
