"""Presentation mode: every slide comes with the page, then paging between them happens in the browser.

The page's layout builds the slides (``layouts.present.views.deck_view``). Paging is a clientside
function (``assets/present.js``), run by the Previous / Next buttons and by the Home / End keys (through
the jump store): it shows one slide, updates "n of 12" and writes ``?slide=`` to the address bar, with no
server trip — useful on a meeting room's Wi-Fi.
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State, clientside_callback

from layouts._shared.url_state import url_state_id
from presentation import ids

clientside_callback(
    ClientsideFunction(namespace="cdpPresent", function_name="page"),
    Output({"type": ids.PRESENT_SLIDE_TYPE, "index": ALL}, "hidden"),
    Output({"type": ids.PRESENT_SLIDE_CHART_TYPE, "index": ALL}, "children"),
    Output(ids.PRESENT_COUNTER, "children"),
    Output(url_state_id(ids.PRESENT_URL_STATE), "data"),
    Output(ids.PRESENT_PREVIOUS, "aria-disabled"),
    Output(ids.PRESENT_NEXT, "aria-disabled"),
    Input(ids.PRESENT_PREVIOUS, "n_clicks"),
    Input(ids.PRESENT_NEXT, "n_clicks"),
    Input(ids.PRESENT_COUNT, "data"),
    Input(ids.PRESENT_JUMP, "data"),
    State(url_state_id(ids.PRESENT_URL_STATE), "data"),
    State(ids.PRESENT_CHARTS, "data"),
)

