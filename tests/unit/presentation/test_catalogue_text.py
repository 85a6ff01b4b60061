"""The catalogue's honesty fields read as one plain public wording on every page, chart, slide and pack."""

from __future__ import annotations

import dataclasses

from data_access.catalogue import get_catalogue
from data_access.catalogue.public_text import note_markers
from presentation.blocks import definition_panel
from presentation.catalogue_text import (
    NO_NUMERIC_TARGET,
    SOURCE_NOT_CONFIRMED,
    ambition_words,
    ambitions_line,
    confidence_text,
    former_names_text,
    frequency_text,
    source_text,
)


def _spec(metric_id: str, **extra):
    spec = get_catalogue().metric(metric_id)
    return dataclasses.replace(spec, extra={**spec.extra, **extra}) if extra else spec


def _text(component) -> str:
    if isinstance(component, str):
        return component
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if isinstance(children, (list, tuple)):
        return " ".join(_text(c) for c in children if c is not None)
    return _text(children)


def test_a_confirmed_source_is_printed_as_it_is():
    spec = _spec("drug_misuse_deaths")
    assert source_text(spec) == spec.source


def test_an_unconfirmed_or_inferred_source_says_so_plainly():
    for metric_id in ("drug_purity", "hepatitis_c_pwid"):
        spec = _spec(metric_id)
        assert source_text(spec) == f"{spec.source} ({SOURCE_NOT_CONFIRMED})"
        assert note_markers(source_text(spec)) == []


def test_a_shortened_source_keeps_its_status():
    spec = _spec("protecting_vulnerable_people")
    short = source_text(spec, limit=80)
    assert len(short) <= 80 and short.endswith(f"… ({SOURCE_NOT_CONFIRMED})")
    assert source_text(_spec("drug_misuse_deaths"), limit=1000) == _spec("drug_misuse_deaths").source


def test_frequency_says_when_it_is_not_confirmed():
    assert frequency_text(_spec("hepatitis_c_pwid")) == "Annual (not yet confirmed)"
    assert frequency_text(_spec("drug_misuse_deaths")).endswith("(not yet confirmed)") is False


def test_confidence_is_one_sentence_for_each_case():
    assert confidence_text(_spec("homelessness_drug_dependency_need")) == (
        "Confidence in this definition: low — only the title is published; the definition, source and geography "
        "are not yet confirmed")
    medium = _spec("hepatitis_c_pwid")
    assert medium.confidence == "medium"
    assert confidence_text(medium).endswith("the definition is published; the source is not yet confirmed by the "
                                            "publisher")
    high = _spec("drug_misuse_deaths")
    assert confidence_text(high) == ("Confidence in this definition: high — the definition and source are confirmed "
                                     "from published documents")
    assert confidence_text(_spec("drug_misuse_deaths", source_status="inferred")).endswith(
        "confirmed from published documents; the source is not yet confirmed by the publisher")


def test_an_ambition_with_no_number_says_so():
    treatment = get_catalogue().outcome("treatment")
    line = ambitions_line(treatment.ambitions)
    assert f"Improve continuity of care for prison leavers ({NO_NUMERIC_TARGET})" in line
    assert ambition_words({"text": "Close over 2,000 more county lines.", "target_value": 2000}) == (
        "Close over 2,000 more county lines")
    assert ambitions_line([]) is None


def test_former_names_are_shown_apart_from_the_name():
    assert former_names_text(_spec("treatment_progress")) == (
        "Formerly: Treatment effectiveness measure (June 2022 framework)")
    assert former_names_text(_spec("drug_misuse_deaths")) is None


def test_the_definition_panel_uses_the_wording_and_never_the_editor_note():
    spec = _spec("drug_purity")
    words = _text(definition_panel(spec))
    assert source_text(spec) in words and confidence_text(spec) in words
    assert spec.editor_note and spec.editor_note not in words
    assert note_markers(words) == []
    panel = _text(definition_panel(_spec("treatment_progress")))
    assert "Formerly called" in panel and "Treatment effectiveness measure (June 2022 framework)" in panel
