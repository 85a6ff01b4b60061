"""The board pack route over the demonstration store: pinned URL, PDF contents, same link → same pack, errors."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from tests.support.pdf_text import pdf_text

LICENCE = ("Contains data from the Office for National Statistics licensed under the Open Government Licence v3.0")


@pytest.fixture(scope="module")
def http(web_env):
    """One Flask test client for the module (the pack is built once and reused)."""
    from app import server

    return server.test_client()


@pytest.fixture(scope="module")
def pinned_url(http) -> str:
    response = http.get("/partnership/cleveland/pack.pdf")
    assert response.status_code == 302
    return response.headers["Location"]


@pytest.fixture(scope="module")
def pack(http, pinned_url) -> bytes:
    response = http.get(pinned_url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response.data


@pytest.fixture(scope="module")
def words(pack) -> str:
    return pdf_text(pack)




class TestContents:

    def test_every_outcome_in_order(self, words):
        positions = [words.index(outcome.name, words.index("How to read this pack"))
                     for outcome in get_catalogue().outcomes]
        assert positions == sorted(positions)

    def test_headline_metric_names_charts_and_baseline(self, words):
        for spec in get_catalogue().headline_metrics():
            assert spec.short_name in words, spec.short_name
        for name in ("Deaths related to drug misuse: Cleveland", "Proportion of people reporting drug use in the "
                     "last year: England", "Baseline", "95% confidence interval", "Recent trend"):
            assert name in words, name

    def test_each_chart_carries_the_licence_line(self, words):
        assert words.count(LICENCE) >= len(get_catalogue().headline_metrics())

    def test_summaries_and_tables_are_there(self, words):
        assert "In Cleveland, deaths related to drug misuse were" in words
        assert "the partnership, its member authorities and England" in words


    def test_the_pack_links_to_itself(self, words, pinned_url):
        assert pinned_url in words






