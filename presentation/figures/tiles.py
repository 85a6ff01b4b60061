"""The tile map: one equal-sized hexagon per area at fixed grid positions, the fallback when no
boundary file is available (and a fairer picture of small urban areas than a boundary map).

It uses the same colour classes as the boundary map, and — unlike a choropleth — can print on its
tiles each area's short code (``short_codes``) and its class's glyph, so it reads without colour and
without hovering. An area of several tiles (a partnership of several authorities) carries its code
on the tile nearest its middle. ``tile_values`` plays the role of ``choropleth.map_values`` for
``dash.Patch`` updates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.figures._categories import categorise, map_categories
from presentation.figures._common import finish_figure
from presentation.figures.choropleth import map_title
from presentation.figures.short_codes import short_codes

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec


#: Hexagon size in pixels: room for a three-letter code over its glyph.
TILE_SIZE = 28


def tile_labels(tiles: pd.DataFrame, values: pd.DataFrame) -> list[str]:
    """Each tile's short code, or "" for the other tiles of an area drawn as several (the code goes on the
    tile nearest the area's middle). ``values`` is the categorised frame indexed by area code."""
    codes = tiles["area_code"].astype(str)
    if "area_name" in tiles:
        names = dict(zip(codes, tiles["area_name"].astype(str), strict=True))
    else:
        names = {c: str(values.at[c, "area_name"]) if c in values.index else c for c in codes}
    short = short_codes(names)
    x, y = tiles["x"].astype(float), tiles["y"].astype(float)
    distance = (x - x.groupby(codes).transform("mean")) ** 2 + (y - y.groupby(codes).transform("mean")) ** 2
    middle = set(distance.groupby(codes).idxmin())
    return [short[c] if i in middle else "" for i, c in zip(tiles.index, codes, strict=True)]


def tile_values(
    tiles: pd.DataFrame, area_values: pd.DataFrame, colour_by: str, spec: MetricSpec, *,
    selected_code: str | None = None, categorised: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Trace properties that change between views: ``x``, ``y``, ``customdata``, ``text`` (glyphs),
    ``hovertext``, ``marker`` (colours and outlines) and ``textfont`` (glyph colours).

    ``tiles`` has ``area_code``, ``x``, ``y`` and, for the short codes, ``area_name`` (else the names of
    the areas with rows are used); areas without a value are drawn in the last class.
    ``categorised`` is ``categorise(area_values, colour_by, spec)`` when the caller already has it.
    """
    categories = map_categories(colour_by, spec)
    values = (categorise(area_values, colour_by, spec) if categorised is None else categorised).set_index("area_code")
    frame = tiles[["area_code", "x", "y"]].copy()
    frame["area_code"] = frame["area_code"].astype(str)
    last = len(categories) - 1
    index = [int(values.at[c, "index"]) if c in values.index else last for c in frame["area_code"]]
    hover = [str(values.at[c, "hover"]) if c in values.index else c for c in frame["area_code"]]
    selected = [c == selected_code for c in frame["area_code"]]
    labels = tile_labels(tiles, values)
    glyphs = [categories[i].symbol for i in index]
    return {
        "x": frame["x"].astype(float).tolist(),
        "y": frame["y"].astype(float).tolist(),
        "customdata": frame["area_code"].tolist(),
        "text": [f"<b>{label}</b><br>{glyph}" if label else glyph for label, glyph in zip(labels, glyphs, strict=True)],
        "hovertext": hover,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": {
            "symbol": "hexagon", "size": TILE_SIZE,
            "color": [categories[i].colour for i in index],
            "line": {"color": [theme.SELECTED_OUTLINE if s else theme.MAP_BOUNDARY for s in selected],
                     "width": [3 if s else 0.5 for s in selected]},
        },
        "textfont": {"color": [categories[i].text_colour for i in index], "size": 8},
    }


def tile_map_figure(
    *,
    tiles: pd.DataFrame,
    area_values: pd.DataFrame,
    colour_by: str,
    spec: MetricSpec,
    selected_code: str | None = None,
    title: str | None = None,
    source_line: str = "",
    height: int = 640,
    categorised: pd.DataFrame | None = None,
) -> go.Figure:
    """The hexagon tile map, axes hidden and equal-scaled so the tiles keep their shape."""
    values = tile_values(tiles, area_values, colour_by, spec, selected_code=selected_code, categorised=categorised)
    fig = go.Figure(go.Scatter(mode="markers+text", name="", showlegend=False, **values))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(uirevision="map", dragmode="pan")
    return finish_figure(fig, title=title or map_title(spec, area_values), source_line=source_line, height=height,
                         footer_offset=16)
