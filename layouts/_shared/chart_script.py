"""Pages with charts load the app's own plotly.js with the page rather than when their first chart mounts.

The app draws three trace types (scatter, bar, choropleth), so it serves a plotly.js bundle holding
only those and the layout parts its figures use (``assets/plotly-cdp.min.js``, 1.1 MB; built by
``build/plotly/``) rather than the full one dcc would load (4.8 MB, 1.4 MB compressed): less to fetch,
and a quarter as much to compile before the first chart. ``dcc.Graph`` uses ``window.Plotly`` when it is set and only otherwise fetches its own.

``dcc.Graph`` loads plotly.js (the largest script by far) only once a graph is on the page:
after the scripts, the layout and the first callbacks have run, so its download and compilation come
last, just before the first chart. Pages that draw charts (``dash.register_page(..., charts=True)``)
name it in their HTML instead, as a ``defer`` script, so it is fetched while the other scripts run
and compiled before the layout arrives. Pages without charts do not load it at all: compiling it
would only delay them. ``assets/plotly_early.js`` makes ``dcc.Graph`` wait for this script rather
than add its own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from layouts._shared.page_head import add_to_head, path_prefix, registered_page
from presentation import ids

#: The app's plotly.js bundle in ``assets/``. ``app.py`` keeps Dash from adding it to every page.
PLOTLY_ASSET = "plotly-cdp.min.js"
#: The file itself, built by ``build/plotly/build.mjs``.
PLOTLY_FILE = Path(__file__).resolve().parents[2] / "assets" / PLOTLY_ASSET


def _fingerprint(path: Path) -> str:
    """The start of the file's sha256: its address changes with its content, so browsers may keep it a year."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


#: Where pages load plotly.js from: fingerprinted like Dash's own asset addresses (``?m=``), so
#: ``web.routes.cache_fingerprinted_assets`` lets browsers keep it.
PLOTLY_PATH = f"assets/{PLOTLY_ASSET}?m={_fingerprint(PLOTLY_FILE)}"
#: The part of dcc that draws a graph, which dcc loads only once a graph has rendered (a webpack chunk).
GRAPH_CHUNK_PATH = "_dash-component-suites/dash/dcc/async-graph.js"


def draws_charts(path: str) -> bool:
    """Whether the page at ``path`` (as requested, with any prefix) was registered with ``charts=True``."""
    return bool(registered_page(path)[0].get("charts"))


def chart_script(prefix: str = "/") -> str:
    """plotly.js as a deferred script, and a preload of dcc's graph chunk.

    The chunk's address carries no version, so the browser checks it with the server on every visit:
    asked for with the page, that check happens while the scripts load rather than after the layout.
    """
    return (f'<script id="{ids.PLOTLY_EARLY_SCRIPT}" defer src="{prefix}{PLOTLY_PATH}"></script>'
            f'<link rel="preload" as="script" href="{prefix}{GRAPH_CHUNK_PATH}">')


def with_chart_script(index_html: str) -> str:
    """The page's HTML, with plotly.js named in its head when the requested page draws charts.

    A ``dash.hooks.index`` hook: Dash calls it for each HTML page it serves, in the request.
    """
    from flask import request

    return add_to_head(index_html, chart_script(path_prefix())) if draws_charts(request.path) else index_html
