"""Pages with charts load plotly.js with the page rather than when their first chart mounts.

``dcc.Graph`` loads plotly.js (4.6 MB, the largest script by far) only once a graph is on the page:
after the scripts, the layout and the first callbacks have run, so its download and compilation come
last, just before the first chart. Pages that draw charts (``dash.register_page(..., charts=True)``)
name it in their HTML instead, as a ``defer`` script, so it is fetched while the other scripts run
and compiled before the layout arrives. Pages without charts do not load it at all: compiling it
would only delay them. ``assets/plotly_early.js`` makes ``dcc.Graph`` wait for this script rather
than add its own.
"""

from __future__ import annotations

from dash import _pages

#: Where ``dcc.Graph`` loads plotly.js from when served locally (the renderer's ``window._dashPlotlyJSURL``),
#: so both use one address and one cache entry.
PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
SCRIPT_ID = "plotly-early"


def draws_charts(path: str) -> bool:
    """Whether the page at ``path`` (as requested, with any prefix) was registered with ``charts=True``."""
    import dash

    page, _ = _pages._path_to_page(dash.get_app().strip_relative_path(path))
    return bool(page.get("charts"))


def chart_script(prefix: str = "/") -> str:
    return f'<script id="{SCRIPT_ID}" defer src="{prefix}{PLOTLY_PATH}"></script>'


def with_chart_script(index_html: str) -> str:
    """The page's HTML, with plotly.js named in its head when the requested page draws charts.

    A ``dash.hooks.index`` hook: Dash calls it for each HTML page it serves, in the request.
    """
    import dash
    from flask import request

    if not draws_charts(request.path) or "</head>" not in index_html:
        return index_html
    prefix = dash.get_app().config.requests_pathname_prefix or "/"
    return index_html.replace("</head>", f"    {chart_script(prefix)}\n    </head>", 1)
