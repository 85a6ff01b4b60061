"""The app frame after a move within the app: the banners again, and the new page marked in the menu.

The layout arrives with both (``layouts._shared.shell``), so neither callback runs when a page is
first opened.
"""

from __future__ import annotations

from dash import Input, Output, callback, html

from layouts._shared.banners import current_banners
from layouts._shared.shell import menu
from presentation import ids


@callback(Output(ids.SHELL_BANNERS, "children"), Input(ids.URL, "pathname"), prevent_initial_call=True)
def update_banners(_pathname: str | None) -> list:
    """The banners, checked again on every move (a new release may have landed since the page was opened)."""
    return current_banners()


@callback(Output(ids.SHELL_NAV, "children"), Input(ids.URL, "pathname"), prevent_initial_call=True)
def mark_navigation(pathname: str | None) -> html.Div:
    """The menu with the current page marked, after a move within the app.

    The layout marks the page it arrives with (``shell``), so the first call would only redraw the
    same menu; it is skipped.
    """
    return menu(current_path=pathname)
