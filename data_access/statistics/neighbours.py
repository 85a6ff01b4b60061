"""Nearest neighbours: for each area, the areas most like it on a few standardised characteristics.

Responsibility: the comparator-group method behind "similar partnerships", as a pure function of a
table of characteristics, so it can be checked by hand and reproduced from the published inputs.

Method (the same idea as CIPFA's and the Home Office's "most similar groups"):

1. Missing values take the column's median, so one missing input never removes an area.
2. Each characteristic is standardised to a z-score (mean 0, standard deviation 1 over all areas), so
   a characteristic measured in large numbers does not outweigh one measured in shares. A
   characteristic that does not vary carries no information and is left out.
3. The distance between two areas is the Euclidean distance between their z-scores (equal weights).
4. An area's group is the ``k`` areas at the smallest distance from it, itself excluded; ties are
   broken by code so the answer never depends on row order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_K = 5


def standardised(features: pd.DataFrame) -> pd.DataFrame:
    """Median-filled z-scores of every varying numeric column (rows: areas, index: codes)."""
    numeric = features.apply(pd.to_numeric, errors="coerce").astype(float)
    filled = numeric.fillna(numeric.median())
    spread = filled.std(ddof=0)
    kept = spread[spread > 0].index
    return (filled[kept] - filled[kept].mean()) / spread[kept]


def distances(features: pd.DataFrame) -> pd.DataFrame:
    """The symmetric matrix of standardised Euclidean distances between areas (0 on the diagonal)."""
    z = standardised(features).to_numpy()
    gaps = z[:, None, :] - z[None, :, :]
    matrix = np.sqrt((gaps**2).sum(axis=2))
    return pd.DataFrame(matrix, index=features.index, columns=features.index)


def nearest_neighbours(features: pd.DataFrame, k: int = DEFAULT_K) -> pd.DataFrame:
    """Each area's ``k`` nearest other areas: columns code, rank (1 = nearest), neighbour, distance.

    ``features``: one row per area, indexed by a unique code, numeric characteristics as columns.
    """
    if not features.index.is_unique:
        raise ValueError("each area must appear once")
    matrix = distances(features)
    codes = np.asarray(matrix.index, dtype=str)
    rows = []
    for i, code in enumerate(codes):
        others = [(float(matrix.iat[i, j]), other) for j, other in enumerate(codes) if j != i]
        for rank, (distance, other) in enumerate(sorted(others)[:k], start=1):
            rows.append({"code": code, "rank": rank, "neighbour": other, "distance": distance})
    return pd.DataFrame(rows, columns=["code", "rank", "neighbour", "distance"])
