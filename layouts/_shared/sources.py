"""Who publishes each metric's data, read from the catalogue's ``source`` text, and how sure the entry is.

The catalogue records a free-text source ("OHID - NDTMS, …") and, as a separate field, whether it is
confirmed. The publisher is the first known organisation named in the source; an unconfirmed source
keeps that status so the About and metric pages can say so plainly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from presentation.catalogue_text import confidence_text

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


def source_status(source: MetricSpec | str) -> str:
    """ "inferred", "unconfirmed" or "stated": the catalogue's ``source_status`` of a metric (or, for a bare
    source text, its old "INFERRED:" / "UNCONFIRMED" prefix)."""
    if not isinstance(source, str):
        return "stated" if source.source_status == "confirmed" else source.source_status
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
    """The definition's confidence in the same words as every definition panel (``presentation.catalogue_text``)."""
    return confidence_text(spec)
