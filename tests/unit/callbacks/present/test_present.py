"""Presentation mode: the slides' view as a plain function, the frame, and the paging script."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
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
    return [c for c in find(deck, "Section")
            if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == "present-slide"]


class TestDeck:
    def test_the_status_summary_then_one_slide_per_headline_measure_in_outcome_order(self, cleveland):
        slides = _slides(cleveland[DECK])
        headline = [m for o in get_catalogue().outcomes for m in o.headline_metric_ids]
        assert len(slides) == len(headline) + 1 == cleveland[COUNT] == 13
        assert text(slides[0]).startswith("1 of 13 · Status summary")
        names = [find(s, "H2")[0].children for s in slides[1:]]
        assert names == [get_catalogue().metric(m).name for m in headline]

    def test_only_the_requested_slide_is_shown(self, cleveland):
        assert [s.hidden for s in _slides(cleveland[DECK])] == [i != 2 for i in range(13)]

    def test_only_the_shown_slide_has_its_chart_drawn(self, cleveland):
        """Given slide 3 asked for, then the deck holds its chart alone; paging draws the others from the store."""
        chart_boxes = [c for c in find(cleveland[DECK], "Div") if isinstance(getattr(c, "id", None), dict)
                       and c.id.get("type") == "present-slide-chart"]
        assert len(chart_boxes) == 13
        assert [box.children is not None for box in chart_boxes] == [i == 2 for i in range(13)]
        assert find(chart_boxes[2], "Graph")[0].figure is cleveland[CHARTS][2].figure

    def test_heading_and_exit_link(self, cleveland):
        assert cleveland[HEADING] == "Cleveland: headline measures" and cleveland[EXIT] == "/partnership/cleveland"

    def test_a_slide_has_value_period_comparison_change_trend_summary_and_position(self, cleveland):
        slide = _slides(cleveland[DECK])[5]  # drug misuse deaths: local
        words = text(slide)
        assert words.startswith("6 of 13")
        for part in ("per 100,000", "Cleveland, 2022-24", "than England (England:", "since the 2019-21 baseline",
                     "Recent trend:", "In Cleveland, deaths related to drug misuse were", "Source:"):
            assert part in words, part

    def test_national_measures_say_england_only(self, cleveland):
        words = text(_slides(cleveland[DECK])[1])
        assert "England only: there is no partnership figure" in words and "In England," in words

    def test_charts_are_static_with_no_mode_bar(self, cleveland):
        graphs = [chart for chart in cleveland[CHARTS] if chart is not None]
        assert len(graphs) == 12
        for graph in graphs:
            assert graph.config["staticPlot"] is True and graph.config["displayModeBar"] is False
            assert graph.config["toImageButtonOptions"]["filename"]
            assert graph.figure.layout.font.size >= 17





class TestFrame:

    @pytest.mark.parametrize("raw", ["0", "14", "two", "-1"])
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



class TestScript:
    def test_keys_click_the_buttons(self):
        script = (ASSETS / "present.js").read_text(encoding="utf-8")
        for key in ("ArrowRight", "ArrowLeft", "PageDown", "PageUp"):
            assert key in script
        assert "present-next-button" in script and "present-previous-button" in script and ".click()" in script

