"""/about — what the dashboard is, its sources and attribution, methods, footprint, data releases and licence.

The layout is pure; the two sections that depend on the store (the footprint in force and the
data releases) are filled on load by one callback (``callbacks.compare.update_about``).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from layouts._shared.shell import SERVICE_NAME
from layouts.about.sections import attribution, contents, licence, methods, placeholder, sources, what_it_is
from layouts.about.similar import similar_method
from presentation import ids

dash.register_page(
    __name__,
    path="/about",
    name="About",
    nav="About",
    title=f"About – {SERVICE_NAME}",
    description="What the dashboard is, its data sources and attribution, statistical methods, partnership "
                "footprint, data releases and licence.",
    order=40,
)


def layout(**_query: Any) -> html.Div:
    return html.Div([
        dcc.Store(id=ids.ABOUT_LOAD, data=True),
        html.H1("About this dashboard"),
        contents(),
        what_it_is(),
        sources(),
        attribution(),
        methods(),
        similar_method(),
        placeholder("footprint", "Partnership footprint", ids.ABOUT_FOOTPRINT),
        placeholder("releases", "Data releases", ids.ABOUT_RELEASES,
                    html.P("Every load of data is one release; a new release never deletes an old one.")),
        licence(),
    ], className="about-page")
