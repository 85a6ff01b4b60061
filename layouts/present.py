"""/present/<code> — presentation mode: a partnership's (or England's) headline measures, one per screen.

For a board meeting on a projector: large type, one measure per screen, paging by keyboard
(← → PageUp PageDown, via ``assets/present.js``) or by the visible Previous / Next buttons, and
the current slide in the address (``?slide=3``) so a link opens at that measure. The frame is
static (no data access); one callback builds every slide at once, so paging after that needs no
network — useful on a meeting room's Wi-Fi. ``code`` is a partnership code or ``england``.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from data_access.catalogue import get_catalogue
from layouts._components.url_state import unknown_parameters, url_state_store
from layouts._present_parts import CHARTS, CODE, COUNT, DECK, EXIT, HEADING, PAGE, STATUS, nav_bar, slide_number

QUERY_KEYS = ("slide",)

dash.register_page(__name__, path_template="/present/<code>", name="Presentation mode", nav=False, charts=True,
                   title="Presentation mode – Combating Drugs Outcomes",
                   description="A partnership's headline measures, one per screen, for a board meeting.")


def layout(code: str | None = None, **query: Any) -> html.Div:
    """The presentation frame for ``code`` (a partnership code, an authority or ``england``), at ``?slide=``."""
    messages: list[str] = []
    unknown_parameters(query, QUERY_KEYS, messages)
    slide = slide_number(query.get("slide"), len(get_catalogue().headline_metrics()), messages)
    return html.Div([
        dcc.Store(id=CODE, data=code),
        dcc.Store(id=COUNT, data=0),
        dcc.Store(id=CHARTS, data=[]),
        html.Div([
            html.H1("Presentation", id=HEADING, className="present__heading"),
            html.A("Leave presentation", id=EXIT, href="/", className="present__exit"),
        ], className="present__bar"),
        html.Div([html.P(m, className="mb-0") for m in messages], className="alert alert-warning")
        if messages else None,
        html.Div(id=STATUS, role="status"),
        dcc.Loading(html.Div(id=DECK, className="present__deck", **{"aria-live": "off"}), delay_show=300,
                    type="dot"),
        nav_bar(),
        url_state_store(PAGE, {"slide": slide}),
    ], className="present")
