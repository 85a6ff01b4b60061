"""/ — the overview: every outcome's headline measures for England or one partnership.

The layout is the empty frame (no data access, callable with no arguments): the area picker,
the slots the overview callback fills in one round trip, and the URL-state store that carries
``?area=`` in and out of the address bar.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import dash
from dash import dcc, html

from layouts._shared.links import area_picker
from layouts._shared.url_state import unknown_parameters, url_state_store
from presentation import ids

QUERY_KEYS = ("area",)

dash.register_page(__name__, path="/", name="Overview", nav="Overview", order=0,
                   title="Combating Drugs Outcomes – overview",
                   description="Headline measures of the National Combating Drugs Outcomes Framework for "
                               "England and each Combating Drugs Partnership.")


def layout(**query: Any) -> html.Div:
    """The overview frame for ``?area=<partnership code or authority>`` (England when absent)."""
    if str(query.get("present", "")).lower() in ("1", "true", "yes", "on"):
        target = quote(str(query.get("area") or "england"), safe="")
        return html.Div(dcc.Location(id="home-present-redirect", pathname=f"/present/{target}", refresh=True))
    messages: list[str] = []
    unknown_parameters(query, (*QUERY_KEYS, "present"), messages)
    return html.Div([
        html.H1("Combating drugs outcomes"),
        html.P("The six outcomes of the National Combating Drugs Outcomes Framework: the latest figure of each "
               "headline measure, its change since the measure's baseline and, for a partnership, how it compares "
               "with England.", className="lead"),
        area_picker(ids.HOME_AREA, ids.HOME_AREA_SEARCH, ids.HOME_AREA_LIST, "Area"),
        html.Div([html.P(m, className="mb-0") for m in messages], className="alert alert-warning") if messages else None,
        html.Div(id=ids.HOME_STATUS, role="status"),
        html.Div(id=ids.HOME_SUMMARY, **{"aria-live": "polite"}),
        dcc.Loading(html.Div(id=ids.HOME_OUTCOMES), delay_show=400, type="dot"),
        url_state_store(ids.HOME_URL_STATE, {key: query.get(key) for key in QUERY_KEYS}),
    ], className="home")
