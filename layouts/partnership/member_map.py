"""The partnership's footprint: a small static map of its member authorities and the matching numbered key.

Each member is filled in its own colour and carries its number at its centre; the key beside the
map gives the same number, colour and name, so the map reads without colour and without hovering.
Neighbouring authorities are drawn in grey for context.

The map is drawn as plain SVG shapes (Plotly scatter fills) from the members' and neighbours'
outlines, not as a MapLibre choropleth: a footprint is a handful of small polygons (tens of KB),
the view must fit the members exactly (MapLibre has no "fit to features"), numbers can be printed
on it (MapLibre text needs font files from the internet), and WebGL start-up blocked the page for
8–30 s in a browser without a GPU — the remote desktops many councils use. It is static: on a
phone a scroll never turns into a pan.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import dcc, html

from presentation import theme
from presentation.figures import static_config

# Ten members fit the largest partnership; the colours differ in lightness as well as hue.
_TEAL, _PLUM = theme.COLORWAY[3], theme.COLORWAY[4]
MEMBER_COLOURS = (theme.BRAND, theme.WORSE, _TEAL, _PLUM, theme.SIMILAR, theme.LOWER, theme.QUINTILES[3],
                  theme.SECONDARY_TEXT, theme.QUINTILES[0], theme.TEXT)
_DARK = {theme.BRAND, _PLUM, theme.QUINTILES[3], theme.SECONDARY_TEXT, theme.TEXT}  # take white numbers in the key
MAP_HEIGHT = 300
Bounds = tuple[float, float, float, float]
Ring = Sequence[Sequence[float]]


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


def _path(rings: Sequence[Ring]) -> tuple[list[float | None], list[float | None]]:
    """One scatter path of closed rings separated by gaps (each gap-separated segment is filled on its own)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in rings:
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    return xs, ys


def clip_ring(ring: Ring, box: Bounds) -> list[tuple[float, float]]:
    """``ring`` cut to the rectangle ``box`` (Sutherland–Hodgman).

    Plotly's own clipping of a filled shape that runs far past the axes left some neighbours
    unfilled, so shapes are cut to the view before they are drawn.
    """
    west, south, east, north = box
    points = [(float(p[0]), float(p[1])) for p in ring]
    edges = ((0, west, True), (0, east, False), (1, south, True), (1, north, False))
    for axis, limit, keep_above in edges:
        if not points:
            break
        result: list[tuple[float, float]] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            inside_now = (current[axis] >= limit) if keep_above else (current[axis] <= limit)
            inside_before = (previous[axis] >= limit) if keep_above else (previous[axis] <= limit)
            if inside_now != inside_before:
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                result.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
            if inside_now:
                result.append(current)
        points = result
    return points + points[:1] if points else []


def label_point(rings: Sequence[Ring]) -> tuple[float, float] | None:
    """The area centroid (shoelace formula) of the largest ring, where the member's number goes."""
    best, best_area = None, 0.0
    for ring in rings:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(area) > best_area:
            best, best_area = (cx / (3 * area), cy / (3 * area)), abs(area)
    return best


def member_map_figure(members: Sequence[Member], shapes: Mapping[str, Sequence[Ring]], bounds: Bounds,
                      neighbours: Sequence[Sequence[Ring]] = ()) -> go.Figure:
    """Neighbours in grey, each member in its colour with its number, framed on the members.

    Longitude and latitude are drawn with the y scale stretched by 1/cos(latitude), so shapes keep
    their proportions at England's latitudes.
    """
    west, south, east, north = bounds
    pad_x, pad_y = max(east - west, 0.02) * 0.08, max(north - south, 0.02) * 0.1
    view = (west - pad_x, south - pad_y, east + pad_x, north + pad_y)
    # Neighbours are cut to a box wider than the view: the axes keep the map's proportions by
    # widening one range to the box the page gives them, and that margin must be drawn too.
    span = max(view[2] - view[0], view[3] - view[1])
    box = (view[0] - span, view[1] - span, view[2] + span, view[3] + span)
    fig = go.Figure()
    for rings in neighbours:
        xs, ys = _path([c for c in (clip_ring(r, box) for r in rings) if c])
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=theme.GRID,
                                 line={"color": theme.BORDER, "width": 0.7}, hoverinfo="skip"))
    labels = []
    for member in members:
        rings = shapes.get(member.code) or []
        if not rings:
            continue
        xs, ys = _path(rings)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=member.colour,
                                 line={"color": theme.TEXT, "width": 1}, hoverinfo="skip"))
        point = label_point(rings)
        if point is not None:
            labels.append((member, point))
    if labels:
        fig.add_trace(go.Scatter(
            x=[p[0] for _, p in labels], y=[p[1] for _, p in labels], text=[str(m.number) for m, _ in labels],
            mode="markers+text", hoverinfo="skip", textfont={"size": 12, "color": theme.TEXT},
            marker={"size": 20, "color": theme.BACKGROUND, "line": {"color": theme.TEXT, "width": 1}}))
    fig.update_xaxes(visible=False, range=[view[0], view[2]])
    fig.update_yaxes(visible=False, range=[view[1], view[3]], scaleanchor="x",
                     scaleratio=1 / math.cos(math.radians((south + north) / 2)))
    fig.update_layout(template=theme.TEMPLATE_NAME, height=MAP_HEIGHT, showlegend=False,
                      plot_bgcolor=theme.BACKGROUND, margin={"l": 0, "r": 0, "t": 0, "b": 0})
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


def member_map(members: Sequence[Member], shapes: Mapping[str, Sequence[Ring]], bounds: Bounds | None, *,
               name: str, neighbours: Sequence[Sequence[Ring]] = ()) -> html.Div:
    """The map in a labelled image region, or a short note when no boundaries are available."""
    if not members or bounds is None:
        return html.Div(html.P("The map is not available: no boundary layer has been built.",
                               className="text-secondary"))
    label = f"Map of the {len(members)} member authorities of {name}, numbered as in the list: " + ", ".join(
        f"{m.number} {m.name}" for m in members)
    return html.Div(dcc.Graph(figure=member_map_figure(members, shapes, bounds, neighbours),
                              config=static_config(), style={"height": f"{MAP_HEIGHT}px"}),
                    role="img", **{"aria-label": label})
