"""/about: pure layout with the attribution word for word, sources by publisher, methods; data sections by callback."""

from __future__ import annotations

import re

import pytest

from data_access.catalogue import get_catalogue
from tests.support.layout_tree import text


@pytest.fixture
def about(monkeypatch):
    import app  # noqa: F401  (registers the pages)
    from data_access import db
    from layouts.about import page as about

    def refuse(*_args, **_kwargs):
        raise AssertionError("a layout touched the store")

    monkeypatch.setattr(db, "get_engine", refuse)
    return about


def attribution_texts(shared_data) -> list[str]:
    """The quoted attribution strings of the shared data's PROVENANCE.md "Attribution text" section."""
    provenance = (shared_data / "PROVENANCE.md").read_text(encoding="utf-8")
    section = provenance.split("## Attribution text", 1)[1].split("\n## ", 1)[0].split("---", 1)[0]
    return re.findall(r'"([^"]+)"', section)


def test_attribution_text_appears_word_for_word(about, shared_data):
    words = text(about.layout())
    quoted = attribution_texts(shared_data)
    assert len(quoted) == 3
    for sentence in quoted:
        assert sentence in words
    assert "It is not an official list" in words and "compiled from public web pages" in words


def test_sources_are_grouped_by_publisher_and_cover_every_metric(about):
    words = text(about.layout())
    for spec in get_catalogue().metrics.values():
        assert spec.source in words
    for publisher in ("Office for Health Improvement and Disparities (OHID)", "Office for National Statistics (ONS)",
                      "Home Office", "Department for Education (DfE)"):
        assert publisher in words


def test_methods_explain_statistics_suppression_and_demo_data(about):
    words = text(about.layout())
    for fragment in ("Wilson", "Byar", "Dobson", "PHStatsMethods", "excludes England's value", "quintile",
                     "Primary suppression", "Secondary suppression", "subtracting", "fixed seed",
                     "Demonstration values are not real", "GPL-3.0-or-later", "CC BY 4.0"):
        assert fragment in words


def test_footprint_counts_follow_the_footprint():
    import pandas as pd

    from layouts.about.data import footprint_counts

    parts = pd.DataFrame({"name": ["A", "B", "C", "D"], "status": ["sourced", "sourced", "assumed", "assumed"],
                          "n_members": [3, 1, 1, 2]})
    sentence = footprint_counts(parts)
    assert sentence.startswith("2 partnerships are sourced: 1 grouping of several authorities and 1 "
                               "single-authority partnership, covering 4 authorities.")
    assert "1 authority is shown as their own partnership by assumption, and 1 assumed grouping (D)" in sentence


def test_source_links_are_escaped():
    from layouts.about.data import source_link

    assert source_link('https://example.org/a"b') == '<a href="https://example.org/a&quot;b">example.org/a&quot;b</a>'
    assert source_link("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"


def test_a_cited_page_shows_its_title_linked_to_its_address():
    from layouts.about.data import source_link

    cited = "Report (HM Government); Cleveland partnership (pcc.example) — https://pcc.example/cdp?a=1&b=2"
    assert source_link(cited) == ('Report (HM Government); <a href="https://pcc.example/cdp?a=1&amp;b=2">'
                                  "Cleveland partnership (pcc.example)</a>")
