"""Disclosure control: hide small counts, and whatever would let them be worked out.

Responsibility: decide which published rows must be hidden and blank them. This is the method
the About page describes:

1. **Primary suppression.** A row whose numerator is more than 0 and less than the metric's
   threshold (NDTMS uses 5) is suppressed. A zero is shown (it discloses no individual), and a
   threshold of 0 switches disclosure control off. Rows that arrive with ``suppressed=True``
   (suppressed at source) stay suppressed.
2. **Complement suppression** (``complement=True``, for proportions of a group of people). A
   proportion with its denominator published also tells how many people are *outside* the count:
   97 of 100 reveals the other 3. Following NHS Digital and NDTMS practice, a row is suppressed
   when the denominator minus the numerator is more than 0 and less than the threshold, and when
   the group itself has fewer people than the threshold (0% or 100% of 3 people says what happened
   to each of them). A proportion of 0% or 100% on a group of at least the threshold is shown, as
   those publishers show it.
3. **Secondary suppression across every published level at once.** Every published total
   (partnership, region, England, any comparator group in ``groups``) is the sum of its member
   authorities, and the levels overlap, so a hidden count could be isolated by combining several
   totals, not only by subtracting within one group. ``linked_suppression`` treats each period as
   one system of linear equations and hides the smallest complementary counts (or, where no count
   can, a total) until no hidden cell is determined by any linear combination of published
   counts. The primary cells are protected; a cell hidden to protect them is itself never
   recoverable (otherwise it would protect nothing and is shown again).

A suppressed row gets ``suppressed=True``, NaN (never 0) in ``value``, ``numerator`` and every
interval column, and a ``note`` explaining why. Denominators (populations, cohorts) are kept; for
a proportion that is why the complement must be protected too (the denominator minus a recovered
numerator would give it), and why the equations on numerators cover complements as well. An
authority shown without a numerator counts as known to an analyst, which errs towards hiding
more. A total is assumed to be the sum of its members present in ``frame`` for that period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access.statistics.linked_suppression import Period, protect

BLANKED = ("value", "numerator", "lower_ci", "upper_ci", "lower_998", "upper_998")
_SOURCE_NOTE = "Suppressed at source"


def primary_note(threshold: int) -> str:
    """The note on a row hidden because its own count is small."""
    return f"Suppressed: fewer than {threshold}"


def complement_note(threshold: int) -> str:
    """The note on a proportion hidden because the people outside its count are fewer than ``threshold``."""
    return f"Suppressed: fewer than {threshold} people in the group are outside this count"


def group_note(threshold: int) -> str:
    """The note on a proportion hidden because its whole group is smaller than ``threshold``."""
    return f"Suppressed: fewer than {threshold} people in the group"


def secondary_note(parent_type: str) -> str:
    """The note on a row hidden so that a suppressed value cannot be worked out from published totals."""
    return f"Suppressed to protect a suppressed value in the same {parent_type}"


PARENT_NOTE = "Suppressed because it would reveal a suppressed area it contains"
ADDITION_NOTE = "Suppressed so that a suppressed total cannot be recovered by adding its parts"


def apply_suppression(frame: pd.DataFrame, *, threshold: int, groups: pd.DataFrame,
                      complement: bool = False) -> pd.DataFrame:
    """Return a copy of ``frame`` with primary and secondary suppression applied (module docstring).

    ``frame``: one row per (``area_code``, ``period``) for members and aggregates alike, with
    ``numerator``, ``value``, ``lower_ci``, ``upper_ci`` and optionally ``lower_998``, ``upper_998``,
    ``denominator``, ``suppressed`` (already suppressed at source) and ``note``; ``period`` may be
    any hashable. ``groups``: ``parent_code``, ``child_code`` and optionally ``parent_type`` (e.g.
    "partnership", "region"; used in the note, default "group"). ``complement``: also protect the
    people outside a proportion's count (the denominator minus the numerator).

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
        _primary(out, num, suppressed, notes, threshold, complement)
        _secondary(out, num, suppressed, notes, groups)
    out["suppressed"] = suppressed
    out["note"] = notes
    for col in BLANKED:
        if col in out:
            out[col] = out[col].astype(float).where(~suppressed)
    return out


def _primary(out: pd.DataFrame, num: np.ndarray, suppressed: np.ndarray, notes: np.ndarray, threshold: int,
             complement: bool) -> None:
    """Hide small counts and, for proportions, small complements and small groups (in place)."""
    small = (num > 0) & (num < threshold) & ~suppressed
    notes[small] = primary_note(threshold)
    suppressed |= small
    if not complement or "denominator" not in out:
        return
    den = pd.to_numeric(out["denominator"], errors="coerce").to_numpy(dtype=float)
    value = pd.to_numeric(out["value"], errors="coerce").to_numpy(dtype=float) if "value" in out else num
    figure = ~np.isnan(num) | ~np.isnan(value)
    tiny = (den > 0) & (den < threshold) & figure & ~suppressed
    notes[tiny] = group_note(threshold)
    suppressed |= tiny
    outside = den - num
    near_all = (outside > 0) & (outside < threshold) & ~suppressed
    notes[near_all] = complement_note(threshold)
    suppressed |= near_all


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
    return child.merge(parent_rows, on=["parent_code", "period"], how="inner")


def _secondary(
    out: pd.DataFrame, num: np.ndarray, suppressed: np.ndarray, notes: np.ndarray, groups: pd.DataFrame
) -> None:
    """Protect every suppressed cell across all levels, one period at a time (in place)."""
    if out.empty or groups.empty:
        return
    edges = _edges(out, groups)
    if edges.empty:
        return
    value = pd.to_numeric(out["value"], errors="coerce").to_numpy(dtype=float) if "value" in out else num
    has_figure = ~np.isnan(num) | ~np.isnan(value)
    key = pd.factorize(edges["period"])[0]
    for period in range(key.max() + 1):
        _secondary_period(edges[key == period], num, has_figure, suppressed, notes)


def _secondary_period(edges: pd.DataFrame, num: np.ndarray, has_figure: np.ndarray, suppressed: np.ndarray,
                      notes: np.ndarray) -> None:
    units = edges.drop_duplicates("child_row").sort_values("child_code")["child_row"].to_numpy()
    totals_frame = edges.drop_duplicates("parent_row").sort_values("parent_code")
    totals = totals_frame["parent_row"].to_numpy()
    types = totals_frame["parent_type"].to_numpy()
    unit_pos = pd.Series(np.arange(units.size), index=units)
    total_pos = pd.Series(np.arange(totals.size), index=totals)
    members = np.zeros((totals.size, units.size))
    members[total_pos[edges["parent_row"]].to_numpy(), unit_pos[edges["child_row"]].to_numpy()] = 1.0
    cells = Period(members=members, unit_hidden=suppressed[units].copy(), unit_protected=suppressed[units].copy(),
                   unit_count=num[units], total_hidden=suppressed[totals].copy(),
                   total_protected=suppressed[totals].copy(), total_shown=has_figure[totals] & ~suppressed[totals],
                   total_count=num[totals])
    choices = protect(cells)
    for unit, reason in choices.unit_reason.items():
        suppressed[units[unit]] = True
        notes[units[unit]] = ADDITION_NOTE if reason < 0 else secondary_note(types[reason])
    for total in choices.total_reason:
        suppressed[totals[total]] = True
        notes[totals[total]] = PARENT_NOTE
