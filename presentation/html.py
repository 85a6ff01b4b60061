"""Large tables as one escaped HTML string in one ``blocks.html_block``, instead of thousands of Dash components.

Why: every Dash component is a React element wrapped and subscribed to the renderer's store, so
the compare page's tables (125 partnerships × up to 9 columns, plus the funnel table) came to
about 4,000 components. Measured in headless Chromium on the shared 2-core machine, one
1,100-component table blocked the page's main thread for 6–10 s; the same table as a single
HTML string rendered with no measurable block. The HTML is the same accessible ``<table>``
(caption, ``th scope``, ``title``, ``aria-hidden`` glyphs); every text and attribute is escaped
here, so nothing read from the store can inject markup.

Hand-written ``tag``/``esc`` rather than a library, measured on a 150-row, 9-column table (1,350
escaped cells with attributes, 53.6 KB) on the shared 2-core machine: these functions take 5.3 ms;
dominate 2.9.1 writes the same bytes in 19.2 ms (3.6 times as long, on every compare-page answer);
markupsafe's ``escape`` in place of the standard library's ``html.escape`` took 7.7 ms, since its
``Markup`` results are turned back into ``str`` for Dash. The escaping itself is the standard
library's; what is ours is the 15 lines that join tags and attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from dash import html

from presentation.blocks.static import html_block


def esc(text: Any) -> str:
    """Text made safe for HTML content and attribute values (line breaks become spaces, so every cell reads
    as one line)."""
    return escape("" if text is None else re.sub(r"[\r\n]+", " ", str(text)), quote=True)


def _css_name(key: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), key)


def _style(style: Mapping[str, Any]) -> str:
    return ";".join(f"{_css_name(key)}:{value}" for key, value in style.items() if value is not None)


def tag(name: str, content: str | Iterable[str] = "", **attrs: Any) -> str:
    """``<name attrs>content</name>``; ``content`` must already be HTML (use ``esc`` for text).

    Attribute names: ``class_`` → ``class``, underscores → hyphens (``aria_hidden``); a ``style``
    dict is written as CSS; None and False values are left out.
    """
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr = "class" if key == "class_" else key.rstrip("_").replace("_", "-")
        text = _style(value) if attr == "style" and isinstance(value, Mapping) else value
        parts.append(f' {attr}="{esc(text)}"')
    body = content if isinstance(content, str) else "".join(content)
    return f"<{name}{''.join(parts)}>{body}</{name}>"


def line(content: str, **attrs: Any) -> str:
    """A block-level line inside a cell (a span shown as a block, so each line can carry its own attributes)."""
    style = {"display": "block", **attrs.pop("style", {})}
    return tag("span", content, style=style, **attrs)


def html_table(caption: str, head: Iterable[str], rows: Iterable[str], *, class_name: str = "data-table",
               component_id: str | None = None) -> html.Div:
    """A ``<table>`` with an escaped caption, the given header cells and rows (already HTML), as one component."""
    markup = tag("table", [tag("caption", esc(caption)), tag("thead", tag("tr", head)), tag("tbody", rows)],
                 class_=class_name)
    kwargs = {"id": component_id} if component_id else {}
    return html_block(markup, class_name="html-table", **kwargs)
