"""Presentation mode: every slide comes with the page, then paging between them happens in the browser.

The page's layout builds the slides (``layouts.present.views.deck_view``). Paging is a clientside
function (``assets/present.js``): it shows one slide, updates "n of 12" and writes ``?slide=`` to the
address bar, with no server trip — useful on a meeting room's Wi-Fi.
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, clientside_callback

from layouts._shared.url_state import url_state_id
from layouts.present.parts import CHARTS, COUNT, COUNTER, NEXT, PAGE, PREVIOUS, SLIDE_CHART_TYPE, SLIDE_TYPE

clientside_callback(
    ClientsideFunction(namespace="cdpPresent", function_name="page"),
    Output({"type": SLIDE_TYPE, "index": ALL}, "hidden"),
    Output({"type": SLIDE_CHART_TYPE, "index": ALL}, "children"),
    Output(COUNTER, "children"),
    Output(url_state_id(PAGE), "data"),
    Output(PREVIOUS, "aria-disabled"),
    Output(NEXT, "aria-disabled"),
    Input(PREVIOUS, "n_clicks"),
    Input(NEXT, "n_clicks"),
    Input(COUNT, "data"),
    State(url_state_id(PAGE), "data"),
    State(CHARTS, "data"),
)

