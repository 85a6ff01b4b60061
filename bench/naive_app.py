"""The naive map, for comparison only: a whole ``go.Choropleth`` with its GeoJSON embedded, every time.

This is what DESIGN §2 "Serving fast" measured and rejected: each metric, period or colour change
rebuilds the full figure — geometry included — and serialises it to JSON. It reads the same data
(``area_values`` through the same shared cache) and draws the same trace values (``map_values``)
as the real outcome map, and uses the same component ids, so the benchmark can send both apps the
same requests. Served by gunicorn like the app: ``gunicorn -c gunicorn.conf.py bench.naive_app:server``.
"""

from __future__ import annotations

from functools import lru_cache

import dash
import plotly.graph_objects as go
from dash import Input, Output, dcc, html

from config import get_settings
from data_access.boundaries.access import load_layer
from data_access.cache import init_cache
from data_access.catalogue import get_catalogue
from data_access.read import area_values
from presentation import ids
from presentation.figures._common import finish_figure
from presentation.figures.choropleth import map_values

LAYER = "partnership"

app = dash.Dash(__name__, serve_locally=True, compress=True, title="Naive map (benchmark)", update_title=None)
server = app.server
init_cache(server, get_settings())


@lru_cache(maxsize=1)
def geometry() -> dict:
    """The partnership layer as a dict, read once per process (the naive cost is sending it, not reading it)."""
    return load_layer(LAYER)


app.layout = html.Main([
    html.H1("Naive map"),
    dcc.Input(id=ids.OUTCOME_METRIC, value="numbers_in_treatment"),
    dcc.Input(id=ids.OUTCOME_PERIOD, value=""),
    dcc.Input(id=ids.OUTCOME_COLOUR_BY, value="comparison"),
    dcc.Graph(id=ids.OUTCOME_MAP),
])


@app.callback(Output(ids.OUTCOME_MAP, "figure"), Input(ids.OUTCOME_METRIC, "value"),
              Input(ids.OUTCOME_PERIOD, "value"), Input(ids.OUTCOME_COLOUR_BY, "value"))
def naive_map(metric_id: str, period: str | None, colour: str) -> go.Figure:
    """The whole map for the selection, geometry embedded."""
    spec = get_catalogue().metric(metric_id)
    values = area_values(spec.id, area_type="partnership", period=period or None)
    trace = go.Choropleth(geojson=geometry(), featureidkey="id", locationmode="geojson-id", showscale=False,
                          name="", **map_values(values, colour, spec))
    fig = go.Figure(trace)
    fig.update_layout(geo={"visible": False, "projection": {"type": "mercator"}, "fitbounds": "locations"},
                      uirevision="map", dragmode="pan")
    return finish_figure(fig, title=f"{spec.name} by partnership, {period}", source_line=f"Source: {spec.source}",
                         height=640, footer_offset=16)
