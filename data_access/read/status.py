"""A partnership's status summary: every headline measure in one frozen result, the same wherever a board looks.

The profile, the overview, slide 1 of presentation mode and page 1 of the board pack all read this one
``StatusSummary``, so they cannot disagree. Rows are the headline measures with a partnership figure
first (catalogue order), then those measured for England only. Each row is the measure's baseline
summary (``summary.summarise``'s rules: latest value, comparison with England, change since baseline,
recent trend), England's standing against the framework's ambition (``ambition``), and, where a cell
would be empty, the reason in words: a suppressed value says why it was withheld, and a partnership
value missing because a member authority has not published names that authority.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.catalogue.targets import metric_target
from data_access.geography import ENGLAND
from data_access.read.ambition import AmbitionStatus, assess
from data_access.read.memory import ANSWERS, remembered
from data_access.read.pinned import metric_table_as_of, summary_as_of
from data_access.read.places import partnership_members, resolve_area
from data_access.read.releases import release_key
from data_access.read.summary import BaselineSummary, baseline_summary
from data_access.read.tables import shared_metric_table

SUPPRESSED_REASON = "withheld by the publisher to protect confidentiality"


@dataclass(frozen=True)
class StatusRow:
    """One headline measure: the shown area's baseline summary, England's ambition status, and reasons.

    ``local``: the figures are the partnership's (False: the measure exists for England only, and the
    figures are England's); ``reason``: why the value is missing or withheld (None when it is shown);
    ``comparison_reason``: why a shown value is not compared with England (None when it is, or when
    there is no value).
    """

    spec: MetricSpec
    local: bool
    summary: BaselineSummary
    ambition: AmbitionStatus
    reason: str | None = None
    comparison_reason: str | None = None

    @property
    def has_value(self) -> bool:
        return self.summary.latest_value is not None and not self.summary.suppressed


@dataclass(frozen=True)
class StatusSummary:
    """Every headline measure for one area (a partnership, or England), local measures first."""

    area_code: str
    area_name: str
    area_type: str
    release_id: int | None
    rows: tuple[StatusRow, ...]

    def count(self, *, comparison: str | None = None, significance: str | None = None) -> int:
        """How many local rows have this comparison with England, or this change since baseline."""
        return sum(1 for row in self.rows if row.local and row.has_value
                   and (comparison is None or row.summary.comparison == comparison)
                   and (significance is None or row.summary.significance == significance))

    @property
    def local_rows(self) -> tuple[StatusRow, ...]:
        return tuple(row for row in self.rows if row.local)

    @property
    def england_rows(self) -> tuple[StatusRow, ...]:
        return tuple(row for row in self.rows if not row.local)


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def missing_reason(summary: BaselineSummary, table: pd.DataFrame, members: pd.DataFrame) -> str:
    """Why a partnership has no value: the members with no published value in its latest period, by name.

    ``members``: ``partnership_members`` rows (code, name, valid_to); a member that had left by then is
    not expected. Falls back to the value's note, then to the bare fact.
    """
    period = summary.latest_period
    if period is None:
        return "no value has been published yet"
    rows = table[(table["period"] == period) & (table["area_type"] == "utla")]
    shown = set(rows.loc[rows["value"].notna() | rows["suppressed"].eq(True), "area_code"])
    current = members
    if not rows.empty:  # members that existed during the period (a replaced authority is not expected after)
        start, end = pd.to_datetime(rows["period_start"]).min(), pd.to_datetime(rows["period_end"]).max()
        valid_to, valid_from = pd.to_datetime(members["valid_to"]), pd.to_datetime(members["valid_from"])
        current = members[(valid_to.isna() | (valid_to >= start)) & (valid_from.isna() | (valid_from <= end))]
    absent = sorted(str(m.name) for m in current.itertuples(index=False) if m.code not in shown)
    if absent:
        verb = "has" if len(absent) == 1 else "have"
        return f"no {period} value: {_names(absent)} {verb} not published"
    note = (summary.note or "").strip().rstrip(".")
    return f"no {period} value: {note[0].lower()}{note[1:]}" if note else f"no {period} value"


def comparison_reason(spec: MetricSpec, summary: BaselineSummary) -> str | None:
    """Why a shown partnership value is not compared with England (None when it is compared)."""
    if summary.comparison != "not_compared" or summary.latest_value is None or summary.suppressed:
        return None
    if summary.england_value is None:
        return f"England has no {summary.latest_period} value to compare with"
    if not spec.has_interval or summary.lower_ci is None:
        return "no confidence interval to test the difference with"
    return "not tested"


def status_row(spec: MetricSpec, summary: BaselineSummary, table: pd.DataFrame, members: pd.DataFrame | None,
               ambition: AmbitionStatus) -> StatusRow:
    """One row from the measure's summary and table; ``members`` None means the figures are England's."""
    local = members is not None
    reason = comparison = None
    if summary.suppressed:
        reason = (summary.note or SUPPRESSED_REASON).strip().rstrip(".")
    elif summary.latest_value is None:
        reason = missing_reason(summary, table, members) if local else (
            f"no {summary.latest_period} value for England" if summary.latest_period else
            "no value has been published yet")
    elif local:
        comparison = comparison_reason(spec, summary)
    return StatusRow(spec, local, summary, ambition, reason, comparison)


def _area(area_code: str) -> tuple[str, str, str] | None:
    if area_code == ENGLAND:
        return ENGLAND, "England", "country"
    hit = resolve_area(area_code)
    if hit is None or hit["type"] != "partnership":
        return None
    return str(hit["code"]), str(hit["name"]), "partnership"


def _build(code: str, name: str, area_type: str, release_id: int | None) -> StatusSummary:
    catalogue = get_catalogue()
    members = partnership_members(code) if area_type == "partnership" else None
    rows = []
    for spec in catalogue.headline_metrics():
        local = members is not None and spec.is_local
        shown, level = (code, area_type) if local else (ENGLAND, "country")
        if release_id is None:
            table = shared_metric_table(spec.id)
            summary = baseline_summary(spec.id, shown, area_type=level)
        else:
            table = metric_table_as_of(spec.id, release_id)
            summary = summary_as_of(spec.id, shown, area_type=level, release_id=release_id)
        ambition = assess(spec, metric_target(spec.id), table)
        rows.append(status_row(spec, summary, table, members if local else None, ambition))
    rows.sort(key=lambda row: not row.local)  # stable: catalogue order within each group
    return StatusSummary(code, name, area_type, release_id, tuple(rows))


def status_summary(area_code: str, *, release_id: int | None = None) -> StatusSummary | None:
    """The status summary of partnership ``area_code`` (or England), live or as of ``release_id``.

    None when the code names no partnership (an authority's code is not resolved to its partnership
    here: callers that accept one resolve it first).
    """
    area = _area(str(area_code))
    if area is None:
        return None
    if release_id is not None:
        return _build(*area, release_id)
    return remembered(ANSWERS, ("status_summary", area[0], release_key()), lambda: _build(*area, None))
