"""The app frame: the banners every page needs, and the current page marked in the navigation.

The demonstration-data banner appears whenever the newest visible release is generated data; in
internal mode a second banner says the instance may show unpublished data. When the store cannot
be reached the banner says so instead of the page failing.
"""

from __future__ import annotations

import logging

from dash import Input, Output, callback, html
from sqlalchemy.exc import SQLAlchemyError

from config import get_settings
from data_access.read import current_release
from layouts._components import ids
from layouts._components.blocks import demo_banner
from layouts._components.shell import menu

log = logging.getLogger(__name__)


def internal_banner() -> html.Div:
    return html.Div([html.Strong("Internal instance. "),
                     html.Span("This dashboard may show local, unpublished data. Do not share screenshots or "
                               "downloads outside the partnership. "),
                     html.A("Sign out", href="/signout")], role="status", className="internal-banner")


def unavailable_banner() -> html.Div:
    return html.Div([html.Strong("Data temporarily unavailable. "),
                     html.Span("The data store cannot be reached just now; please try again shortly.")],
                    role="alert", className="unavailable-banner")


@callback(Output(ids.SHELL_BANNERS, "children"), Input(ids.URL, "pathname"))
def update_banners(_pathname: str | None) -> list:
    """The banners for this data release and mode, checked again on every page (a new release may have landed)."""
    banners = []
    try:
        release = current_release()
    except SQLAlchemyError as error:
        log.warning("store unavailable for the banner: %s", error.__class__.__name__)
        release, banners = None, [unavailable_banner()]
    if release and release.get("any_demo"):
        banners.append(demo_banner())
    if not get_settings().is_public:
        banners.append(internal_banner())
    return banners


@callback(Output(ids.SHELL_NAV, "children"), Input(ids.URL, "pathname"), prevent_initial_call=True)
def mark_navigation(pathname: str | None) -> html.Div:
    """The menu with the current page marked, after a move within the app.

    The layout marks the page it arrives with (``shell``), so the first call would only redraw the
    same menu; it is skipped.
    """
    return menu(current_path=pathname)
