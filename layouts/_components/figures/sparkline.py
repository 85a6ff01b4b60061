"""A tiny trend line for headline tiles: no axes, no title, last point marked.

It is decorative — the tile's text states the value, the change and the comparison — so it is
rendered static (``sparkline_config``) and hidden from screen readers by the tile.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from layouts._components import theme
from layouts._components.figures._common import gap_values, static_config, suppressed_flags


def sparkline_figure(series: pd.DataFrame, *, height: int = 56) -> go.Figure:
    """One area's values in period order; gaps for suppressed/missing periods; the last value dotted."""
    frame = series.copy()
    if "period_start" in frame:
        frame = frame.assign(_start=pd.to_datetime(frame["period_start"], errors="coerce")).sort_values("_start")
    x = frame["period"].astype(str).tolist()
    y = gap_values(frame["value"], suppressed_flags(frame))
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines", line={"color": theme.SELECTED, "width": 2},
                               connectgaps=False, hoverinfo="skip", name=""))
    last = max((i for i, v in enumerate(y) if v is not None), default=None)
    if last is not None:
        fig.add_trace(go.Scatter(x=[x[last]], y=[y[last]], mode="markers", hoverinfo="skip", name="",
                                 marker={"color": theme.SELECTED, "size": 8, "line": {"width": 2,
                                                                                       "color": theme.BACKGROUND}}))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height, showlegend=False,
                      margin={"l": 4, "r": 8, "t": 4, "b": 4},
                      xaxis={"visible": False, "type": "category"}, yaxis={"visible": False})
    return fig


def sparkline_config() -> dict[str, Any]:
    """The static ``dcc.Graph`` config for sparklines."""
    return static_config()
