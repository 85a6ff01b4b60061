"""Presentation mode: the slides' view as a plain function, the frame, and the paging script."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_access.catalogue import get_catalogue
from presentation import ids
from tests.layouts.layout_tree import find, text

HEADING, EXIT, STATUS, DECK, COUNT, CHARTS = range(6)
ASSETS = Path(__file__).resolve().parents[2] / "assets"


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
    def test_one_slide_per_headline_measure_in_outcome_order(self, cleveland):
        slides = _slides(cleveland[DECK])
        headline = [m for o in get_catalogue().outcomes for m in o.headline_metric_ids]
        assert len(slides) == len(headline) == cleveland[COUNT] == 12
        names = [find(s, "H2")[0].children for s in slides]
        assert names == [get_catalogue().metric(m).name for m in headline]

    def test_only_the_requested_slide_is_shown(self, cleveland):
        assert [s.hidden for s in _slides(cleveland[DECK])] == [i != 2 for i in range(12)]

    def test_only_the_shown_slide_has_its_chart_drawn(self, cleveland):
        """Given slide 3 asked for, then the deck holds its chart alone; paging draws the others from the store."""
        chart_boxes = [c for c in find(cleveland[DECK], "Div") if isinstance(getattr(c, "id", None), dict)
                       and c.id.get("type") == "present-slide-chart"]
        assert len(chart_boxes) == 12
        assert [box.children is not None for box in chart_boxes] == [i == 2 for i in range(12)]
        assert find(chart_boxes[2], "Graph")[0].figure is cleveland[CHARTS][2].figure

    def test_heading_and_exit_link(self, cleveland):
        assert cleveland[HEADING] == "Cleveland: headline measures" and cleveland[EXIT] == "/partnership/cleveland"

    def test_a_slide_has_value_period_comparison_change_trend_summary_and_position(self, cleveland):
        slide = _slides(cleveland[DECK])[4]  # drug misuse deaths: local
        words = text(slide)
        assert words.startswith("5 of 12")
        for part in ("per 100,000", "Cleveland, 2022-24", "than England (England:", "since the 2019-21 baseline",
                     "Recent trend:", "In Cleveland, deaths related to drug misuse were", "Source:"):
            assert part in words, part

    def test_national_measures_say_england_only(self, cleveland):
        words = text(_slides(cleveland[DECK])[0])
        assert "England only: there is no partnership figure" in words and "In England," in words

    def test_charts_are_static_with_no_mode_bar(self, cleveland):
        graphs = [chart for chart in cleveland[CHARTS] if chart is not None]
        assert len(graphs) == 12
        for graph in graphs:
            assert graph.config["staticPlot"] is True and graph.config["displayModeBar"] is False
            assert graph.config["toImageButtonOptions"]["filename"]
            assert graph.figure.layout.font.size >= 17

    def test_england_deck(self, present):
        heading, exit_href, _, deck, count, _ = present.deck_view("england", {})
        assert heading == "England: headline measures" and exit_href == "/" and count == 12
        assert "In England," in text(_slides(deck)[4])

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

    @pytest.mark.parametrize("raw", ["0", "13", "two", "-1"])
    def test_nonsense_slide_falls_back_to_the_first_with_a_message(self, present, raw):
        from layouts.present import page

        frame = page.layout(code="cleveland", slide=raw)
        assert "Showing slide 1." in text(frame)

    def test_previous_and_next_are_real_buttons(self, present):
        from layouts.present import page

        buttons = find(page.layout(code="cleveland"), "Button")
        assert [b.id for b in buttons] == ["present-previous-button", "present-next-button"]
        assert all(b.type == "button" for b in buttons)
        assert text(buttons[0]).endswith("Previous") and text(buttons[1]).startswith("Next")

    def test_the_page_answers_over_http(self, client):
        assert client.get("/present/cleveland?slide=2").status_code == 200


class TestScript:
    def test_keys_click_the_buttons(self):
        script = (ASSETS / "present.js").read_text(encoding="utf-8")
        for key in ("ArrowRight", "ArrowLeft", "PageDown", "PageUp"):
            assert key in script
        assert "present-next-button" in script and "present-previous-button" in script and ".click()" in script

    def test_paging_is_a_named_clientside_function(self, client):
        """Given a strict CSP, then paging is a function in assets (no inline clientside code)."""
        dependencies = client.get("/_dash-dependencies").get_json()
        paging = [c for c in dependencies if "present-counter.children" in c["output"]]
        assert len(paging) == 1 and paging[0]["clientside_function"] == {"namespace": "cdpPresent",
                                                                          "function_name": "page"}
