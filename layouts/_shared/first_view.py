"""The page a link opens, built into the app layout so that its charts are asked for at once.

With Dash pages, a page's content normally arrives by callback. The browser loads the app layout
(the shell), the page container's location reports the URL, and Dash's router answers with the
page. That is one more round trip and one more render before any of the page's own callbacks can
start. The browser's layout request names the page it is opening (``assets/page_request.js``
adds ``?page=<path and query>``), so the shell can hold that page from the start.

The container's location is given the same path and query as the browser's, so on mounting it
has nothing to report and the router stays quiet; it answers later navigation as before. Without
the parameter, for an address no page has (the 404 page), or when the page cannot be built, the
container is Dash's own and the router fills it exactly as it always did. The page is built by
what the router would call, with the same arguments: the page module's layout function, which builds
the page's first chart with the view functions its callbacks call (``docs/performance.md``). The
container has the parts of the public ``dash.page_container``, with the same ids.

The page's HTML also asks the browser to fetch that layout request, and the callback map, while
its scripts load (``with_preloads``), so the renderer finds both answered when it asks for them.
"""

from __future__ import annotations

import logging
from html import escape
from typing import Any
from urllib.parse import parse_qs, quote

import dash
from dash import dcc, html

from layouts._shared.page_head import add_to_head, path_prefix, registered_page

log = logging.getLogger(__name__)

#: The layout request's parameter naming the page being opened.
PAGE_PARAMETER = "page"
#: Characters ``encodeURIComponent`` leaves as they are (besides letters and digits).
URI_COMPONENT_SAFE = "-_.!~*'()"
#: Longer addresses are left to the router (a browser sends what it was given; nothing real is this long).
MAX_PAGE_LENGTH = 4096
#: The ids of the parts of Dash's page container (location, content, title store, dummy), which its router
#: reads and writes: taken from the public ``dash.page_container`` itself.
LOCATION_ID, CONTENT_ID, STORE_ID, DUMMY_ID = (part.id for part in dash.page_container.children)


def browser_address() -> str:
    """The path and query of the current request as the browser has them (``location.pathname + search``)."""
    from flask import request

    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if not raw:
        query = request.query_string.decode("latin-1")
        raw = quote(request.path) + (f"?{query}" if query else "")
    return raw.rstrip("?")


def layout_request(prefix: str, page: str) -> str:
    """The layout request ``assets/page_request.js`` makes for ``page`` (it encodes as ``encodeURIComponent``)."""
    return f"{prefix}_dash-layout?{PAGE_PARAMETER}={quote(page, safe=URI_COMPONENT_SAFE)}"


def with_preloads(index_html: str) -> str:
    """The page's HTML, asking the browser to fetch the layout and the callback map while the scripts load.

    A ``dash.hooks.index`` hook. The renderer asks for both only once its scripts have run (0.2 s warm,
    0.5 s or more cold); a preload with the same address, mode and credentials is answered from what
    the browser already fetched. Should the browser's address read differently (an unusual encoding),
    the preload is simply not used.
    """
    prefix = path_prefix()
    links = "".join(f'<link rel="preload" href="{escape(href)}" as="fetch" crossorigin="anonymous">'
                    for href in (layout_request(prefix, browser_address()), f"{prefix}_dash-dependencies"))
    return add_to_head(index_html, links)


def requested_page() -> str | None:
    """The ``page`` parameter of the current request, if there is a request and it has one."""
    from flask import has_request_context, request

    if not has_request_context():
        return None
    page = request.args.get(PAGE_PARAMETER)
    return page if page and page.startswith("/") and len(page) <= MAX_PAGE_LENGTH else None


def split_address(page: str) -> tuple[str, str]:
    """``page`` (path and query) as ``location.pathname`` and ``location.search`` read it."""
    pathname, _, query = page.partition("?")
    return pathname, f"?{query}" if query else ""


def page_container(page: str | None = None) -> html.Div:
    """Dash's page container, holding the page at ``page`` (path and query) when it can be built."""
    if page is None:
        return dash.page_container
    pathname, search = split_address(page)
    try:
        built = build_page(pathname, search)
    except Exception:  # the router will build it (and report any error) as it always did
        log.exception("could not build %s for the first view; leaving it to the router", pathname)
        built = None
    if built is None:
        return dash.page_container
    layout, title = built
    return html.Div([
        dcc.Location(id=LOCATION_ID, refresh="callback-nav", pathname=pathname, search=search),
        html.Div(layout, id=CONTENT_ID, disable_n_clicks=True),
        dcc.Store(id=STORE_ID, data={"title": title}),
        html.Div(id=DUMMY_ID, disable_n_clicks=True),
    ])


def build_page(pathname: str, search: str) -> tuple[Any, str] | None:
    """The layout and title Dash's router would answer for this address, or ``None`` for no page."""
    page, path_variables = registered_page(pathname)
    if not page:
        return None
    arguments = {**(path_variables or {}), **query_arguments(search)}
    layout = page.get("layout", "")
    if callable(layout):
        layout = layout(**arguments)
    title = page["title"]
    if callable(title):
        title = title(**(path_variables or {}))
    return layout, title


def query_arguments(search: str) -> dict[str, Any]:
    """The layout function's keyword arguments for ``search`` as Dash's router gives them: a parameter's
    value, or the list of its values when it is repeated (blank values kept)."""
    if not search.startswith("?"):
        return {}
    parsed = parse_qs(search[1:], keep_blank_values=True)
    return {key: values[0] if len(values) == 1 else values for key, values in parsed.items()}
