"""The friendly "page not found" page: Dash shows it for any path no page matches.

Dash finds it by this module's name (``not_found_404``) and calls ``layout`` with the link's query
parameters, so it accepts and ignores any.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from layouts._shared.shell import SERVICE_NAME

dash.register_page(__name__, path="/404", name="Page not found", nav=False,
                   title=f"Page not found – {SERVICE_NAME}", description="The page was not found.")

MAIN_PAGES = (
    ("Overview", "/", "headline measures for England and each partnership"),
    ("Compare partnerships", "/compare", "every partnership against England, with a funnel plot"),
    ("Metric definitions", "/metric", "what each measure means and where it comes from"),
    ("Download data", "/download", "every measure's figures as CSV files"),
    ("About", "/about", "sources, methods and the partnership footprint"),
    ("Accessibility statement", "/accessibility", "how accessible this site is"),
)


def layout(**_query: Any) -> html.Div:
    return html.Div([
        html.H1("Page not found"),
        html.P("If you typed the web address, check it is correct. If you pasted it, check you copied the entire "
               "address. An old link may point to a page that has moved."),
        html.P("You can go to:"),
        html.Ul([html.Li([html.A(label, href=href), f" — {what}"]) for label, href, what in MAIN_PAGES]),
    ], className="not-found")
