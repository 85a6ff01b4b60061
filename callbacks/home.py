"""The overview's one data callback: the chosen area → every outcome card and headline tile.

The overview is a view of the picker's value and the URL state (``layouts.home.views.overview_view``);
the callback only places it.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State

from layouts._shared.url_state import url_state_id
from layouts.home.views import overview_view
from presentation import ids


@dash.callback(
    Output(ids.HOME_OUTCOMES, "children"),
    Output(ids.HOME_SUMMARY, "children"),
    Output(ids.HOME_STATUS, "children"),
    Output(ids.HOME_AREA, "options"),
    Output(ids.HOME_AREA, "value"),
    Output(url_state_id(ids.HOME_URL_STATE), "data"),
    Input(ids.HOME_AREA, "value"),
    State(url_state_id(ids.HOME_URL_STATE), "data"),
)
def update_overview(value: str | None, state: dict | None) -> tuple:
    """Picker value (or, on page load, the URL's ``area``) → cards, heading, message, options, value, URL state.

    The picker starts empty with no options (layouts read no data), so an empty value means "page
    load": take the area from the URL and send the options once; later picks re-use them.
    """
    return tuple(overview_view(value, state))
