"""/ — overview."""

import dash
from dash import html

dash.register_page(__name__, path="/", name="Overview")


def layout(**_query) -> html.Div:
    return html.Div(html.H1("Combating Drugs Outcomes"))
