"""The overview page frame and its pure builders: no data access, links, picker options, release line, tiles."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from layouts._shared.links import area_options, outcome_href, partnership_href, release_line
from layouts.home.tiles import ENGLAND_ONLY, TileData, outcome_card, outcome_groups, overview_tile
from presentation import ids
from presentation.blocks.static import block_markup
from tests.support.layout_tree import find, text


@pytest.fixture
def no_database(monkeypatch):
    """Any attempt to reach a store fails the test: layouts must be pure."""
    from sqlalchemy.engine import Engine

    def refuse(*_args, **_kwargs):
        raise AssertionError("a layout touched the database")

    monkeypatch.setattr(Engine, "connect", refuse)


@pytest.fixture(scope="module")
def home():
    import app  # noqa: F401  (registers the pages)
    from layouts.home import page as home

    return home


class TestLayout:
    def test_callable_bare_without_the_database(self, home, no_database):
        page = home.layout()
        assert find(page, "Select", id=ids.HOME_AREA)[0].options == []
        assert find(page, "Div", id=ids.HOME_OUTCOMES)
        store = find(page, "Store")[0]
        assert store.data == {}

    def test_area_from_the_link_goes_into_the_url_state(self, home, no_database):
        store = find(home.layout(area="cleveland"), "Store")[0]
        assert store.data == {"area": "cleveland"}

    def test_unknown_parameters_are_mentioned(self, home, no_database):
        assert "Ignored unknown link parameter" in text(home.layout(colour="red"))


class TestLinks:
    def test_outcome_href(self):
        assert outcome_href("drug-use") == "/outcome/drug-use"
        assert outcome_href("drug-use", area="cleveland") == "/outcome/drug-use?area=cleveland"
        assert outcome_href("crime", area="E92000001", metric="m") == "/outcome/crime?metric=m"
        assert outcome_href("crime", area="a b", metric="m") == "/outcome/crime?metric=m&area=a+b"

    def test_partnership_href_escapes(self):
        assert partnership_href("greater-manchester") == "/partnership/greater-manchester"
        assert partnership_href("a/b") == "/partnership/a%2Fb"

    def test_area_options_skip_sole_members_of_a_same_named_partnership(self):
        parts = pd.DataFrame({"code": ["gm", "barnet"], "name": ["Greater Manchester", "Barnet"]})
        auth = pd.DataFrame({"code": ["E1", "E2"], "name": ["Bolton", "Barnet"],
                             "partnership_code": ["gm", "barnet"],
                             "partnership_name": ["Greater Manchester", "Barnet"]})
        labels = [o["label"] for o in area_options(parts, auth)]
        assert labels == ["England (all partnerships)", "Barnet", "Greater Manchester",
                          "Bolton (Greater Manchester partnership)"]

    def test_release_line(self):
        assert release_line(None) == "Data release: no data has been loaded yet."
        line = release_line({"source": "OHID", "publisher": "DHSC", "published_date": date(2024, 5, 1),
                             "extracted_date": "2024-06-02"})
        assert line == "Data release: OHID, published by DHSC, on 1 May 2024, extracted 2 June 2024."


def _summary(**overrides):
    summary = {"latest_value": 5.0, "latest_period": "2022/23", "suppressed": False, "comparison": "worse",
               "england_value": 4.0, "baseline_value": 4.5, "baseline_period": "2019/20", "change": 0.5,
               "change_pct": 11.1, "significance": "worsened", "provisional": False}
    return {**summary, **overrides}


def _history(values):
    return pd.DataFrame({"period": [f"20{i}" for i in range(len(values))], "value": values,
                         "suppressed": [False] * len(values)})


class TestTiles:
    def test_local_tile_for_a_partnership(self):
        spec = get_catalogue().metric("drug_misuse_deaths")
        tile = overview_tile(TileData(spec, _summary(), _history([1.0, 2.0, None]), False), "deaths-and-harm",
                             area_code="cleveland")
        words = text(tile)
        assert "Worse than England" in words and "England: 4.0" in words
        assert "Worsened since baseline (significant)" in words and "Data up to 2022/23" in words
        assert find(tile, "A")[0].href == "/outcome/deaths-and-harm?metric=drug_misuse_deaths&area=cleveland"
        assert block_markup(find(tile, "Div", className="tile__sparkline")[0]).startswith("<svg")

    def test_national_tile_for_a_partnership_says_england_only(self):
        spec = get_catalogue().metric("drug_use_last_year")
        tile = overview_tile(TileData(spec, _summary(comparison="not_compared"), _history([]), True), "drug-use",
                             area_code="cleveland")
        assert ENGLAND_ONLY in text(tile) and "than England" not in text(tile)
        assert not find(tile, "Div", className="tile__sparkline")  # no history, no sparkline

    def test_suppressed_value_is_never_zero(self):
        spec = get_catalogue().metric("drug_misuse_deaths")
        tile = overview_tile(TileData(spec, _summary(latest_value=None, suppressed=True), _history([1.0]), False),
                             "deaths-and-harm", area_code=None)
        assert "Suppressed" in text(tile) and " 0.0" not in text(tile)

    def test_cards_grouped_and_linked(self):
        catalogue = get_catalogue()
        cards = [(o, outcome_card(o, [], area_code="x", n_measures=3)) for o in catalogue.outcomes]
        groups = outcome_groups(cards)
        assert [h.children for h in find(groups, "H2")] == ["Strategic outcomes", "Intermediate outcomes"]
        assert find(cards[0][1], "A")[0].href == f"/outcome/{catalogue.outcomes[0].slug}?area=x"
