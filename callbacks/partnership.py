"""Partnership pages: the profile's CSV download, the picker, and the list.

The profile itself comes with the page: its layout builds it from the code in the path
(``layouts.partnership.views.profile_view``), and nothing on the page changes the code, so no
callback redraws it; picking another partnership opens that partnership's page.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc

from data_access.geography import ENGLAND
from layouts._shared.links import partnership_href
from layouts.partnership.data import find_partnership
from layouts.partnership.views import partnership_list_view, profile_csv_view
from presentation import ids


@dash.callback(
    Output(ids.PARTNERSHIP_DOWNLOAD, "data"),
    Input(ids.PARTNERSHIP_DOWNLOAD_BUTTON, "n_clicks"),
    State(ids.PARTNERSHIP_CODE, "data"),
    prevent_initial_call=True,
)
def download_profile(n_clicks: int | None, code: str | None) -> dict | None:
    """The profile table and the members' values as one tidy CSV."""
    csv = profile_csv_view(code) if n_clicks else None
    if csv is None:
        return dash.no_update
    text, file_name = csv
    return dcc.send_string(text, file_name, type="text/csv")


@dash.callback(
    Output(ids.URL, "pathname", allow_duplicate=True),
    Input(ids.PARTNERSHIP_AREA, "value"),
    prevent_initial_call=True,
)
def go_to_partnership(value: str | None) -> str:
    """A picked partnership or authority opens its partnership's profile; England opens the overview."""
    if not value:
        return dash.no_update
    if value == ENGLAND:
        return "/"
    row, _ = find_partnership(value)
    return partnership_href(row["code"]) if row else dash.no_update


@dash.callback(Output(ids.PARTNERSHIP_LIST, "children"), Input(ids.PARTNERSHIP_LIST_FILTER, "value"))
def render_list(text: str | None) -> list:
    """All partnerships (or those matching the filter) as a table."""
    return partnership_list_view(text)
