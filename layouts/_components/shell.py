"""The frame around every page: header, navigation, page container, footer."""

from __future__ import annotations

import dash
from dash import html


def shell() -> html.Div:
    return html.Div([html.Header(html.A("Combating Drugs Outcomes", href="/")), dash.page_container])
