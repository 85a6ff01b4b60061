"""Helpers to search a Dash component tree in tests."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from dash import html
from dash.development.base_component import Component

from presentation.blocks.static import block_markup

_PROP = {"class": "className", "colspan": "colSpan", "rowspan": "rowSpan", "tabindex": "tabIndex"}


class _Rebuild(HTMLParser):
    """Markup written by ``blocks.static_html`` back into ``dash.html`` components, so tests read it alike."""

    VOID = {"br", "hr", "img", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict, list]] = [("root", {}, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        props = {_PROP.get(k, k): v for k, v in attrs if k not in ("style", "id")}
        if tag in self.VOID:
            self.stack[-1][2].append(getattr(html, tag.capitalize())(**props))
        else:
            self.stack.append((tag, props, []))

    def handle_endtag(self, tag: str) -> None:
        name, props, children = self.stack.pop()
        if not hasattr(html, name.capitalize()):  # drawing elements (svg, polyline, path): no dash.html twin
            self.stack[-1][2].extend(children)
            return
        only_text = len(children) == 1 and isinstance(children[0], str)  # as Dash code writes a text child
        self.stack[-1][2].append(getattr(html, name.capitalize())(children=children[0] if only_text else children,
                                                                  **props))

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(data)


def rebuilt(markup: str) -> list[Any]:
    """The components an ``html_block``'s markup was written from (ids and styles left out)."""
    parser = _Rebuild()
    parser.feed(markup)
    parser.close()
    return parser.stack[0][2]


def walk(node: Any) -> Iterator[Any]:
    """Every component under ``node`` (depth first, including ``node``)."""
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)
        return
    if block_markup(node) is not None:
        yield node
        yield from walk(rebuilt(block_markup(node)))
        return
    if isinstance(node, Component):
        yield node
        yield from walk(getattr(node, "children", None))


def find(node: Any, kind: str, **props: Any) -> list[Any]:
    """Components of type ``kind`` (e.g. "Th") whose props equal ``props`` (use aria_x for aria-x)."""
    found = []
    for component in walk(node):
        if type(component).__name__ != kind:
            continue
        if all(getattr(component, name.replace("_", "-") if name.startswith(("aria_", "data_")) else name, None)
               == value for name, value in props.items()):
            found.append(component)
    return found


def text(node: Any) -> str:
    """All string children under ``node``, joined by single spaces."""
    parts = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, (int, float)):
            parts.append(str(value))
        elif isinstance(value, (list, tuple)):
            for item in value:
                collect(item)
        elif block_markup(value) is not None:
            collect(rebuilt(block_markup(value)))
        elif isinstance(value, Component):
            collect(getattr(value, "children", None))

    collect(node)
    return " ".join(p.strip() for p in parts if p.strip())
