"""/partnership/<code>/changes — what changed since the last board: new periods, revisions, judgements, dates.

Registered with an explicit ``order`` so Dash tries its template before the profile's
``/partnership/<code>`` (Dash matches templates with ``fnmatch``, whose ``*`` also matches "/",
so the profile's template would otherwise claim ``cleveland/changes`` as a code); ``nav=False``
keeps it out of the menu. The date is a plain GET form (``?since=YYYY-MM-DD``): it works with the
keyboard, without a date-picker widget, and any link reproduces the view.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

import dash
from dash import dcc, html

from layouts._shared.url_state import unknown_parameters
from layouts.changes.parts import DEFAULT_DAYS, day_words, parse_since
from layouts.changes.views import partnership_exists
from presentation import ids

QUERY_KEYS = ("since",)

dash.register_page(__name__, path_template="/partnership/<code>/changes", order=90, nav=False,
                   path_exists=partnership_exists,
                   name="What changed", title="What changed since the last board – Combating Drugs Outcomes",
                   description="New periods, revised values, changed judgements and upcoming releases for a "
                               "partnership since a date.")


def _quick_links(code: str, today: date) -> html.P:
    links = []
    for days, label in ((30, "last 30 days"), (DEFAULT_DAYS, "last 90 days"), (365, "last year")):
        since = (today - timedelta(days=days)).isoformat()
        links += [html.A(label, href=f"/partnership/{quote(code, safe='')}/changes?since={since}"), " · "]
    return html.P(["Or show the ", *links[:-1], "."])


def layout(code: str | None = None, **query: Any) -> html.Div:
    """The frame for partnership ``code`` and ``?since=`` (default: 90 days ago)."""
    messages: list[str] = []
    unknown_parameters(query, QUERY_KEYS, messages)
    today = date.today()
    since = parse_since(query.get("since"), today, messages)
    safe_code = str(code or "")
    return html.Div([
        dcc.Store(id=ids.CHANGES_CODE, data=safe_code),
        dcc.Store(id=ids.CHANGES_SINCE, data=since.isoformat()),
        html.H1(f"What changed since {day_words(since)}", id=ids.CHANGES_HEADING),
        html.P("Since the date: data releases loaded, new periods published, values revised, comparisons with "
               "England or trends that changed for the partnership and its member authorities, and the next "
               "publication dates.", className="lead"),
        html.Div([html.P(m, className="mb-0") for m in messages], className="alert alert-warning")
        if messages else None,
        html.Form([
            html.Label("Changes since (date of the last board, YYYY-MM-DD)", htmlFor=ids.CHANGES_SINCE_INPUT,
                       className="form-label fw-bold"),
            html.Div([
                dcc.Input(id=ids.CHANGES_SINCE_INPUT, name="since", type="text", value=since.isoformat(), inputMode="numeric",
                          pattern=r"\d{4}-\d{2}-\d{2}", autoComplete="off", className="form-control",
                          style={"maxWidth": "12rem"}),
                html.Button("Show changes", type="submit", className="btn btn-primary"),
            ], className="d-flex flex-wrap gap-2 align-items-center"),
        ], method="get", action=f"/partnership/{quote(safe_code, safe='')}/changes", className="mb-2 no-print"),
        html.Div(_quick_links(safe_code, today), className="no-print"),
        html.Div(id=ids.CHANGES_STATUS, role="status"),
        dcc.Loading(html.Div(id=ids.CHANGES_BODY), delay_show=400, type="dot"),
    ], className="changes")
