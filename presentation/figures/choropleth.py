"""The boundary map: a MapLibre choropleth whose geometry is sent once and whose values are patched.

``map_figure`` draws the whole map; ``map_values`` returns only the trace properties that change
with metric, period, colour mode or selected area, and ``map_patch`` wraps them in a ``dash.Patch``
so a callback updates colours without resending the boundaries (≈1 KB instead of ≈1 MB). The
figure is built *from* ``map_values`` so the two can never disagree.

The GeoJSON is given as a URL string: plotly.js fetches it once and the browser caches it. Each
feature's ``id`` must be the area code. The ``white-bg`` style needs no tiles and no internet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import html

from presentation import theme
from presentation.figures._categories import categorise, discrete_colorscale, map_categories
from presentation.figures._common import SOURCE_WRAP, TITLE_WRAP, finish_figure, wrap

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

MAP_CENTER = {"lat": 52.8, "lon": -1.6}
MAP_ZOOM = 5.2
BOUNDARY_WIDTH = 0.5
SELECTED_WIDTH = 3.0
HOVERTEMPLATE = "%{text}<extra></extra>"


def map_values(
    area_values: pd.DataFrame | None, colour_by: str, spec: MetricSpec, *, selected_code: str | None = None,
    categorised: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The trace properties that change between views, ready to assign into ``figure["data"][0]``.

    Keys: ``locations``, ``z``, ``customdata`` (area codes, for click → select), ``text`` (hover
    lines), ``hovertemplate``, ``colorscale``, ``zmin``, ``zmax``, ``marker`` (outline widths and
    colours; the selected area gets a thick dark outline and is drawn last so neighbours don't
    cover its outline). ``categorised`` is ``categorise(area_values, colour_by, spec)`` when the
    caller already has it (callbacks keep it per release, so a recolour does not rebuild hover text).
    """
    categories = map_categories(colour_by, spec)
    frame = categorise(area_values, colour_by, spec) if categorised is None else categorised
    codes = frame["area_code"].astype(str).tolist()
    z = [int(i) for i in frame["index"]]
    text = frame["hover"].tolist()
    if selected_code in codes:
        at = codes.index(selected_code)
        order = [*range(at), *range(at + 1, len(codes)), at]
        codes, z, text = [codes[i] for i in order], [z[i] for i in order], [text[i] for i in order]
    is_selected = [code == selected_code for code in codes]
    return {
        "locations": codes,
        "z": z,
        "customdata": codes,
        "text": text,
        "hovertemplate": HOVERTEMPLATE,
        "colorscale": discrete_colorscale(categories),
        "zmin": -0.5,
        "zmax": len(categories) - 0.5,
        "marker": {
            "opacity": 1,
            "line": {
                "width": [SELECTED_WIDTH if s else BOUNDARY_WIDTH for s in is_selected],
                "color": [theme.SELECTED_OUTLINE if s else theme.MAP_BOUNDARY for s in is_selected],
            },
        },
    }


def map_title(spec: MetricSpec, area_values: pd.DataFrame) -> str:
    """Default title: the metric, the area type mapped and the period."""
    periods = area_values["period"].dropna().unique().tolist() if "period" in area_values else []
    kind = "local authority" if "utla" in set(area_values.get("area_type", [])) else "partnership"
    suffix = f", {periods[0]}" if len(periods) == 1 else ""
    return f"{spec.name} by {kind}{suffix}"


def map_figure(
    *,
    geojson_url: str,
    area_values: pd.DataFrame,
    colour_by: str,
    spec: MetricSpec,
    selected_code: str | None = None,
    title: str | None = None,
    source_line: str = "",
    height: int = 640,
    categorised: pd.DataFrame | None = None,
) -> go.Figure:
    """The whole map: geometry by URL, values from ``map_values``, fitted to England.

    ``uirevision`` is fixed so a user's zoom and pan survive value patches.
    """
    values = map_values(area_values, colour_by, spec, selected_code=selected_code, categorised=categorised)
    trace = go.Choroplethmap(geojson=geojson_url, featureidkey="id", showscale=False, name="", **values)
    fig = go.Figure(trace)
    fig.update_layout(
        map={"style": "white-bg", "center": dict(MAP_CENTER), "zoom": MAP_ZOOM},
        uirevision="map",
        dragmode="pan",
    )
    return finish_figure(fig, title=title or map_title(spec, area_values), source_line=source_line,
                         height=height, footer_offset=16)


def map_patch(
    area_values: pd.DataFrame | None,
    *,
    colour_by: str,
    spec: MetricSpec,
    selected_code: str | None = None,
    title: str | None = None,
    source_line: str | None = None,
    categorised: pd.DataFrame | None = None,
) -> dash.Patch:
    """A ``dash.Patch`` for a figure made by ``map_figure``: new values, title and source, no geometry.

    ``area_values`` may be None when ``categorised`` and ``title`` are given (nothing else reads it).
    """
    patch = dash.Patch()
    for key, value in map_values(area_values, colour_by, spec, selected_code=selected_code,
                                 categorised=categorised).items():
        patch["data"][0][key] = value
    patch["layout"]["title"]["text"] = wrap(title or map_title(spec, area_values), TITLE_WRAP)
    if source_line is not None:
        patch["layout"]["annotations"][0]["text"] = wrap(source_line, SOURCE_WRAP)
    return patch


def clicked_area_code(click_data: dict | None) -> str | None:
    """The area code from a map's ``clickData`` (carried in ``customdata``), or None."""
    points = (click_data or {}).get("points") or []
    if not points:
        return None
    code = points[0].get("customdata", points[0].get("location"))
    if isinstance(code, list):
        code = code[0] if code else None
    return str(code) if code else None


def map_legend(colour_by: str, spec: MetricSpec, *, component_id: str | dict | None = None) -> html.Div:
    """The map key as HTML: swatch, glyph and words for each class, so it reads without colour."""
    items = []
    for category in map_categories(colour_by, spec):
        swatch_style = {"backgroundColor": category.colour, "color": category.text_colour,
                        "borderColor": theme.NOT_COMPARED_OUTLINE}
        items.append(html.Li([
            html.Span(category.symbol, className="map-legend__swatch", style=swatch_style, **{"aria-hidden": "true"}),
            html.Span(category.text, className="map-legend__text"),
        ], className="map-legend__item"))
    heading = {"value": "quintile of value", "comparison": "compared with England",
               "change": "change since baseline"}[colour_by]
    kwargs = {"id": component_id} if component_id is not None else {}
    return html.Div([html.P(f"Key: {heading}", className="map-legend__title"),
                     html.Ul(items, className="map-legend__list")], className="map-legend", **kwargs)
