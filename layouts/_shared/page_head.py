"""What the index hooks of ``chart_script`` and ``first_view`` share: the page registered for a path,
the app's path prefix, and adding markup to the head of the page's HTML.

The page for a path is found in the public ``dash.page_registry`` the way Dash's router finds it
(in registration order, a ``path_template`` before the page's own path), so the page the server
builds is the one the router would; ``tests/integration/layouts/_shared/test_first_view.py`` checks them against each other.
"""

from __future__ import annotations

import re
from typing import Any

import dash


def registered_page(path: str) -> tuple[dict[str, Any], dict[str, str] | None]:
    """The page record Dash's router finds for ``path`` (with any prefix) and its path variables; ``{}`` if none."""
    path_id = dash.get_app().strip_relative_path(path) or ""
    for page in dash.page_registry.values():
        template = page.get("path_template")
        if template:
            variables = path_variables(path_id, template.strip("/"))
            if variables:
                return page, variables
        if path_id == page["path"].strip("/"):
            return page, None
    return {}, None


def path_variables(path_id: str, template: str) -> dict[str, str] | None:
    """The variables of ``template`` (``partnership/<code>``) in ``path_id``, or None when it does not match."""
    parts = re.split(r"<(.*?)>", template)  # static text, then a name, then static text …
    pattern = "".join(re.escape(part) if i % 2 == 0 else "(.*)" for i, part in enumerate(parts))
    match = re.fullmatch(pattern, path_id)
    return dict(zip(parts[1::2], match.groups(), strict=True)) if match else None


def path_prefix() -> str:
    """The prefix the browser puts before the app's own addresses (``requests_pathname_prefix``)."""
    return dash.get_app().config.requests_pathname_prefix or "/"


def add_to_head(index_html: str, markup: str) -> str:
    """``index_html`` with ``markup`` at the end of its head (unchanged when it has no head)."""
    return index_html.replace("</head>", f"    {markup}\n    </head>", 1)
