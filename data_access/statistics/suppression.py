"""Disclosure control: hide small counts, and whatever would let them be worked out.

Responsibility: decide which published rows must be hidden and blank them. This is the method
the About page describes:

1. **Primary suppression.** A row whose numerator is more than 0 and less than the metric's
   threshold (NDTMS uses 5) is suppressed. A zero is shown (it discloses no individual), and a
   threshold of 0 switches disclosure control off. Rows that arrive with ``suppressed=True``
   (suppressed at source) stay suppressed.
2. **Secondary suppression.** A parent's published total (partnership, region, England) is the
   pooled sum of its children (authorities). If, within one parent and one period, exactly one
   child is suppressed while the parent total is shown, the hidden count could be recovered by
   subtracting the shown children from the total; so the shown child with the smallest positive
   numerator is also suppressed. If there is no such child (e.g. a partnership of one authority,
   whose total equals that authority), the parent is suppressed instead. Conversely, if a parent is
   suppressed but all of its children are shown, the parent could be recovered by adding them up,
   so its smallest positive child is suppressed. A child can belong to several parents (its
   partnership and its region), so these rules are applied again until nothing changes.

A suppressed row gets ``suppressed=True``, NaN (never 0) in ``value``, ``numerator`` and every
interval column, and a ``note`` explaining why. Denominators (populations, cohorts) are kept.
Children whose numerator is missing are not counted as protecting a suppressed sibling, which errs
towards hiding more. Only differencing within one parent is guarded against; a parent's total is
assumed to be the sum of the children present in ``frame`` for that period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BLANKED = ("value", "numerator", "lower_ci", "upper_ci", "lower_998", "upper_998")
_SOURCE_NOTE = "Suppressed at source"


def primary_note(threshold: int) -> str:
    """The note on a row hidden because its own count is small."""
    return f"Suppressed: fewer than {threshold}"


def secondary_note(parent_type: str) -> str:
    """The note on a row hidden so that a suppressed sibling cannot be recovered by subtraction."""
    return f"Suppressed to protect a suppressed value in the same {parent_type}"


PARENT_NOTE = "Suppressed because it would reveal a suppressed area it contains"
ADDITION_NOTE = "Suppressed so that a suppressed total cannot be recovered by adding its parts"


def apply_suppression(frame: pd.DataFrame, *, threshold: int, groups: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with primary and secondary suppression applied (module docstring).

    ``frame``: one row per (``area_code``, ``period``) for members and aggregates alike, with
    ``numerator``, ``value``, ``lower_ci``, ``upper_ci`` and optionally ``lower_998``, ``upper_998``,
    ``denominator``, ``suppressed`` (already suppressed at source) and ``note``; ``period`` may be
    any hashable. ``groups``: ``parent_code``, ``child_code`` and optionally ``parent_type`` (e.g.
    "partnership", "region"; used in the note, default "group").

    Adds/overwrites ``suppressed`` (bool) and ``note`` (str: the reason when withheld, else the note the
    row came with, "" for none). The input is not changed.
    """
    if threshold < 0:
        raise ValueError("threshold must be 0 (no suppression) or positive")
    if frame.duplicated(["area_code", "period"]).any():
        raise ValueError("apply_suppression expects one row per area_code and period")
    out = frame.copy().reset_index(drop=True)
    num = pd.to_numeric(out["numerator"], errors="coerce").to_numpy(dtype=float)
    incoming = out["suppressed"].fillna(False).to_numpy(dtype=bool) if "suppressed" in out else np.zeros(len(out), bool)
    old_notes = out["note"].fillna("").astype(str).to_numpy() if "note" in out else np.full(len(out), "")
    # A shown value keeps the publisher's note ("Includes Isles of Scilly"); a withheld one says why.
    notes = np.where(incoming, np.where(old_notes != "", old_notes, _SOURCE_NOTE), old_notes).astype(object)
    suppressed = incoming.copy()
    if threshold > 0:
        primary = (num > 0) & (num < threshold) & ~suppressed
        notes[primary] = primary_note(threshold)
        suppressed |= primary
        _secondary(out, num, suppressed, notes, groups)
    out["suppressed"] = suppressed
    out["note"] = notes
    for col in BLANKED:
        if col in out:
            out[col] = out[col].astype(float).where(~suppressed)
    return out


def _edges(out: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """One row per (parent, child, period) present in ``out``: child and parent row positions."""
    cols = ["parent_code", "child_code"] + (["parent_type"] if "parent_type" in groups else [])
    links = groups[cols].astype({"parent_code": str, "child_code": str}).drop_duplicates(["parent_code", "child_code"])
    if "parent_type" not in links:
        links = links.assign(parent_type="group")
    codes = out["area_code"].astype(str)
    rows = pd.DataFrame({"area_code": codes, "period": out["period"], "row": np.arange(len(out))})
    child = links.merge(rows.rename(columns={"area_code": "child_code", "row": "child_row"}), on="child_code")
    parent_rows = rows.rename(columns={"area_code": "parent_code", "row": "parent_row"})
    edges = child.merge(parent_rows, on=["parent_code", "period"], how="left")
    edges["parent_row"] = edges["parent_row"].fillna(-1).astype(int)
    return edges


def _secondary(
    out: pd.DataFrame, num: np.ndarray, suppressed: np.ndarray, notes: np.ndarray, groups: pd.DataFrame
) -> None:
    """Apply the secondary rules in place on ``suppressed`` and ``notes`` until nothing changes."""
    if out.empty or groups.empty:
        return
    edges = _edges(out, groups)
    if edges.empty:
        return
    # Sort once so the first candidate in each parent is the smallest numerator (ties by code).
    edges = edges.assign(child_num=num[edges["child_row"].to_numpy()])
    edges = edges.sort_values(["child_num", "child_code"], kind="stable", na_position="last")
    child_row = edges["child_row"].to_numpy()
    parent_row = edges["parent_row"].to_numpy()
    key = pd.MultiIndex.from_frame(edges[["parent_code", "period"]]).factorize()[0]
    size = np.bincount(key)[key]  # children of the same parent in the same period
    parent_type = edges["parent_type"].to_numpy()
    has_parent = parent_row >= 0
    safe_parent = np.where(has_parent, parent_row, 0)
    while True:
        child_supp = suppressed[child_row]
        child_num = num[child_row]
        shown_positive = ~child_supp & (child_num > 0)
        n_supp = np.bincount(key, weights=child_supp)[key]
        n_hidden = np.bincount(key, weights=child_supp | np.isnan(child_num))[key]
        has_candidate = np.bincount(key, weights=shown_positive)[key] > 0
        # The first shown positive child of each parent/period is the smallest (edges are sorted).
        first_candidate = shown_positive & (pd.Series(shown_positive).groupby(key).cumsum().to_numpy() == 1)
        parent_shown = has_parent & ~suppressed[safe_parent] & ~np.isnan(num[safe_parent])
        parent_hidden = has_parent & suppressed[safe_parent]
        subtract = parent_shown & (n_supp == 1)
        add = parent_hidden & (n_hidden == 0)
        # Fix the smallest parents first: the sibling hidden there often protects the larger parent too,
        # so fixing everything at once would hide more than needed.
        for level in np.unique(size[subtract | add]):
            at_level = size == level
            changed = _hide(
                child_row[subtract & at_level & first_candidate],
                suppressed,
                notes,
                [secondary_note(t) for t in parent_type[subtract & at_level & first_candidate]],
            )
            changed |= _hide(child_row[add & at_level & first_candidate], suppressed, notes, ADDITION_NOTE)
            changed |= _hide(parent_row[subtract & at_level & ~has_candidate], suppressed, notes, PARENT_NOTE)
            if changed:
                break
        else:
            return


def _hide(rows: np.ndarray, suppressed: np.ndarray, notes: np.ndarray, note: str | list[str]) -> bool:
    """Suppress ``rows`` not already suppressed, with ``note`` (one for all, or one per row)."""
    changed = False
    for i, row in enumerate(rows):
        if not suppressed[row]:
            suppressed[row] = True
            notes[row] = note if isinstance(note, str) else note[i]
            changed = True
    return changed
