"""A placeholder figure that says why there is no chart ("No data for this selection")."""

from __future__ import annotations

import plotly.graph_objects as go

from presentation import theme


def message_figure(text: str, *, title: str | None = None, height: int = 320) -> go.Figure:
    """A blank chart carrying only ``text`` (and an optional title), axes hidden.

    Callbacks return it instead of an empty figure so the page never shows a bare grid or a
    misleading zero line.
    """
    fig = go.Figure()
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 18, "color": theme.SECONDARY_TEXT}, name="message")
    fig.update_layout(template=theme.TEMPLATE_NAME, height=height, margin={"l": 12, "r": 12, "t": 56, "b": 12},
                      xaxis={"visible": False}, yaxis={"visible": False})
    if title:
        fig.update_layout(title={"text": title})
    return fig
