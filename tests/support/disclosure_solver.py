"""An attacker's solver: which withheld counts can be worked out exactly from the published ones.

Used by the disclosure-control tests on published outputs (CSV downloads, metric tables). Per period
it writes down what an analyst holding every published figure knows: each shown authority count,
and each shown total (partnership, region, England) as the sum of its member authorities. A withheld
authority count is recoverable when its unit vector lies in the row space of the published totals
restricted to the withheld authorities (the shown authorities' counts moved to the right-hand
side); a withheld total is recoverable when its member vector restricted to the withheld
authorities lies in that row space (a total whose members are all shown is recoverable by
addition). The rank test uses ``numpy.linalg.matrix_rank``, independently of the SVD null space the
product itself uses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LOCAL = "utla"


def _rank(matrix: np.ndarray) -> int:
    return int(np.linalg.matrix_rank(matrix, tol=1e-8)) if matrix.size else 0


def recoverable_cells(rows: pd.DataFrame, groups: pd.DataFrame) -> list[tuple[str, str]]:
    """``(period, area_code)`` of every withheld cell whose count follows from the published counts.

    ``rows``: ``area_code``, ``area_type`` (``utla`` for authorities), ``period``, ``count`` (the
    published count, NaN when not shown) and ``suppressed``. ``groups``: ``parent_code``,
    ``child_code`` (every published total's member authorities).
    """
    members = groups.groupby("parent_code")["child_code"].agg(set).to_dict()
    found: list[tuple[str, str]] = []
    for period, frame in rows.groupby("period", sort=True):
        local = frame[frame["area_type"] == LOCAL]
        codes = list(local["area_code"])
        index = {code: i for i, code in enumerate(codes)}
        shown = local["count"].notna() & ~local["suppressed"].astype(bool)
        hidden_cols = [index[c] for c in local.loc[~shown, "area_code"]]
        aggregates = frame[frame["area_type"] != LOCAL]
        vectors = {}
        for code in aggregates["area_code"]:
            vector = np.zeros(len(codes))
            vector[[index[c] for c in members.get(code, ()) if c in index]] = 1.0
            vectors[code] = vector
        published = aggregates["count"].notna() & ~aggregates["suppressed"].astype(bool)
        system = np.zeros((0, len(hidden_cols)))
        for code in aggregates.loc[published, "area_code"]:
            system = np.vstack([system, vectors[code][hidden_cols]])
        base = _rank(system)
        targets = [(c, np.eye(len(codes))[index[c]]) for c in local.loc[local["suppressed"].astype(bool), "area_code"]]
        targets += [(c, vectors[c]) for c in aggregates.loc[aggregates["suppressed"].astype(bool), "area_code"]]
        for code, vector in targets:
            restricted = vector[hidden_cols]
            if not restricted.any() or _rank(np.vstack([system, restricted])) == base:
                found.append((str(period), str(code)))
    return found


def published_groups(authorities: pd.DataFrame, england: str = "E92000001") -> pd.DataFrame:
    """Partnership, region and England membership from the public list of authorities
    (``code``, ``partnership_code``, ``region_code``)."""
    parts = [authorities[["partnership_code", "code"]].set_axis(["parent_code", "child_code"], axis=1),
             authorities[["region_code", "code"]].set_axis(["parent_code", "child_code"], axis=1),
             pd.DataFrame({"parent_code": england, "child_code": authorities["code"]})]
    return pd.concat(parts, ignore_index=True).dropna()
