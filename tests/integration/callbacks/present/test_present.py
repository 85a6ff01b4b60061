"""Presentation mode: the slides' view as a plain function, the frame, and the paging script."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from presentation import ids
from tests.support.layout_tree import find, text

HEADING, EXIT, STATUS, DECK, COUNT, CHARTS = range(6)


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


DEATHS_NAME = get_catalogue().metric("drug_misuse_deaths").name


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

    def test_the_status_summary_then_the_local_measures_then_the_england_only_ones(self, cleveland):
        slides = _slides(cleveland[DECK])
        headline = [get_catalogue().metric(m) for o in get_catalogue().outcomes for m in o.headline_metric_ids]
        assert len(slides) == len(headline) + 1 == cleveland[COUNT] == 13
        assert text(slides[0]).startswith("1 of 13 · Status summary")
        names = [find(s, "H2")[0].children for s in slides[1:]]
        local = [m.name for m in headline if m.is_local]
        assert local and names == local + [m.name for m in headline if not m.is_local]
        for slide, name in zip(slides[1:], names, strict=True):
            assert ("England only" in text(slide).split(name)[0]) == (name not in local), name

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

    def test_a_slide_has_value_period_comparison_change_trend_so_what_and_position(self, cleveland):
        slides = _slides(cleveland[DECK])
        index, slide = next((i, s) for i, s in enumerate(slides) if text(find(s, "H2")[0]) == DEATHS_NAME)
        words = text(slide)
        assert words.startswith(f"{index + 1} of 13")
        so_what = [p for p in find(slide, "P") if "present-slide__so-what" in (getattr(p, "className", None) or "")]
        assert len(so_what) == 1 and text(so_what[0]).endswith(".")
        assert any(text(so_what[0]).startswith(w) for w in ("Better than England", "Worse than England",
                                                            "Similar to England", "Not compared"))
        for part in ("per 100,000", "Cleveland, 2022-24", "Compared with England", "England: ",
                     "Change since baseline", "since 2019-21", "Recent trend",
                     "In Cleveland, deaths related to drug misuse were", "Source:"):
            assert part in words, part
        chart = [d for d in find(slide, "Div") if getattr(d, "role", None) == "img"][0]
        assert "In Cleveland, deaths related to drug misuse were" in chart.to_plotly_json()["props"]["aria-label"]

    def test_judgements_are_chips_with_the_themes_symbol_and_a_word(self, cleveland):
        from presentation import theme

        slide = next(s for s in _slides(cleveland[DECK])[1:] if text(find(s, "H2")[0]) == DEATHS_NAME)
        chips = [c for c in find(slide, "Span") if "present-chip" in (getattr(c, "className", None) or "")]
        assert len(chips) == 3  # compared with England, change since baseline, recent trend
        words = [text(c) for c in chips]
        assert words[0].split(" ", 1)[1] in ("Better", "Worse", "Similar", "Not compared")
        assert theme.comparison_style(words[0].split(" ", 1)[1].lower())["symbol"] == words[0].split(" ", 1)[0]

    def test_national_measures_say_england_only(self, cleveland):
        slide = next(s for s in _slides(cleveland[DECK])[1:] if "England only" in text(s))
        words = text(slide)
        assert "There is no Cleveland figure for this measure." in words and "England, " in words
        so_what = [p for p in find(slide, "P") if "present-slide__so-what" in (getattr(p, "className", None) or "")]
        assert text(so_what[0]).startswith("England: ")

    def test_charts_are_static_with_no_mode_bar(self, cleveland):
        graphs = [chart for chart in cleveland[CHARTS] if chart is not None]
        assert len(graphs) == 12
        for graph in graphs:
            assert graph.config["staticPlot"] is True and graph.config["displayModeBar"] is False
            assert graph.config["toImageButtonOptions"]["filename"]
            assert graph.figure.layout.font.size >= 24 and graph.figure.layout.height is None


class TestFrame:
    def test_slide_from_the_link(self, present):
        from layouts.present import page

        store = [s for s in find(page.layout(code="cleveland", slide="5"), "Store")
                 if isinstance(s.id, dict) and s.id.get("page") == ids.PRESENT_URL_STATE][0]
        assert store.data == {"slide": "5"}

    def test_the_page_answers_over_http(self, client):
        assert client.get("/present/cleveland?slide=2").status_code == 200

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

    def test_paging_is_a_named_clientside_function(self, client):
        """Given a strict CSP, then paging is a function in assets (no inline clientside code)."""
        dependencies = client.get("/_dash-dependencies").get_json()
        paging = [c for c in dependencies if "present-counter.children" in c["output"]]
        assert len(paging) == 1 and paging[0]["clientside_function"] == {"namespace": "cdpPresent",
                                                                          "function_name": "page"}
        assert {"id": ids.PRESENT_JUMP, "property": "data"} in paging[0]["inputs"]  # Home / End
