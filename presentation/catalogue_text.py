"""The catalogue's honesty fields in plain public wording, the same on every page, chart, slide and pack.

The catalogue keeps what its compilers could not confirm as structured fields: a metric's
``source_status`` (confirmed, unconfirmed, inferred), ``frequency_confirmed``, ``confidence`` and
``former_names``, and an ambition's ``ambition_has_number``. Their research notes (``editor_note``) are
never shown. Every place that prints a source, a frequency, a confidence or an ambition takes its words
from here, so a reader meets one wording wherever they look.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

#: Said after a source its publisher has not confirmed.
SOURCE_NOT_CONFIRMED = "source not yet confirmed by the publisher"
#: Said after an ambition the framework gives no number for.
NO_NUMERIC_TARGET = "the framework states no numeric target for this ambition"
CONFIDENCE_REASONS = {
    "high": "the definition and source are confirmed from published documents",
    "medium": "the definition is published; some details are not yet confirmed",
    "low": "only the title is published; the definition, source and geography are not yet confirmed",
}
#: The reason when the definition is known but its source is not confirmed (a low entry's reason says so already).
UNCONFIRMED_SOURCE_REASONS = {
    "high": "the definition is confirmed from published documents; the source is not yet confirmed by the publisher",
    "medium": "the definition is published; the source is not yet confirmed by the publisher",
}


def source_confirmed(spec: MetricSpec) -> bool:
    return spec.source_status == "confirmed"


def source_text(spec: MetricSpec, limit: int | None = None) -> str:
    """The source as published text: "Home Office … (source not yet confirmed by the publisher)" when unconfirmed.

    ``limit`` shortens the source's name (with "…") so the whole text fits, never the status after it, which
    a chart footer must keep.
    """
    status = "" if source_confirmed(spec) else f" ({SOURCE_NOT_CONFIRMED})"
    name = spec.source
    if limit is not None and len(name) + len(status) > limit:
        name = name[:max(limit - len(status) - 1, 10)].rstrip() + "…"
    return name + status


def frequency_text(spec: MetricSpec) -> str:
    """ "Quarterly/annual", with "(not yet confirmed)" when the frequency is not a stated fact."""
    text = spec.frequency.replace("_", " ")
    text = text[:1].upper() + text[1:]
    return text if spec.frequency_confirmed else f"{text} (not yet confirmed)"


def confidence_text(spec: MetricSpec) -> str:
    """ "Confidence in this definition: medium — the definition is published; the source is not yet confirmed
    by the publisher"."""
    reason = CONFIDENCE_REASONS.get(spec.confidence, "not rated")
    if not source_confirmed(spec) and spec.confidence in UNCONFIRMED_SOURCE_REASONS:
        reason = UNCONFIRMED_SOURCE_REASONS[spec.confidence]
    return f"Confidence in this definition: {spec.confidence} — {reason}"


def former_names_text(spec: MetricSpec) -> str | None:
    """ "Formerly: Treatment effectiveness measure (June 2022 framework)", or None."""
    return f"Formerly: {'; '.join(spec.former_names)}" if spec.former_names else None


def ambition_words(ambition: Mapping[str, Any]) -> str:
    """One ambition's text, saying so when the framework gives it no number."""
    text = str(ambition.get("text", "")).strip().rstrip(".")
    if text and ambition.get("ambition_has_number") is False:
        text += f" ({NO_NUMERIC_TARGET})"
    return text


def ambitions_line(ambitions: Iterable[Mapping[str, Any]]) -> str | None:
    """An outcome's ambitions in one line ("…; …"), or None when it has none."""
    return "; ".join(t for t in (ambition_words(a) for a in ambitions if a.get("text")) if t) or None
