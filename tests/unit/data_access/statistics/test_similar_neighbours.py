"""Nearest neighbours for similar partnerships: standardised, symmetric, deterministic, never the area itself."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.statistics.neighbours import distances, nearest_neighbours, standardised


@pytest.fixture
def features() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame({"size": rng.normal(5.5, 0.4, 30), "young": rng.normal(0.2, 0.03, 30),
                         "prevalence": rng.normal(9, 4, 30)}, index=[f"P{i:02d}" for i in range(30)])


def test_distances_are_symmetric_with_a_zero_diagonal(features):
    matrix = distances(features).to_numpy()
    np.testing.assert_allclose(matrix, matrix.T)
    np.testing.assert_allclose(np.diag(matrix), 0)
    assert (matrix[~np.eye(len(matrix), dtype=bool)] > 0).all()


def test_hand_example_standardises_before_measuring():
    """Two inputs on very different scales count equally once standardised (z-scores, population sd)."""
    frame = pd.DataFrame({"people": [100000.0, 200000.0, 300000.0], "share": [0.1, 0.3, 0.2]},
                         index=["A", "B", "C"])
    z = standardised(frame)
    np.testing.assert_allclose(z["people"], [-np.sqrt(1.5), 0, np.sqrt(1.5)], atol=1e-12)
    np.testing.assert_allclose(z["share"], [-np.sqrt(1.5), np.sqrt(1.5), 0], atol=1e-12)
    d = distances(frame)
    assert d.at["A", "B"] == pytest.approx(np.hypot(np.sqrt(1.5), 2 * np.sqrt(1.5)))
    assert d.at["B", "C"] == pytest.approx(np.hypot(np.sqrt(1.5), np.sqrt(1.5)))
    assert d.at["A", "C"] == pytest.approx(d.at["A", "B"])  # a tie for A, broken by code
    groups = nearest_neighbours(frame, k=1)
    assert dict(zip(groups["code"], groups["neighbour"], strict=True)) == {"A": "B", "B": "C", "C": "B"}


def test_each_group_excludes_itself_and_is_sorted_by_distance(features):
    groups = nearest_neighbours(features, k=5)
    assert len(groups) == 5 * len(features)
    assert not (groups["code"] == groups["neighbour"]).any()
    for _, group in groups.groupby("code"):
        assert group["rank"].tolist() == [1, 2, 3, 4, 5]
        assert group["distance"].is_monotonic_increasing
        assert group["neighbour"].is_unique


def test_deterministic_whatever_the_row_order(features):
    first = nearest_neighbours(features).sort_values(["code", "rank"], ignore_index=True)
    shuffled = nearest_neighbours(features.sample(frac=1, random_state=3)).sort_values(["code", "rank"],
                                                                                      ignore_index=True)
    pd.testing.assert_frame_equal(first, shuffled)


def test_ties_are_broken_by_code_and_constant_inputs_ignored():
    frame = pd.DataFrame({"x": [0.0, 1.0, -1.0, 5.0], "same": [2.0] * 4}, index=["M", "Z", "B", "Q"])
    assert list(standardised(frame).columns) == ["x"]
    groups = nearest_neighbours(frame, k=2)
    assert groups[groups["code"] == "M"]["neighbour"].tolist() == ["B", "Z"]


def test_missing_values_take_the_median():
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, np.nan], "y": [1.0, 2.0, 3.0, 2.0]}, index=list("ABCD"))
    d = distances(frame)
    assert d.at["B", "D"] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="once"):
        nearest_neighbours(pd.DataFrame({"x": [1.0, 2.0]}, index=["A", "A"]))
