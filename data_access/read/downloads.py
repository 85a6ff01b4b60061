"""Tidy CSV downloads of what the charts show, with limits, comparisons, flags and the release.

Every row says whether its value is an estimate (``estimated``; the method is in ``note``), carries
the publisher's note, and names the geography vintage its period is drawn on, as code and in words.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data_access.catalogue import get_catalogue
from data_access.read.footprints import current_footprint
from data_access.read.releases import current_release
from data_access.read.tables import metric_table, shared_geography
from data_access.vintages import label as vintage_label

DOWNLOAD_COLUMNS = ["metric_id", "metric_name", "area_code", "area_name", "area_type", "period", "value", "unit",
                    "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8", "numerator", "denominator",
                    "england_value", "comparison_with_england_95", "comparison_with_england_99_8", "quintile",
                    "baseline_value", "change_since_baseline", "change_significance", "suppressed", "provisional",
                    "estimated", "note", "geography", "geography_label", "release_id", "release_extracted_date", "demonstration_data"]


def observations_download(metric_id: str, *, area_type: str | None = None, period: str | None = None,
                          area_codes: Sequence[str] = ()) -> pd.DataFrame:
    """Rows for one metric, optionally one area type, one period and chosen areas (DOWNLOAD_COLUMNS).

    ``area_codes`` gives a chart's lines: the trend chart's CSV names the chosen area, its region and
    England, so the file holds those lines and no other area's.
    """
    spec = get_catalogue().metric(metric_id)
    table = metric_table(metric_id)
    if area_type:
        table = table[table["area_type"] == area_type]
    if period:
        table = table[table["period"] == period]
    if area_codes:
        table = table[table["area_code"].isin(list(area_codes))]
    release = current_release() or {}
    out = pd.DataFrame({
        "metric_id": spec.id, "metric_name": spec.name, "area_code": table["area_code"], "area_name": table["area_name"],
        "area_type": table["area_type"], "period": table["period"], "value": table["value"], "unit": spec.value_unit,
        "lower_ci_95": table["lower_ci"], "upper_ci_95": table["upper_ci"], "lower_ci_99_8": table["lower_998"],
        "upper_ci_99_8": table["upper_998"], "numerator": table["numerator"], "denominator": table["denominator"],
        "england_value": table["england_value"], "comparison_with_england_95": table["comparison"],
        "comparison_with_england_99_8": table["comparison_998"], "quintile": table["quintile"],
        "baseline_value": table["baseline_value"], "change_since_baseline": table["change"],
        "change_significance": table["change_significance"], "suppressed": table["suppressed"],
        "provisional": table["provisional"], "estimated": table["estimated"].eq(True), "note": table["note"],
        "geography": table["geography"], "geography_label": table["geography"].map(vintage_label),
        "release_id": release.get("id"),
        "release_extracted_date": release.get("extracted_date"), "demonstration_data": bool(release.get("any_demo")),
    }, columns=DOWNLOAD_COLUMNS)
    return out.sort_values(["area_type", "area_name", "period"], ignore_index=True)


FOOTPRINT_COLUMNS = ["partnership_code", "partnership_name", "member_code", "member_name", "sourced_or_assumed",
                     "source", "member_valid_to", "footprint_version", "footprint_label"]


def footprint_download() -> pd.DataFrame:
    """The footprint in force: one row per member authority of each partnership (FOOTPRINT_COLUMNS).

    ``sourced_or_assumed`` says whether the grouping comes from a published list (``sourced``) or is the
    default of an authority standing alone (``assumed``); ``source`` names that list. Authorities
    abolished since keep their row, with the date they ended (``member_valid_to``), because their
    history still counts towards the partnership.
    """
    geo = shared_geography()
    members, areas = geo["members"], geo["areas"].set_index("code")
    version = current_footprint() or {}
    known = members["member_code"].isin(areas.index)
    out = pd.DataFrame({
        "partnership_code": members["partnership_code"], "partnership_name": members["partnership_name"],
        "member_code": members["member_code"],
        "member_name": members["member_code"].map(areas["name"]).where(known, members["member_code"]),
        "sourced_or_assumed": members["status"], "source": members["source"].fillna(""),
        "member_valid_to": members["member_code"].map(areas["valid_to"]),
        "footprint_version": version.get("id"), "footprint_label": version.get("label"),
    }, columns=FOOTPRINT_COLUMNS)
    return out.sort_values(["partnership_name", "member_name"], ignore_index=True)
