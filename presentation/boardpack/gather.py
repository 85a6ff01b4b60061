"""Everything a board pack shows, read from the store as of one pinned release.

One partnership, its footprint, the release, and for each of the six outcomes (in catalogue
order) each headline metric: the partnership's summary (England's for national-only metrics),
its series against its region and England (the lines of the outcome page's trend chart), England's
standing against the framework's numeric ambition (the status summary's, so page 1, the chart and
the web agree), and the latest period for the partnership, its members and England.
Reading through ``data_access.read.pinned`` means a pack for release R never sees a later value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from data_access.catalogue import MetricSpec, OutcomeSpec, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import partnership_members, partnerships, resolve_area, similar_partnerships
from data_access.read.ambition import AmbitionStatus, england_ambition
from data_access.read.footprints import current_footprint
from data_access.read.pinned import metric_table_as_of, release_record, summary_as_of
from data_access.read.status import StatusSummary, status_summary


@dataclass(frozen=True)
class MetricData:
    """One headline metric of the pack: the shown area's summary, its series (the partnership, its region and
    England for a local measure; England for a national one), the latest-period rows and England's ambition."""

    spec: MetricSpec
    local: bool
    summary: dict[str, Any]
    series: pd.DataFrame
    latest_rows: pd.DataFrame
    #: England against the framework's numeric ambition as of the release (its trajectory is drawn).
    ambition: AmbitionStatus | None = None


@dataclass(frozen=True)
class OutcomeData:
    outcome: OutcomeSpec
    metrics: tuple[MetricData, ...]


@dataclass(frozen=True)
class PackData:
    """The pack's facts: partnership, footprint members (sourced or assumed), release and outcomes."""

    code: str
    name: str
    region_name: str | None
    status: str
    members: pd.DataFrame
    footprint: dict[str, Any] | None
    release: dict[str, Any]
    outcomes: tuple[OutcomeData, ...]
    #: Page 1: every headline measure's status as of the release (None: no status page).
    summary: StatusSummary | None = None
    #: The partnership's similar partnerships, most similar first (``data_access.read.similar``).
    similar: tuple[str, ...] = ()
    #: The partnership's region (the one most of its members are in), drawn on its trend charts.
    region_code: str | None = None


def find_partnership(text: str | None) -> dict[str, Any] | None:
    """The partnership whose code (any case) or exact name is ``text``, or that contains the authority
    ``text`` names: its ``partnerships()`` row, or None."""
    if not text:
        return None
    table = partnerships()
    needle = str(text).strip().lower()
    hit = table[(table["code"].str.lower() == needle) | (table["name"].str.lower() == needle)]
    if hit.empty:
        area = resolve_area(str(text))
        if area is not None and area["type"] == "utla" and area.get("partnership_code"):
            hit = table[table["code"] == area["partnership_code"]]
    return None if hit.empty else hit.iloc[0].to_dict()


def _latest_rows(table: pd.DataFrame, code: str, member_codes: list[str], period: str | None) -> pd.DataFrame:
    """The partnership, its members and England for ``period``: partnership first, England last."""
    if table.empty or period is None:
        return table.iloc[0:0]
    rows = table[table["period"] == period]
    wanted = pd.concat([
        rows[(rows["area_code"] == code) & (rows["area_type"] == "partnership")],
        rows[rows["area_code"].isin(member_codes) & (rows["area_type"] == "utla")].sort_values("area_name"),
        rows[rows["area_code"] == ENGLAND],
    ])
    return wanted.reset_index(drop=True)


def _shown(table: pd.DataFrame, code: str, region: str | None) -> pd.DataFrame:
    """The rows a local measure's chart draws: the partnership, its region and England (as the page's chart)."""
    if table.empty:
        return table
    return table[((table["area_code"] == code) & (table["area_type"] == "partnership"))
                 | ((table["area_code"] == region) & (table["area_type"] == "region"))
                 | (table["area_code"] == ENGLAND)]


def _metric(spec: MetricSpec, code: str, region: str | None, member_codes: list[str], release_id: int,
            ambition: AmbitionStatus | None) -> MetricData:
    table = metric_table_as_of(spec.id, release_id)
    if spec.is_local:
        summary = summary_as_of(spec.id, code, area_type="partnership", release_id=release_id)
        shown = _shown(table, code, region)
        latest = _latest_rows(table, code, member_codes, summary.get("latest_period"))
    else:
        summary = summary_as_of(spec.id, ENGLAND, area_type="country", release_id=release_id)
        shown = table[table["area_code"] == ENGLAND] if not table.empty else table
        latest = table.iloc[0:0]
    series = shown.sort_values(["area_code", "period_start"], ignore_index=True)
    if ambition is None:
        ambition = england_ambition(spec.id, release_id=release_id)
    return MetricData(spec=spec, local=spec.is_local, summary=summary, series=series, latest_rows=latest,
                      ambition=ambition)


def gather_pack(code: str, release_id: int) -> PackData:
    """The pack's data for partnership ``code`` as of visible release ``release_id``.

    Raises:
        LookupError: no such partnership or visible release (the route checks both first).
    """
    row = find_partnership(code)
    release = release_record(release_id)
    if row is None or release is None:
        raise LookupError(f"no partnership {code!r} or release {release_id!r}")
    members = partnership_members(row["code"])
    member_codes = [str(c) for c in members["code"]]
    region = None if pd.isna(row.get("region_code")) else str(row["region_code"])
    summary = status_summary(str(row["code"]), release_id=release_id)
    # The status summary's judgement, so the chart's trajectory and page 1's words come from one assessment.
    ambitions = {r.spec.id: r.ambition for r in summary.rows} if summary is not None else {}
    catalogue = get_catalogue()
    outcomes = tuple(
        OutcomeData(outcome=outcome, metrics=tuple(
            _metric(catalogue.metric(m), row["code"], region, member_codes, release_id, ambitions.get(m))
            for m in outcome.headline_metric_ids))
        for outcome in catalogue.outcomes
    )
    return PackData(code=str(row["code"]), name=str(row["name"]), region_name=row.get("region_name"),
                    status=str(row["status"]), members=members, footprint=current_footprint(), release=release,
                    outcomes=outcomes, summary=summary, similar=tuple(similar_partnerships(str(row["code"]))["name"]),
                    region_code=region)
