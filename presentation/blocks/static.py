"""Large read-only blocks sent as one piece of HTML instead of hundreds of Dash components.

The Dash renderer walks every component of a callback's answer, and keeps re-walking them: a
partnership's profile and member tables (about 1,200 components between them) held its page
blank for seconds in headless Chromium. A table nobody edits needs none of that, so
``static_html`` writes the same ``dash.html`` tree as markup (every text and attribute escaped)
and ``html_block`` sends it as one ``data-static-html`` attribute of an empty ``html.Div``, which
``assets/static_html.js`` puts in place with the browser's own HTML parser. That parser takes a
millisecond or two for a 150-row table; ``dcc.Markdown`` (the earlier carrier) ran the same markup
through its Markdown parser for tens to hundreds of milliseconds per table, and loaded that parser
first. Pages keep building tables with ``dash.html`` as everywhere else; only the wire format
changes. Links become plain ``<a>`` links (a full page load), which is what a table of links to
other pages wants anyway.

Hand-written rather than a library: no maintained package renders ``dash.html`` components to
markup, and the mapping is a few lines (tag = class name, ``className`` → ``class``, React's
style rules for units). An HTML builder would need this same mapping and then its own render:
measured on a 150-row, 9-column table on the shared 2-core machine, ``markup`` writes it in 7.2 ms
and dominate 2.9.1 alone takes 19.2 ms to render the same table. Escaping is the standard library's
``html.escape``.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from dash import html
from dash.development.base_component import Component

#: React leaves these style properties without a unit; every other number gets "px", as React does.
_UNITLESS = {"fontWeight", "opacity", "zIndex", "flex", "flexGrow", "flexShrink", "lineHeight", "order", "zoom"}
#: Prop names that are not the attribute's own name.
_ATTRIBUTE = {"className": "class", "colSpan": "colspan", "rowSpan": "rowspan", "tabIndex": "tabindex",
              "htmlFor": "for"}
#: Props Dash uses itself, never written out.
_SKIP = {"children", "style", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state",
         "setProps"}
_VOID = {"br", "hr", "img", "col", "wbr"}


def _kebab(name: str) -> str:
    return re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)


def _style(style: dict[str, Any]) -> str:
    parts = []
    for name, value in style.items():
        if isinstance(value, int | float) and not isinstance(value, bool) and value != 0 and name not in _UNITLESS:
            value = f"{value}px"
        parts.append(f"{_kebab(name)}:{value}")
    return ";".join(parts)


def markup(node: Any) -> str:
    """``node`` (a ``dash.html`` component, text, number, list or None) as escaped HTML."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(markup(child) for child in node)
    if not isinstance(node, Component) or node._namespace != "dash_html_components":
        raise TypeError(f"static_html writes dash.html components only, not {type(node).__name__}")
    tag = type(node).__name__.lower()
    attributes = []
    wildcard = [name for name in vars(node) if name.startswith(("aria-", "data-"))]
    for name in [*node._prop_names, *wildcard]:
        value = getattr(node, name, None)
        if name in _SKIP or value is None or value is False:
            continue
        attributes.append(f' {_ATTRIBUTE.get(name, name)}="{escape(str(value), quote=True)}"')
    style = getattr(node, "style", None)
    if style:
        attributes.append(f' style="{escape(_style(style), quote=True)}"')
    element_id = getattr(node, "id", None)
    if isinstance(element_id, str):
        attributes.append(f' id="{escape(element_id, quote=True)}"')
    opening = f"<{tag}{''.join(attributes)}>"
    if tag in _VOID:
        return opening
    return f"{opening}{markup(getattr(node, 'children', None))}</{tag}>"


#: The attribute ``assets/static_html.js`` reads the block's markup from.
STATIC_HTML_ATTRIBUTE = "data-static-html"


def html_block(markup_text: str, *, class_name: str, **props: Any) -> html.Div:
    """Markup (escaped by its writer) as one empty ``html.Div`` the browser fills in itself.

    React never gives the div children, so it leaves what the script puts there alone, and sets the
    attribute again (and the script the content) when a callback sends a new block.
    """
    return html.Div(className=class_name, **{STATIC_HTML_ATTRIBUTE: markup_text}, **props)


def block_markup(node: Any) -> str | None:
    """The markup of an ``html_block`` (None for any other node): what tests read the block from."""
    return getattr(node, STATIC_HTML_ATTRIBUTE, None) if isinstance(node, html.Div) else None


def static_html(component: Component, *, class_name: str | None = None) -> html.Div:
    """``component`` written as markup in one ``html_block``."""
    return html_block(markup(component), class_name=class_name or "static-html")
