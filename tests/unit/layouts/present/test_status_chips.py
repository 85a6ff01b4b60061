"""A slide's status chips take the theme's better / similar / worse colours with a symbol and a word, so they read
in black and white; an unjudged chip is plain, never the brand blue."""

from __future__ import annotations

import pytest

from layouts.present.facts import chip
from presentation import theme
from presentation.status_words import Cell


@pytest.mark.parametrize("label", ["better", "similar", "worse"])
def test_a_judged_chip_has_the_themes_colour_symbol_and_word(label):
    style = theme.comparison_style(label)
    span = chip(Cell(label.capitalize(), style["symbol"], style["colour"], style["text_colour"]))
    assert span.style["backgroundColor"] == style["colour"] and span.style["color"] == style["text_colour"]
    symbol, word = span.children
    assert symbol.children.strip() == style["symbol"] and word == label.capitalize()
    assert symbol.to_plotly_json()["props"]["aria-hidden"] == "true"  # a screen reader hears the word alone


def test_the_three_judgements_differ_and_none_is_the_brand_blue():
    colours = [chip(Cell(k, theme.comparison_style(k)["symbol"], theme.comparison_style(k)["colour"]))
               .style["backgroundColor"] for k in ("better", "similar", "worse")]
    assert len(set(colours)) == 3 and theme.BRAND not in colours


def test_an_unjudged_chip_is_plain():
    span = chip(Cell("Not enough data"))
    assert "backgroundColor" not in span.style and span.children == ["Not enough data"]
