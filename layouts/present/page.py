"""/present/<code> — presentation mode: a partnership's (or England's) headline measures, one per screen.

For a board meeting on a projector: large type, one measure per screen, paging by keyboard
(← → PageUp PageDown, and Home / End for the first and last slide, via ``assets/present.js``) or by the visible Previous / Next buttons, and
the current slide in the address (``?slide=3``) so a link opens at that measure. The layout builds
every slide at once with the deck's view (``layouts.present.views.deck_view``), so the slides come
with the page and paging needs no network — useful on a meeting room's Wi-Fi. ``code`` is a
partnership code or ``england``.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from layouts._shared.url_state import unknown_parameters, url_state_store
from layouts._shared.views import first_view
from layouts.present.parts import nav_bar, slide_number
from layouts.present.summary_slide import deck_size
from layouts.present.views import Deck, deck_view, present_exists
from presentation import ids

QUERY_KEYS = ("slide",)

dash.register_page(__name__, path_template="/present/<code>", name="Presentation mode", nav=False, charts=True,
                   path_exists=present_exists,
                   title="Presentation mode – Combating Drugs Outcomes",
                   description="A partnership's headline measures, one per screen, for a board meeting.")


#: The frame without its slides (should the deck's view fail, the page arrives as this).
EMPTY = Deck("Presentation", "/", None, [], 0, [])


def layout(code: str | None = None, **query: Any) -> html.Div:
    """The presentation frame for ``code`` (a partnership code, an authority or ``england``), at ``?slide=``."""
    messages: list[str] = []
    unknown_parameters(query, QUERY_KEYS, messages)
    slide = slide_number(query.get("slide"), deck_size(code), messages)
    state = {"slide": slide}
    deck = first_view(deck_view, code, state) or EMPTY
    return html.Div([
        dcc.Store(id=ids.PRESENT_CODE, data=code),
        dcc.Store(id=ids.PRESENT_COUNT, data=deck.count),
        dcc.Store(id=ids.PRESENT_CHARTS, data=deck.charts),
        dcc.Store(id=ids.PRESENT_JUMP),
        html.Div([
            html.H1(deck.heading, id=ids.PRESENT_HEADING, className="present__heading"),
            html.A("Leave presentation", id=ids.PRESENT_EXIT, href=deck.exit_href, className="present__exit"),
        ], className="present__bar"),
        html.Div([html.P(m, className="mb-0") for m in messages], className="alert alert-warning")
        if messages else None,
        html.Div(deck.status, id=ids.PRESENT_STATUS, role="status"),
        html.Div(deck.slides, id=ids.PRESENT_DECK, className="present__deck", **{"aria-live": "off"}),
        nav_bar(),
        url_state_store(ids.PRESENT_URL_STATE, state),
    ], className="present")
