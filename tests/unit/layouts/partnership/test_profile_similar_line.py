"""The profile's "Similar partnerships: A, B, C…" line: links to each profile and to the comparison."""

from __future__ import annotations

from dash import html

from layouts.partnership.header import similar_line


def links(node) -> list[tuple[str, str]]:
    return [(c.children, c.href) for c in node.children if isinstance(c, html.A)]


def test_names_each_similar_partnership_in_order_with_links():
    line = similar_line("greater-manchester", [("leeds", "Leeds"), ("kent", "Kent")])
    assert links(line)[:2] == [("Leeds", "/partnership/leeds"), ("Kent", "/partnership/kent")]
    assert ("Compare with them", "/compare?highlight=greater-manchester&show=similar") in links(line)
    assert line.children[0] == "Similar partnerships: " and ", " in line.children


def test_no_line_without_a_group():
    assert similar_line("x", []) is None
