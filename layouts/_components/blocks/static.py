"""Large read-only blocks sent as one piece of HTML instead of hundreds of Dash components.

The Dash renderer walks every component of a callback's answer, and keeps re-walking them: a
partnership's profile and member tables (about 1,200 components between them) held its page
blank for seconds in headless Chromium. A table nobody edits needs none of that, so
``static_html`` writes the same ``dash.html`` tree as markup (every text and attribute escaped)
inside a single ``dcc.Markdown``. Pages keep building tables with ``dash.html`` as everywhere
else; only the wire format changes. Links become plain ``<a>`` links (a full page load), which
is what a table of links to other pages wants anyway.

Hand-written rather than a library: no maintained package renders ``dash.html`` components to
markup, and the mapping is a few lines (tag = class name, ``className`` → ``class``, React's
style rules for units).
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from dash import dcc
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


def static_html(component: Component, *, class_name: str | None = None) -> dcc.Markdown:
    """``component`` as one ``dcc.Markdown`` of raw HTML (one line: a blank line would end the HTML block)."""
    text = markup(component).replace("\n", " ")
    return dcc.Markdown(text, dangerously_allow_html=True, className=class_name or "static-html")
