"""What the index hooks of ``chart_script`` and ``first_view`` share: the page registered for a path,
the app's path prefix, and adding markup to the head of the page's HTML."""

from __future__ import annotations

from typing import Any

import dash
from dash import _pages


def registered_page(path: str) -> tuple[dict[str, Any], dict[str, str] | None]:
    """The page record Dash's router finds for ``path`` (with any prefix) and its path variables; ``{}`` if none."""
    return _pages._path_to_page(dash.get_app().strip_relative_path(path))


def path_prefix() -> str:
    """The prefix the browser puts before the app's own addresses (``requests_pathname_prefix``)."""
    return dash.get_app().config.requests_pathname_prefix or "/"


def add_to_head(index_html: str, markup: str) -> str:
    """``index_html`` with ``markup`` at the end of its head (unchanged when it has no head)."""
    return index_html.replace("</head>", f"    {markup}\n    </head>", 1)
