"""The frame around every page: skip link, header and navigation, banners, main landmark, footer.

The navigation is built from ``dash.page_registry`` so routes and menu cannot drift apart; a page
appears in it when it registers ``nav=<label>`` (or ``nav=True``) or an explicit ``order``, and
``nav=False`` hides it. On narrow screens the menu collapses into a native ``<details>``
disclosure, which works by keyboard and screen reader with no callback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import dash
from dash import dcc, html
from flask import has_request_context

from layouts._shared.banners import current_banners
from layouts._shared.first_view import page_container, requested_page, split_address
from presentation import ids
from presentation.blocks.static import html_block, markup

SERVICE_NAME = "Combating Drugs Outcomes"
ATTRIBUTION = (
    "Contains data from the Office for National Statistics licensed under the Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right 2024."
)
FOOTER_LINKS = (
    ("About", "/about"),
    ("Accessibility", "/accessibility"),
    ("Metric definitions", "/definitions"),
    ("Download data", "/download"),
)
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

#: The HTML page Dash serves (``Dash(index_string=...)``): Dash's own template with the page language
#: (WCAG 3.1.1: screen readers pronounce the text as English) and without Dash's ``<footer>`` around the
#: scripts, which would be a second, empty "contentinfo" landmark beside the site footer.
INDEX_STRING = """<!DOCTYPE html>
<html lang="en-GB">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


def nav_pages(pages: Iterable[Mapping[str, Any]] | None = None) -> list[tuple[str, str]]:
    """``(label, href)`` of the pages that belong in the main menu, in registry order.

    Pages with a path template (``/partnership/<code>``) are reached from other pages, not the menu.
    """
    registry = list(dash.page_registry.values()) if pages is None else list(pages)
    items = []
    for page in registry:
        nav = page.get("nav")
        if nav is False:
            continue
        if not nav and page.get("supplied_order", page.get("order")) is None:
            continue
        href = page.get("relative_path") or page.get("path") or "/"
        if "<" in href:
            continue
        label = nav if isinstance(nav, str) else page.get("name", href)
        items.append((str(label), href))
    return items


def nav_list(items: list[tuple[str, str]], current_path: str | None = None) -> html.Ul:
    """The menu links; the current page is marked with ``aria-current="page"``."""
    links = []
    for label, href in items:
        current = {"aria-current": "page"} if current_path is not None and href == current_path else {}
        links.append(html.Li(html.A(label, href=href, className="site-nav__link", **current),
                             className="site-nav__item"))
    return html.Ul(links, className="site-nav__list")


def navigation(pages: Iterable[Mapping[str, Any]] | None = None, current_path: str | None = None) -> list[Any]:
    """Children of the nav landmark: the wide-screen list and the narrow-screen "Menu" disclosure.

    Exactly one is displayed at any width (CSS), so assistive technology meets one menu. ``menu``
    sends it as one static block.
    """
    items = nav_pages(pages)
    return [
        html.Div(nav_list(items, current_path), className="site-nav__wide"),
        html.Details([html.Summary("Menu", className="site-nav__toggle"), nav_list(items, current_path)],
                     className="site-nav__narrow"),
    ]


#: The class of the shell's static blocks (``assets/theme.css`` lays them out as if their content stood in
#: their place).
STATIC_CLASS = "shell-static"


def static_part(node: Any) -> html.Div:
    """A part of the frame nobody edits (menu, footer), sent as one block of HTML.

    The Dash renderer re-checks every component on each update of a page, and the menu and footer
    were 65 of the outcome page's 214 components. As markup they are one (``blocks.static``).
    """
    return html_block(markup(node), class_name=STATIC_CLASS)


def menu(pages: Iterable[Mapping[str, Any]] | None = None, current_path: str | None = None) -> html.Div:
    """The navigation landmark's content with ``current_path`` marked, as one static block."""
    return static_part(navigation(pages, current_path))


def header(pages: Iterable[Mapping[str, Any]] | None = None, current_path: str | None = None) -> html.Header:
    """Service name (links home) and the main navigation, with ``current_path`` marked."""
    return html.Header(html.Div([
        html.A(SERVICE_NAME, href="/", className="site-header__service"),
        html.Nav(menu(pages, current_path), id=ids.SHELL_NAV, className="site-nav", **{"aria-label": "Main"}),
    ], className="site-header__inner container-lg"), className="site-header")


def footer() -> html.Footer:
    """Support links, the data attribution and the licence (one static block)."""
    return html.Footer(static_part(html.Div([
        html.Nav(html.Ul([html.Li(html.A(label, href=href)) for label, href in FOOTER_LINKS],
                         className="site-footer__links"), **{"aria-label": "Support links"}),
        html.P(ATTRIBUTION, className="site-footer__attribution"),
        html.P(["All content is available under the ", html.A("Open Government Licence v3.0", href=OGL_URL),
                ", except where otherwise stated."], className="site-footer__licence"),
    ], className="container-lg")), className="site-footer")


def address_bar(page: str | None) -> dcc.Location:
    """The app's location, already holding ``page`` (the browser's path and query) when it is known.

    A location that starts empty sets its path when it mounts, and that counts as a move: every
    callback listening to it would run at once, to draw what the layout already shows.
    """
    if page is None:
        return dcc.Location(id=ids.URL, refresh="callback-nav")
    pathname, search = split_address(page)
    return dcc.Location(id=ids.URL, refresh="callback-nav", pathname=pathname, search=search)


def shell(*, banners: Any = None, pages: Iterable[Mapping[str, Any]] | None = None,
          page: str | None = None) -> html.Div:
    """The app layout: location, skip link, header, banner slot, main (page container), footer.

    Args:
        banners: content of the banner slot (``ids.SHELL_BANNERS``); by default, when serving a request,
            the current release's (``banners.current_banners``), so no callback need fill it on arrival.
        pages: page records to build the menu from (tests); defaults to ``dash.page_registry``.
        page: path and query of the page to hold from the start (``first_view``); by default the one the
            layout request names, if any. Its menu entry is marked as the current page, so the navigation
            callback need not redraw the menu when the page arrives.
    """
    page = page or requested_page()
    if banners is None and has_request_context():
        banners = current_banners()
    return html.Div([
        address_bar(page),
        dcc.Store(id=ids.SHELL_FILTER_STORE, storage_type="session"),
        html.A("Skip to main content", href=f"#{ids.MAIN}", className="skip-link"),
        header(pages, current_path=split_address(page)[0] if page else None),
        html.Main([
            html.Div(banners, id=ids.SHELL_BANNERS, className="site-banners"),
            page_container(page),
        ], id=ids.MAIN, tabIndex=-1, className="site-main container-lg"),
        footer(),
    ], className="site")
