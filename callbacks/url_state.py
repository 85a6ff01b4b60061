"""Write each page's selections to the address bar without re-rendering the page."""

from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, clientside_callback

from presentation import ids

clientside_callback(
    ClientsideFunction(namespace="cdp", function_name="writeQueryString"),
    Output({"type": ids.URL_STATE_TYPE, "page": MATCH}, "modified_timestamp"),
    Input({"type": ids.URL_STATE_TYPE, "page": MATCH}, "data"),
    prevent_initial_call=True,
)
