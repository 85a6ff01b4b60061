"""Helpers to search a Dash component tree in tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component


def walk(node: Any) -> Iterator[Any]:
    """Every component under ``node`` (depth first, including ``node``)."""
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)
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
        elif isinstance(value, Component):
            collect(getattr(value, "children", None))

    collect(node)
    return " ".join(p.strip() for p in parts if p.strip())
