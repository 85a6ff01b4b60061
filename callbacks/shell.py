"""The app frame: mark the current page in the navigation and show the banners every page needs.

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
from layouts._components.shell import navigation

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


@callback(Output(ids.SHELL_NAV, "children"), Output(ids.SHELL_BANNERS, "children"), Input(ids.URL, "pathname"))
def update_shell(pathname: str | None) -> tuple[list, list]:
    """Navigation with the current page marked, and the banners for this data release and mode."""
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
    return navigation(current_path=pathname), banners
