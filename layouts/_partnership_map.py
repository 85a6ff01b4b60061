"""The partnership's footprint: a small map of its member authorities and the matching numbered key.

Each member gets its own colour, and the key beside the map gives the same colour with the
member's number and name, so the names are read from text, not from the map. Neighbouring
authorities are drawn in grey for context. The boundaries come by URL (``layer_url("utla")``,
fetched once and cached by the browser) on MapLibre's tile-free ``white-bg`` style, so nothing is
fetched from the internet. MapLibre has no "fit to these features", so the view is computed here
from the members' bounding box. The map cannot be panned or zoomed (a scroll on a phone never
turns into a pan); hovering or tapping an authority names it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import dcc, html

from layouts._components import theme

# Ten members fit the largest partnership; the colours differ in lightness as well as hue.
_TEAL, _PLUM = theme.COLORWAY[3], theme.COLORWAY[4]
MEMBER_COLOURS = (theme.BRAND, theme.WORSE, _TEAL, _PLUM, theme.SIMILAR, theme.LOWER, theme.QUINTILES[3],
                  theme.SECONDARY_TEXT, theme.QUINTILES[0], theme.TEXT)
_DARK = {theme.BRAND, _PLUM, theme.QUINTILES[3], theme.SECONDARY_TEXT, theme.TEXT}  # take white numbers
MAP_HEIGHT = 300
#: The narrowest the map is drawn (a phone); wider screens show more of the surroundings.
MAP_FIT_WIDTH = 340
#: Hover names an authority; no mode bar, no scroll zoom, no double-click zoom.
MAP_CONFIG = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False, "responsive": True}
Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class Member:
    """A current member authority as the map and key show it."""

    number: int
    code: str
    name: str

    @property
    def colour(self) -> str:
        return MEMBER_COLOURS[(self.number - 1) % len(MEMBER_COLOURS)]

    @property
    def text_colour(self) -> str:
        return theme.BACKGROUND if self.colour in _DARK else theme.TEXT


def map_view(bounds: Bounds, *, width: int = MAP_FIT_WIDTH, height: int = MAP_HEIGHT) -> tuple[dict, float]:
    """Centre and zoom that fit ``bounds`` (west, south, east, north) into ``width`` × ``height`` pixels.

    Web Mercator at zoom z is 512·2^z px around the world (MapLibre's tile size); the zoom is the
    smaller of the fits across and up, less a margin so boundaries do not touch the frame.
    """
    west, south, east, north = bounds

    def y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(max(min(lat, 85.0), -85.0)) / 2))

    lon_span = max(east - west, 0.05)
    y_span = max(y(north) - y(south), 0.001)
    zoom = min(math.log2(width * 360 / (512 * lon_span)), math.log2(height * 2 * math.pi / (512 * y_span))) - 0.3
    centre_lat = math.degrees(2 * math.atan(math.exp((y(north) + y(south)) / 2)) - math.pi / 2)
    return {"lon": (west + east) / 2, "lat": centre_lat}, max(zoom, 3.0)


def member_map_figure(geojson_url: str, members: Sequence[Member], bounds: Bounds, *,
                      others: Sequence[str] = ()) -> go.Figure:
    """Other authorities in grey, then each member in its colour, framed on the members."""
    n = len(members)
    scale = []
    for i, member in enumerate(members):
        scale += [[i / n, member.colour], [(i + 1) / n, member.colour]]
    fig = go.Figure()
    if others:
        fig.add_trace(go.Choroplethmap(
            geojson=geojson_url, featureidkey="id", locations=list(others), z=[0] * len(others),
            colorscale=[[0, theme.PANEL], [1, theme.PANEL]], showscale=False, hoverinfo="skip",
            marker={"line": {"color": theme.BORDER, "width": 0.5}}, name=""))
    fig.add_trace(go.Choroplethmap(
        geojson=geojson_url, featureidkey="id", locations=[m.code for m in members], z=list(range(n)),
        zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False, name="",
        text=[f"{m.number}. {m.name}" for m in members], hovertemplate="%{text}<extra></extra>",
        marker={"line": {"color": theme.TEXT, "width": 1}},
    ))
    centre, zoom = map_view(bounds)
    fig.update_layout(template=theme.TEMPLATE_NAME, height=MAP_HEIGHT, showlegend=False, dragmode=False,
                      map={"style": "white-bg", "center": centre, "zoom": zoom},
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


def member_map(geojson_url: str, members: Sequence[Member], bounds: Bounds | None, *, name: str,
               others: Sequence[str] = ()) -> html.Div:
    """The map in a labelled figure region, or a short note when no boundary layer is available."""
    if not geojson_url or not members or bounds is None:
        return html.Div(html.P("The map is not available: no boundary layer has been built.",
                               className="text-secondary"))
    label = f"Map of the {len(members)} member authorities of {name}: " + ", ".join(m.name for m in members)
    return html.Div(dcc.Graph(figure=member_map_figure(geojson_url, members, bounds, others=others),
                              config=MAP_CONFIG, style={"height": f"{MAP_HEIGHT}px"}),
                    role="img", **{"aria-label": label})
