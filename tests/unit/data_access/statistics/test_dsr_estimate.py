"""A partnership DSR estimated from members' published rates: exact when age structures agree."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.statistics import compute_values
from data_access.statistics.dsr_estimate import estimate_dsr
from data_access.statistics.values import esp2013_weights

BANDS = list(esp2013_weights().index)


def _members(shares: dict[str, int], rates: dict[str, np.ndarray]) -> pd.DataFrame:
    structure = np.arange(10, 10 + len(BANDS))  # the same age structure, exactly, for every member
    rows = []
    for code, size in shares.items():
        population = (structure * size).astype(float)
        for band, n, r in zip(BANDS, population, rates[code], strict=True):
            rows.append({"group": "P", "area": code, "breakdown": band, "denominator": n, "numerator": float(round(n * r))})
    return pd.DataFrame(rows)


def test_estimate_equals_the_exact_pooled_rate_when_age_structures_agree():
    rng = np.random.default_rng(7)
    members = _members({"A": 2000, "B": 3500}, {c: rng.uniform(0.0005, 0.003, len(BANDS)) for c in "AB"})
    exact = compute_values(members, measure="dsr", ci_method="dobson", multiplier=100000, group_cols=["group"])
    each = compute_values(members, measure="dsr", ci_method="dobson", multiplier=100000, group_cols=["area"])
    each = each.assign(group="P")
    estimated = estimate_dsr(each, ["group"], 100000)
    for column in ("value", "lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "denominator"):
        assert estimated[column].iloc[0] == pytest.approx(exact[column].iloc[0], rel=1e-9), column


def test_estimate_differs_from_exact_when_age_structures_differ_and_needs_every_member():
    members = pd.DataFrame({"group": ["P", "P"], "value": [10.0, np.nan], "lower_ci": [8.0, np.nan],
                            "numerator": [60.0, 4.0], "denominator": [500000.0, 40000.0]})
    estimated = estimate_dsr(members, ["group"], 100000)
    assert np.isnan(estimated["value"].iloc[0])  # a member without a published rate: no estimate
    few = estimate_dsr(members.assign(value=[1.0, 1.0], lower_ci=[0.5, 0.5], numerator=[4.0, 4.0]), ["group"], 100000)
    assert np.isnan(few["value"].iloc[0])  # fewer than 10 events in all
