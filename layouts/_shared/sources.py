"""Who publishes each metric's data, read from the catalogue's ``source`` text, and how sure the entry is.

The catalogue records a free-text source ("OHID - NDTMS, …", "INFERRED: DfE - …"). The publisher
is the first known organisation named in it; a source marked INFERRED or UNCONFIRMED keeps that
flag so the About and metric pages can say so plainly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

# Organisations as they are named in catalogue sources, with the name shown for each.
PUBLISHERS = (
    ("OHID", "Office for Health Improvement and Disparities (OHID)"),
    ("ONS", "Office for National Statistics (ONS)"),
    ("NHS Digital", "NHS England (formerly NHS Digital)"),
    ("NHS England", "NHS England (formerly NHS Digital)"),
    ("Home Office", "Home Office"),
    ("National Crime Agency", "National Crime Agency"),
    ("MoJ", "Ministry of Justice (MoJ)"),
    ("DfE", "Department for Education (DfE)"),
    ("DLUHC", "Ministry of Housing, Communities and Local Government (formerly DLUHC)"),
    ("MHCLG", "Ministry of Housing, Communities and Local Government (formerly DLUHC)"),
    ("UKHSA", "UK Health Security Agency (UKHSA)"),
)
OTHER = "Other or not yet identified"
CONFIDENCE_REASONS = {
    "high": "definition and source confirmed from published documents",
    "medium": "definition published; some details not confirmed",
    "low": "title only; definition, source and geography inferred",
}


def source_status(source: str) -> str:
    """ "inferred", "unconfirmed" or "stated" — how the catalogue's compilers got the source."""
    head = source.strip().upper()
    if head.startswith("INFERRED"):
        return "inferred"
    if head.startswith("UNCONFIRMED"):
        return "unconfirmed"
    return "stated"


def publisher_of(source: str) -> str:
    """The first known publisher named in ``source`` (by position), or ``OTHER``."""
    found = []
    for key, name in PUBLISHERS:
        match = re.search(rf"\b{re.escape(key)}\b", source)
        if match:
            found.append((match.start(), name))
    return min(found)[1] if found else OTHER


def by_publisher(metrics: Iterable[MetricSpec]) -> dict[str, list[MetricSpec]]:
    """Metrics grouped by publisher, publishers in alphabetical order (``OTHER`` last)."""
    groups: dict[str, list[MetricSpec]] = {}
    for spec in metrics:
        groups.setdefault(publisher_of(spec.source), []).append(spec)
    return dict(sorted(groups.items(), key=lambda item: (item[0] == OTHER, item[0])))


def confidence_sentence(spec: MetricSpec) -> str:
    """ "Confidence in this entry: low — title only; definition, source and geography inferred"."""
    reason = CONFIDENCE_REASONS.get(spec.confidence, "not rated")
    status = source_status(spec.source)
    if spec.confidence == "medium" and status != "stated":
        reason = f"definition published; source {status}"
    elif spec.confidence == "high" and status != "stated":
        reason = f"definition confirmed; source {status}"
    return f"Confidence in this entry: {spec.confidence} — {reason}"
