"""Presentation mode: the slides' view as a plain function, the frame, and the paging script."""

from __future__ import annotations

import pytest

from presentation import ids
from tests.support.layout_tree import find, text
from tests.support.paths import PROJECT_ROOT

HEADING, EXIT, STATUS, DECK, COUNT, CHARTS = range(6)
ASSETS = PROJECT_ROOT / "assets"


@pytest.fixture(scope="module")
def present(web_env):
    import app  # noqa: F401  (pages registered, caches live)
    from layouts.present import views as present_views

    return present_views


@pytest.fixture(scope="module")
def cleveland(present):
    return present.deck_view("cleveland", {"slide": "3"})


def _slides(deck) -> list:
    return [c for c in find(deck, "Section") if isinstance(c.id, dict) and c.id.get("type") == "present-slide"]


class TestDeck:







    def test_england_deck(self, present):
        heading, exit_href, _, deck, count, _ = present.deck_view("england", {})
        assert heading == "England: headline measures" and exit_href == "/" and count == 12
        words = text(_slides(deck)[4])
        assert "England, " in words and "England only" not in words and "Compared with England" not in words

    def test_an_authority_shows_its_partnership(self, present):
        heading, _, status, *_ = present.deck_view("Hartlepool", {"slide": "1"})
        assert heading == "Cleveland: headline measures"
        assert "Hartlepool is part of the Cleveland partnership" in text(status)

    def test_unknown_code_is_a_friendly_message(self, present):
        heading, exit_href, status, deck, count, charts = present.deck_view("atlantis", {})
        assert count == 0 and deck == [] and charts == [] and exit_href == "/partnership"
        assert "There is no partnership called “atlantis”" in text(status)


class TestFrame:
    def test_slide_from_the_link(self, present):
        from layouts.present import page

        store = [s for s in find(page.layout(code="cleveland", slide="5"), "Store")
                 if isinstance(s.id, dict) and s.id.get("page") == ids.PRESENT_URL_STATE][0]
        assert store.data == {"slide": "5"}



    def test_the_page_answers_over_http(self, client):
        assert client.get("/present/cleveland?slide=2").status_code == 200


class TestScript:

    def test_paging_is_a_named_clientside_function(self, client):
        """Given a strict CSP, then paging is a function in assets (no inline clientside code)."""
        dependencies = client.get("/_dash-dependencies").get_json()
        paging = [c for c in dependencies if "present-counter.children" in c["output"]]
        assert len(paging) == 1 and paging[0]["clientside_function"] == {"namespace": "cdpPresent",
                                                                          "function_name": "page"}
        assert {"id": ids.PRESENT_JUMP, "property": "data"} in paging[0]["inputs"]  # Home / End
