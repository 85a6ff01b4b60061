"""The partnership's footprint: a small static map of its member authorities and the matching key.

Each member gets its own colour *and* a number printed on the map at its centroid; the key lists
the same numbers, colours and names, so the map reads without colour and without hovering. The
boundaries come by URL (``layer_url("utla")``, fetched once and cached by the browser) and the
map is fitted to the members. It is decorative beside the key, so it is static (no mode bar, no
zoom): on a phone a scroll never turns into a pan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import dcc, html

from layouts._components import theme
from layouts._components.figures import static_config

# Ten members fit the largest partnership; the colours differ in lightness as well as hue.
_TEAL, _PLUM = theme.COLORWAY[3], theme.COLORWAY[4]
MEMBER_COLOURS = (theme.BRAND, theme.WORSE, _TEAL, _PLUM, theme.SIMILAR, theme.LOWER, theme.QUINTILES[3],
                  theme.SECONDARY_TEXT, theme.QUINTILES[0], theme.TEXT)
_DARK = {theme.BRAND, _PLUM, theme.QUINTILES[3], theme.SECONDARY_TEXT, theme.TEXT}  # take white numbers
MAP_HEIGHT = 300


@dataclass(frozen=True)
class Member:
    """A current member authority as the map and key show it."""

    number: int
    code: str
    name: str
    lon: float | None
    lat: float | None

    @property
    def colour(self) -> str:
        return MEMBER_COLOURS[(self.number - 1) % len(MEMBER_COLOURS)]

    @property
    def text_colour(self) -> str:
        return theme.BACKGROUND if self.colour in _DARK else theme.TEXT


def member_map_figure(geojson_url: str, members: Sequence[Member], *, numbered: bool = True) -> go.Figure:
    """Members filled in their colours, fitted to their boundaries; numbers at centroids when ``numbered``."""
    n = len(members)
    scale = []
    for i, member in enumerate(members):
        scale += [[i / n, member.colour], [(i + 1) / n, member.colour]]
    fig = go.Figure(go.Choropleth(
        geojson=geojson_url, featureidkey="id", locations=[m.code for m in members], z=list(range(n)),
        zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False, hoverinfo="skip",
        marker={"line": {"color": theme.BACKGROUND, "width": 1}},
    ))
    placed = [m for m in members if m.lon is not None and m.lat is not None]
    if numbered and placed:
        fig.add_trace(go.Scattergeo(
            lon=[m.lon for m in placed], lat=[m.lat for m in placed], text=[str(m.number) for m in placed],
            mode="markers+text", hoverinfo="skip",
            marker={"size": 20, "color": theme.BACKGROUND, "line": {"color": theme.TEXT, "width": 1}},
            textfont={"size": 12, "color": theme.TEXT},
        ))
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator", bgcolor=theme.BACKGROUND)
    fig.update_layout(template=theme.TEMPLATE_NAME, height=MAP_HEIGHT, showlegend=False,
                      margin={"l": 0, "r": 0, "t": 0, "b": 0})
    return fig


def member_key(members: Sequence[Member]) -> html.Ol:
    """The map's key: number, colour swatch and name of each member (an ordered list, read in order)."""
    items = []
    for member in members:
        swatch = html.Span(str(member.number), **{"aria-hidden": "true"}, className="me-2", style={
            "display": "inline-flex", "alignItems": "center", "justifyContent": "center", "width": "1.7rem",
            "height": "1.7rem", "fontWeight": 700, "fontSize": "0.9rem", "backgroundColor": member.colour,
            "color": member.text_colour, "border": f"1px solid {theme.SECONDARY_TEXT}", "flex": "none"})
        items.append(html.Li([swatch, html.Span(member.name)], className="d-flex align-items-center mb-1"))
    return html.Ol(items, className="list-unstyled mb-2", **{"aria-label": "Member authorities"})


def member_map(geojson_url: str, members: Sequence[Member], *, numbered: bool, name: str) -> html.Div:
    """The map in a labelled figure region, or a short note when no boundary layer is available."""
    if not geojson_url or not members:
        return html.Div(html.P("The map is not available: no boundary layer has been built.",
                               className="text-secondary"))
    label = f"Map of the {len(members)} member authorities of {name}, numbered as in the list"
    return html.Div(dcc.Graph(figure=member_map_figure(geojson_url, members, numbered=numbered),
                              config=static_config(), style={"height": f"{MAP_HEIGHT}px"}),
                    role="img", **{"aria-label": label})
