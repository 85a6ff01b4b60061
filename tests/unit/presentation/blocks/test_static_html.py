"""Read-only blocks written as HTML: same elements and words, every text and attribute escaped."""

from __future__ import annotations

import pytest
from dash import dcc, html

from presentation.blocks import static_html
from presentation.blocks.static import block_markup, markup
from tests.support.layout_tree import find, text


def test_tags_classes_attributes_and_styles_follow_react():
    cell = html.Td(html.Span("3", **{"aria-hidden": "true"}), className="num", colSpan=2,
                   style={"left": 0, "width": 2, "fontWeight": 700, "borderLeft": "6px solid red"})
    assert markup(cell) == ('<td class="num" colspan="2" style="left:0;width:2px;font-weight:700;'
                            'border-left:6px solid red"><span aria-hidden="true">3</span></td>')


def test_text_and_attributes_are_escaped():
    link = html.A('<script>alert("x")</script>', href='/a?b=1&c="2"')
    assert markup(link) == ('<a href="/a?b=1&amp;c=&quot;2&quot;">&lt;script&gt;alert(&quot;x&quot;)'
                            '&lt;/script&gt;</a>')


def test_a_table_round_trips_for_readers_and_tests():
    table = html.Table([html.Caption("Members"), html.Tbody(html.Tr([html.Th("Bolton", scope="row"),
                                                                     html.Td([html.Em("No data"), None])]))],
                       className="data-table")
    block = static_html(table)
    assert isinstance(block, html.Div) and block.children is None
    assert block_markup(block).startswith('<table class="data-table"><caption>Members</caption>')
    assert [th.children for th in find(block, "Th", scope="row")] == ["Bolton"]
    assert text(block) == "Members Bolton No data"


def test_components_other_than_html_are_refused():
    with pytest.raises(TypeError):
        markup(html.Div(dcc.Graph()))
