"""The About page states the similar-partnerships method and names exactly the inputs it uses."""

from __future__ import annotations

from dash import html

from data_access.read.similar import GROUP_SIZE, INPUTS
from layouts.about.sections import SECTIONS
from layouts.about.similar import SECTION_ID, similar_method


def words(node) -> str:
    if isinstance(node, str):
        return node
    children = getattr(node, "children", None)
    if children is None:
        return ""
    return " ".join(words(c) for c in (children if isinstance(children, list) else [children]))


def test_section_names_its_inputs_method_and_what_is_left_out():
    section = similar_method()
    text = words(section)
    assert all(description in text for description in INPUTS.values())
    assert f"the {GROUP_SIZE} partnerships most like it" in text
    assert "z-score" in text and "Euclidean" in text and "ties broken by partnership code" in text
    assert "Deprivation and population density are not used" in text
    assert any(isinstance(c, html.H2) and c.id == SECTION_ID for c in section.children)


def test_contents_list_the_section():
    assert (SECTION_ID, "Similar partnerships") in SECTIONS
