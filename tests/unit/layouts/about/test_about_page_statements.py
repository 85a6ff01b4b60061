"""The accessibility statement (public-sector model shape) and the friendly not-found page."""

from __future__ import annotations

import pytest

from tests.support.layout_tree import find, text


@pytest.fixture(scope="module")
def pages():
    import app  # noqa: F401  (registers the pages)
    from layouts import accessibility, not_found_404

    return accessibility, not_found_404


def test_accessibility_statement_has_the_model_sections(pages):
    words = text(pages[0].layout())
    for fragment in ("We want as many people as possible to be able to use it", "How accessible this website is",
                     "partially compliant",
                     "Web Content Accessibility Guidelines version 2.2", "pointing device",
                     "Feedback and contact information", "Enforcement procedure",
                     "Equality and Human Rights Commission", "22 November 2026", "axe-core", "keyboard"):
        assert fragment in words


def test_statement_headings_are_in_order(pages):
    levels = [int(type(c).__name__[1]) for c in find(pages[0].layout(), "H1") + find(pages[0].layout(), "H2")
              + find(pages[0].layout(), "H3") + find(pages[0].layout(), "H4")]
    assert levels.count(1) == 1 and 4 not in levels


def test_not_found_page_links_to_the_main_pages(pages):
    page = pages[1].layout(anything="ignored")
    assert "Page not found" in text(page)
    assert {"/", "/compare", "/metric", "/about", "/accessibility"} <= {a.href for a in find(page, "A")}


def test_pages_are_registered_with_titles_and_descriptions(pages):
    import dash

    by_path = {p["path"]: p for p in dash.page_registry.values()}
    for path in ("/compare", "/metric", "/about", "/accessibility"):
        page = by_path[path]
        assert page["title"] and page["description"] and page["supplied_order"] is not None
    assert by_path["/metric"]["path_template"] == "/metric/<metric_id>"
    assert any(module.endswith("not_found_404") for module in dash.page_registry)
