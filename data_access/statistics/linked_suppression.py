"""Secondary suppression across every published level at once, checked as a system of linear equations.

Responsibility: given, for one period, the authorities (units), the published totals built from
them (partnerships, regions, England, any comparator group) and which cells are already hidden,
choose further cells to hide so that no protected cell can be worked out from any combination of
what is shown.

Why linear algebra rather than group-by-group rules: partnerships, regions and England overlap, so
a region total minus a partnership total minus the shown authorities can isolate an authority that
is safe within each group on its own. An analyst holding every published figure knows each shown
authority's count and each shown total as the sum of its members. With the shown counts moved to
the right-hand side, the published totals restricted to the hidden authorities form a matrix ``A``.
A hidden authority ``i`` is recoverable exactly when its unit vector lies in the row space of ``A``
(equivalently, every vector of the null space of ``A`` is zero at ``i``); a hidden total with member
vector ``v`` is recoverable when ``v`` restricted to the hidden authorities lies in that row space
(a total whose members are all shown is recoverable by addition).

The method, deterministic and greedy:

1. A total of a single authority is that authority's figure: the two are hidden together.
2. While some protected cell is recoverable, take the first (authorities by code, then totals),
   find one way it is recovered (the least-squares combination ``y`` of published totals) and hide
   the shown authority with the smallest positive count whose hiding breaks every such
   combination; if no authority can, a published total whose removal breaks them (preferring the
   smallest group); if no single cell can, the smallest positive authority (else the total itself)
   in the smallest total used by ``y``, and repeat. Zeros are never hidden to protect another cell:
   an analyst knows a hidden complement is 0 or at least the threshold, which would give it away.
3. A cell hidden on the way that turned out to be recoverable anyway protects nothing (showing it
   adds nothing an analyst cannot already work out), so it is shown again.

The null spaces come from numpy's SVD (``numpy.linalg.svd``); scipy's ``null_space`` is the same
SVD, and an integer-programming suppression package (e.g. sdcTable's) has no maintained Python
equivalent. Matrices are at most a few hundred rows and columns per period.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_TOL = 1e-8


@dataclass
class Period:
    """One period's cells, each array in a fixed deterministic order (authorities and totals by code).

    ``members``: totals × authorities, 1 where the authority is in the total. ``*_hidden``: hidden now
    (updated in place); ``*_protected``: must not be recoverable; ``unit_count``/``total_count``: the
    counts (NaN when not published); ``total_shown``: a published total (shown and holding a figure).
    """

    members: np.ndarray
    unit_hidden: np.ndarray
    unit_protected: np.ndarray
    unit_count: np.ndarray
    total_hidden: np.ndarray
    total_protected: np.ndarray
    total_shown: np.ndarray
    total_count: np.ndarray


@dataclass
class Choices:
    """Why each newly hidden cell was hidden: for an authority, the index of the total whose
    recovery it breaks (-1 when it protects a hidden total); for a total, True."""

    unit_reason: dict[int, int]
    total_reason: dict[int, bool]


def protect(cells: Period) -> Choices:
    """Hide cells in ``cells`` (in place) until no protected cell is recoverable (module docstring)."""
    choices = Choices({}, {})
    single = cells.members.sum(axis=1) == 1
    alias = np.where(single, cells.members.argmax(axis=1), -1)
    _merge_aliases(cells, alias, choices)
    rows = ~single
    sizes = cells.members.sum(axis=1)
    for _ in range(cells.unit_hidden.size + cells.total_hidden.size + 1):
        hidden = np.flatnonzero(cells.unit_hidden)
        published = np.flatnonzero(rows & cells.total_shown & ~cells.total_hidden)
        system = cells.members[np.ix_(published, hidden)]
        null, left = _null_spaces(system)
        target = _first_recoverable(cells, hidden, null, rows)
        if target is None:
            break
        vector, extension = target
        if not _hide_one(cells, choices, hidden, published, system, left, vector, extension, sizes):
            break
        for total in np.flatnonzero(single & ~cells.total_hidden):
            if cells.unit_hidden[alias[total]]:
                cells.total_hidden[total] = True
                choices.total_reason[total] = True
    _show_needless(cells, choices, rows, alias)
    return choices


def _merge_aliases(cells: Period, alias: np.ndarray, choices: Choices) -> None:
    """A total of one authority and that authority are the same figure: hide and protect them together."""
    for total in np.flatnonzero(alias >= 0):
        unit = alias[total]
        if cells.total_protected[total]:
            cells.unit_protected[unit] = True
        if cells.total_hidden[total] and not cells.unit_hidden[unit]:
            cells.unit_hidden[unit] = True
            choices.unit_reason[unit] = -1
        if cells.unit_hidden[unit] and not cells.total_hidden[total]:
            cells.total_hidden[total] = True
            choices.total_reason[total] = True


def _null_spaces(system: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bases of the null space (columns) and left null space (columns) of ``system``."""
    n_rows, n_cols = system.shape
    if n_rows == 0 or n_cols == 0:
        return np.eye(n_cols), np.eye(n_rows)
    u, s, vt = np.linalg.svd(system, full_matrices=True)
    rank = int((s > _TOL * max(1.0, s[0])).sum())
    return vt[rank:].T, u[:, rank:]


def _first_recoverable(cells: Period, hidden: np.ndarray, null: np.ndarray,
                       rows: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The first recoverable protected cell as (its vector over hidden authorities, its member vector)."""
    for pos in np.flatnonzero(cells.unit_protected[hidden]):
        if np.linalg.norm(null[pos]) < _TOL:
            vector = np.zeros(hidden.size)
            vector[pos] = 1.0
            return vector, np.zeros(cells.unit_hidden.size)
    for total in np.flatnonzero(rows & cells.total_hidden & cells.total_protected):
        full = cells.members[total]
        vector = full[hidden]
        if not vector.any() or np.linalg.norm(vector @ null) < _TOL:
            return vector, full
    return None


def _hide_one(cells: Period, choices: Choices, hidden: np.ndarray, published: np.ndarray, system: np.ndarray,
              left: np.ndarray, vector: np.ndarray, extension: np.ndarray, sizes: np.ndarray) -> bool:
    """Hide one cell that breaks (or, failing that, weakens) the recovery of ``vector``; False if none can."""
    protects_total = bool(extension.any()) or not vector.any()
    combination = np.linalg.lstsq(system.T, vector, rcond=None)[0] if system.size else np.zeros(published.size)
    through = np.abs(combination) > _TOL
    shown = ~cells.unit_hidden
    candidates = np.flatnonzero(shown & (np.nan_to_num(cells.unit_count, nan=0.0) > 0))
    columns = cells.members[np.ix_(published, candidates)]
    used = np.abs(combination @ columns - extension[candidates]) > _TOL
    spanned = np.linalg.norm(left.T @ columns, axis=0) < _TOL if left.size else np.ones(candidates.size, bool)
    breaking = candidates[used & spanned]
    if breaking.size:
        _hide_unit(cells, choices, _smallest(breaking, cells.unit_count), published, combination, sizes,
                   protects_total)
        return True
    removable = through & (np.linalg.norm(left, axis=1) < _TOL if left.size else np.ones(published.size, bool))
    if removable.any():
        _hide_total(cells, choices, _smallest_group(published[removable], sizes))
        return True
    # No single cell breaks it: weaken the most local way it is recovered, and look again.
    route = _smallest_group(published[through], sizes) if through.any() else None
    inside = candidates[used & (cells.members[route, candidates] > 0)] if route is not None else candidates[used]
    if inside.size:
        _hide_unit(cells, choices, _smallest(inside, cells.unit_count), published, combination, sizes,
                   protects_total)
        return True
    if route is not None:
        _hide_total(cells, choices, route)
        return True
    # A hidden total whose members are all shown zeros: only hiding a member can protect it.
    members = np.flatnonzero(shown & (extension > 0))
    if members.size:
        _hide_unit(cells, choices, int(members[0]), published, combination, sizes, protects_total)
        return True
    return False


def _smallest(indices: np.ndarray, counts: np.ndarray) -> int:
    """The index with the smallest count (the first in order on a tie)."""
    return int(indices[np.argmin(counts[indices])])


def _smallest_group(totals: np.ndarray, sizes: np.ndarray) -> int:
    return int(totals[np.argmin(sizes[totals])])


def _hide_unit(cells: Period, choices: Choices, unit: int, published: np.ndarray, combination: np.ndarray,
               sizes: np.ndarray, protects_total: bool) -> None:
    cells.unit_hidden[unit] = True
    if protects_total:
        choices.unit_reason[unit] = -1
        return
    through = published[(np.abs(combination) > _TOL) & (cells.members[published, unit] > 0)]
    choices.unit_reason[unit] = _smallest_group(through, sizes) if through.size else -1


def _hide_total(cells: Period, choices: Choices, total: int) -> None:
    cells.total_hidden[total] = True
    choices.total_reason[total] = True


def _show_needless(cells: Period, choices: Choices, rows: np.ndarray, alias: np.ndarray) -> None:
    """Show again cells hidden here that can be worked out anyway: they protect nothing."""
    hidden = np.flatnonzero(cells.unit_hidden)
    published = np.flatnonzero(rows & cells.total_shown & ~cells.total_hidden)
    null, _ = _null_spaces(cells.members[np.ix_(published, hidden)])
    needless_units = [int(u) for pos, u in enumerate(hidden)
                      if u in choices.unit_reason and not cells.unit_protected[u] and np.linalg.norm(null[pos]) < _TOL]
    needless_totals = []
    for total in choices.total_reason:
        if cells.total_protected[total]:
            continue
        if alias[total] >= 0:
            if alias[total] in needless_units:
                needless_totals.append(total)
            continue
        vector = cells.members[total, hidden]
        if not vector.any() or np.linalg.norm(vector @ null) < _TOL:
            needless_totals.append(total)
    for unit in needless_units:
        cells.unit_hidden[unit] = False
        del choices.unit_reason[unit]
    for total in needless_totals:
        cells.total_hidden[total] = False
        del choices.total_reason[total]
