"""Benchmark comparison by polarity, and quintiles with ties and missing values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.statistics import compare_with_benchmark, quintile_label, quintiles

# Rows: clearly above the benchmark, straddling it, clearly below, touching it, missing value.
VALUE = [30.0, 20.5, 10.0, 25.0, np.nan]
LOWER = [26.0, 18.0, 8.0, 20.0, np.nan]
UPPER = [34.0, 23.0, 12.0, 30.0, np.nan]
BENCH = 20.0


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("lower_is_better", ["worse", "similar", "better", "similar", "not_compared"]),
        ("higher_is_better", ["better", "similar", "worse", "similar", "not_compared"]),
        ("no_judgement", ["higher", "similar", "lower", "similar", "not_compared"]),
    ],
)
def test_interval_excluding_the_benchmark_is_significant(polarity, expected):
    got = compare_with_benchmark(VALUE, LOWER, UPPER, benchmark=BENCH, polarity=polarity)
    assert isinstance(got, np.ndarray)
    assert got.tolist() == expected


def test_missing_limit_or_benchmark_is_not_compared_and_series_are_accepted():
    value = pd.Series([30.0, 30.0])
    got = compare_with_benchmark(
        value, pd.Series([26.0, np.nan]), pd.Series([34.0, 34.0]), benchmark=20, polarity="lower_is_better"
    )
    assert got.tolist() == ["worse", "not_compared"]
    nan_bench = compare_with_benchmark(value, [26, 26], [34, 34], benchmark=np.nan, polarity="lower_is_better")
    assert nan_bench.tolist() == ["not_compared", "not_compared"]


def test_benchmark_per_row_and_998_limits():
    got = compare_with_benchmark([30, 30], [26, 26], [34, 34], benchmark=[20, 27], polarity="higher_is_better")
    assert got.tolist() == ["better", "similar"]
    wide = compare_with_benchmark([30], [19], [41], benchmark=20, polarity="higher_is_better")
    assert wide.tolist() == ["similar"]


def test_unknown_polarity_is_rejected():
    with pytest.raises(ValueError, match="polarity"):
        compare_with_benchmark([1], [0], [2], benchmark=1, polarity="up")


def test_quintiles_of_ten_distinct_values():
    values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]
    got = quintiles(values, polarity="lower_is_better")
    expected = [5, 1, 5, 1, 4, 2, 4, 2, 3, 3]
    assert got.tolist() == expected


def test_quintiles_ties_share_a_band_and_missing_stay_missing():
    values = [1, 1, 1, 1, 2, 3, 4, 5, 6, 7, np.nan, 8]
    got = quintiles(values, polarity="higher_is_better")
    assert np.isnan(got[10])
    present = got[~np.isnan(got)]
    assert set(present[:4]) == {1.0}  # the four tied lowest values are all in the lowest band
    assert got[11] == 5 and got[9] == 5
    assert present.tolist() == sorted(present.tolist())  # monotone in value
    assert np.isnan(quintiles([1, 2, 3, np.nan], polarity="no_judgement")).all()


def test_quintiles_match_the_equal_count_rule():
    rng = np.random.default_rng(7)
    values = rng.normal(size=149)
    got = quintiles(values, polarity="no_judgement")
    counts = np.bincount(got.astype(int), minlength=6)[1:]
    assert counts.sum() == 149 and counts.max() - counts.min() <= 1
    order = np.argsort(values)
    assert (np.diff(got[order]) >= 0).all()


@pytest.mark.parametrize(
    ("q", "polarity", "label", "judgement"),
    [
        (1, "lower_is_better", "Lowest 20%", "best"),
        (5, "lower_is_better", "Highest 20%", "worst"),
        (1, "higher_is_better", "Lowest 20%", "worst"),
        (4, "higher_is_better", "Second highest 20%", "better"),
        (3, "no_judgement", "Middle 20%", "not_judged"),
        (np.nan, "no_judgement", "Not ranked", "not_compared"),
        (None, "lower_is_better", "Not ranked", "not_compared"),
    ],
)
def test_quintile_label(q, polarity, label, judgement):
    got = quintile_label(q, polarity)
    assert (got.label, got.judgement) == (label, judgement)
