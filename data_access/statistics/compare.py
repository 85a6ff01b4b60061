"""Compare areas with a benchmark (Fingertips' interval method) and rank them into quintiles.

Responsibility: the labels behind the map and table colours. An area is significantly different
from its benchmark (usually England) when its confidence interval excludes the benchmark value;
the benchmark's own interval is not used (this is Fingertips' method, and it is what "better /
similar / worse than England" means on the dashboard). Where a metric has no interval, areas are
placed in quintiles instead.
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from PHStatsMethods import ph_quantile

POLARITIES = ("lower_is_better", "higher_is_better", "no_judgement")
NOT_COMPARED = "not_compared"


def _check_polarity(polarity: str) -> None:
    if polarity not in POLARITIES:
        raise ValueError(f"unknown polarity {polarity!r}; expected one of {POLARITIES}")


def compare_with_benchmark(
    value: ArrayLike, lower: ArrayLike, upper: ArrayLike, *, benchmark: float | ArrayLike, polarity: str
) -> NDArray[np.object_]:
    """Label each area against ``benchmark`` from its own interval (pass 95% or 99.8% limits).

    Returns an object array of strings, one per row: "better" / "similar" / "worse" for
    ``lower_is_better`` and ``higher_is_better``; "higher" / "similar" / "lower" for ``no_judgement``;
    "not_compared" where the value, either limit or the benchmark is missing. A limit equal to the
    benchmark counts as including it ("similar"). ``benchmark`` may be a scalar or an array aligned
    with ``value`` (e.g. each period's England value).
    """
    _check_polarity(polarity)
    v = np.atleast_1d(np.asarray(value, dtype=float))
    lo = np.atleast_1d(np.asarray(lower, dtype=float))
    hi = np.atleast_1d(np.asarray(upper, dtype=float))
    bench = np.broadcast_to(np.asarray(benchmark, dtype=float), v.shape)
    missing = np.isnan(v) | np.isnan(lo) | np.isnan(hi) | np.isnan(bench)
    with np.errstate(invalid="ignore"):
        above = lo > bench
        below = hi < bench
    if polarity == "no_judgement":
        high_label, low_label = "higher", "lower"
    elif polarity == "higher_is_better":
        high_label, low_label = "better", "worse"
    else:
        high_label, low_label = "worse", "better"
    labels = np.select([missing, above, below], [NOT_COMPARED, high_label, low_label], default="similar")
    return labels.astype(object)


def quintiles(values: ArrayLike, *, polarity: str) -> NDArray[np.float64]:
    """Quintile 1..5 of each value, 1 = the lowest values, by OHID's method (``ph_quantile``).

    Bins hold equal counts of the non-missing values; tied values share the quintile of their
    lowest rank. Missing values get NaN (not 0, so they cannot be mistaken for a band), and so does
    everything when fewer than 5 values are present, because five bands cannot then be formed.
    Numbering always runs from low to high values whatever the polarity, so a legend reads the same
    on every metric; ``quintile_label`` says which end is best. ``polarity`` is checked here so a
    bad catalogue entry fails where the ranking is made.
    """
    _check_polarity(polarity)
    v = np.atleast_1d(np.asarray(values, dtype=float))
    result = np.full(v.shape, np.nan)
    present = ~np.isnan(v)
    if present.sum() < 5:
        return result
    frame = pd.DataFrame({"value": v[present]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        ranked = ph_quantile(frame, "value", nquantiles=5, invert=False, type="standard")
    result[present] = ranked["quantile"].to_numpy(dtype=float)
    return result


class QuintileLabel(NamedTuple):
    """How to show a quintile: the text and, under the metric's polarity, its judgement."""

    label: str
    judgement: str
    """"best", "better", "middle", "worse", "worst", "not_judged" (no polarity) or "not_compared"."""


_QUINTILE_TEXT = {1: "Lowest 20%", 2: "Second lowest 20%", 3: "Middle 20%", 4: "Second highest 20%", 5: "Highest 20%"}
_JUDGEMENT_LOW_BEST = {1: "best", 2: "better", 3: "middle", 4: "worse", 5: "worst"}


def quintile_label(q: float | None, polarity: str) -> QuintileLabel:
    """Text for quintile ``q`` (1..5) and whether it is best/worst under ``polarity``.

    A missing or out-of-range ``q`` gives ``QuintileLabel("Not ranked", "not_compared")``.
    """
    _check_polarity(polarity)
    if q is None or pd.isna(q) or int(q) not in _QUINTILE_TEXT:
        return QuintileLabel("Not ranked", NOT_COMPARED)
    k = int(q)
    if polarity == "no_judgement":
        judgement = "not_judged"
    elif polarity == "lower_is_better":
        judgement = _JUDGEMENT_LOW_BEST[k]
    else:
        judgement = _JUDGEMENT_LOW_BEST[6 - k]
    return QuintileLabel(_QUINTILE_TEXT[k], judgement)
