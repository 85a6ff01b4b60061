"""The smallest Dash page with one chart: the yardstick for the app's time to first chart.

One ``dcc.Graph`` holding a small bar chart, served like the app (locally served assets, compression,
gunicorn with the project's settings): ``gunicorn -c gunicorn.conf.py bench.minimal_app:server``.
"""

from __future__ import annotations

import dash
import plotly.graph_objects as go
from dash import dcc, html

app = dash.Dash(__name__, serve_locally=True, compress=True, title="Minimal Dash page (benchmark)",
                update_title=None)
server = app.server

app.layout = html.Main([
    html.H1("One chart"),
    dcc.Graph(id="chart", figure=go.Figure(go.Bar(x=["A", "B", "C", "D", "E"], y=[3, 1, 4, 1, 5]))),
])
