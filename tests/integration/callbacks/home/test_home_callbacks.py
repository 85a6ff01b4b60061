"""The overview callback as a plain function over the demonstration store: tiles, links, area fallbacks."""

from __future__ import annotations

import dash
import pytest

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from tests.support.layout_tree import find, text

CHANGE_WORDS = ("since baseline", "No baseline set", "Baseline not available")


@pytest.fixture(scope="module")
def overview(web_env):
    """``update_overview`` with the app imported, so the read layer's cache is live (as when serving)."""
    import app  # noqa: F401
    from callbacks.home import update_overview

    return update_overview


def tiles(cards) -> list:
    return [c for c in find(cards, "Article") if c.className == "tile"]


def hrefs(node) -> list[str]:
    return [a.href for a in find(node, "A")]


class TestEngland:
    def test_every_headline_metric_has_a_tile_with_value_change_and_dates(self, overview):
        """Given no area, then one tile per headline metric, each with a value, change words and "Data up to"."""
        cards, summary, status, options, value, state = overview(None, {})
        headline = get_catalogue().headline_metrics()
        found = tiles(cards)
        assert [t.id["metric"] for t in found] == [m.id for m in headline]
        for tile in found:
            words = text(tile)
            assert "No data" not in words, words
            assert any(w in words for w in CHANGE_WORDS), words
            assert "Data up to " in words
            assert "England only" not in words and "than England" not in words  # nothing to compare England with
        assert status is None and value == ENGLAND and state == {}

    def test_outcome_cards_are_grouped_strategic_then_intermediate(self, overview):
        cards = overview(None, {})[0]
        headings = [h.children for h in find(cards, "H2")]
        assert headings == ["Strategic outcomes", "Intermediate outcomes"]
        sections = [s.id["outcome"] for s in find(cards, "Section")]
        assert sections == [o.slug for o in get_catalogue().outcomes]

    def test_links_go_to_outcome_pages_without_an_area(self, overview):
        cards = overview(None, {})[0]
        links = hrefs(cards)
        assert "/outcome/drug-use" in links
        assert "/outcome/deaths-and-harm?metric=drug_misuse_deaths" in links
        assert not any("area=" in link for link in links)

    def test_release_facts_and_options(self, overview):
        _, summary, _, options, _, _ = overview(None, {})
        assert "Data release: " in text(summary) and "extracted" in text(summary)
        labels = [o["label"] for o in options]
        assert options[0]["value"] == ENGLAND
        assert "Greater Manchester" in labels
        assert "Bolton (Greater Manchester partnership)" in labels
        assert labels.index("Greater Manchester") < labels.index("Bolton (Greater Manchester partnership)")


class TestPartnership:
    def test_tiles_compare_with_england_and_links_carry_the_area(self, overview):
        """Given ?area=greater-manchester, then local tiles compare with England and national ones say so."""
        cards, summary, status, _options, value, state = overview(None, {"area": "greater-manchester"})
        assert value == "greater-manchester" and state == {"area": "greater-manchester"}
        assert "Greater Manchester" in text(summary) and "/partnership/greater-manchester" in hrefs(summary)
        catalogue = get_catalogue()
        for tile in tiles(cards):
            spec = catalogue.metric(tile.id["metric"])
            words = text(tile)
            if spec.is_local:
                assert "England: " in words, words
                assert any(w in words for w in ("than England", "Similar to England", "Not compared")), words
            else:
                assert "England only – no partnership figure" in words
        links = [link for link in hrefs(cards) if link.startswith("/outcome/")]
        assert links and all("area=greater-manchester" in link for link in links)
        assert "/outcome/treatment?metric=numbers_in_treatment&area=greater-manchester" in links

    def test_significance_is_in_words(self, overview):
        words = text(overview(None, {"area": "cleveland"})[0])
        assert "(significant)" in words or "No significant change since baseline" in words

    def test_an_authority_switches_to_its_partnership(self, overview):
        """Given Bolton picked, then Greater Manchester is shown, the URL state says so and options are not resent."""
        cards, summary, status, options, value, state = overview("E08000001", {"area": "cleveland"})
        assert value == "greater-manchester" and state == {"area": "greater-manchester"}
        assert "Bolton is part of the Greater Manchester partnership" in text(status)
        assert options is dash.no_update

    def test_an_authority_name_in_the_link_works_too(self, overview):
        assert overview(None, {"area": "Bolton"})[4] == "greater-manchester"


class TestFallbacks:
    def test_unknown_area_shows_england_with_a_message(self, overview):
        cards, summary, status, _options, value, state = overview(None, {"area": "banana"})
        assert "There is no partnership or local authority called “banana”. Showing England." in text(status)
        assert value == ENGLAND and state == {}
        assert len(tiles(cards)) == len(get_catalogue().headline_metrics())

    def test_a_region_is_not_a_partnership(self, overview):
        status = overview(None, {"area": "North West"})[2]
        assert "North West is a region" in text(status)

    def test_england_picked_clears_the_area(self, overview):
        _, _, status, _, value, state = overview(ENGLAND, {"area": "cleveland"})
        assert status is None and value == ENGLAND and state == {}
