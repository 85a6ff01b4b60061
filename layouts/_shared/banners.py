"""The banners above every page: demonstration data, internal instance, store unavailable.

The app layout carries them from the start (``shell``), so a page needs no callback to show them
when it arrives; ``callbacks.shell`` draws them again after each move within the app, since a new
release may have landed meanwhile.
"""

from __future__ import annotations

import logging

from dash import html
from sqlalchemy.exc import SQLAlchemyError

from config import get_settings
from data_access.read import current_release
from presentation.blocks import demo_banner

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


def _mode_banners() -> list:
    """The internal instance's banner (none on the public instance)."""
    return [] if get_settings().is_public else [internal_banner()]


def unavailable_banners() -> list:
    """The banners while the store cannot be reached (the internal one stays in internal mode)."""
    return [unavailable_banner(), *_mode_banners()]


def current_banners() -> list:
    """The banners for the newest visible release and this instance's mode.

    The demonstration banner shows exactly when the values shown include demonstration data (a
    demonstration release is visible under the release rule), saying so differently when they sit
    beside real figures; in internal mode a second banner says the instance may show unpublished data.
    When the store cannot be reached the banner says so instead of the page failing.
    """
    try:
        release = current_release()
    except SQLAlchemyError as error:
        log.warning("store unavailable for the banner: %s", error.__class__.__name__)
        return unavailable_banners()
    demo = [demo_banner(beside_real=not release.get("all_demo"))] if release and release.get("any_demo") else []
    return demo + _mode_banners()
