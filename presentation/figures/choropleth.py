"""The boundary map: SVG shapes (no WebGL) whose geometry is sent once and whose values are patched.

``map_figure`` draws the whole map; ``map_values`` returns only the trace properties that change
with metric, period, colour mode or selected area, and ``map_patch`` wraps them in a ``dash.Patch``
so a callback updates colours without resending the boundaries (≈1 KB instead of ≈1 MB). The
figure is built *from* ``map_values`` so the two can never disagree.

The trace is Plotly's geo ``choropleth``: d3 draws each area as an SVG path, so the map draws,
colours and answers hover and click in a browser without WebGL (council laptops, remote desktops).
The basemap is hidden (``visible=False``: no land, coast or country lines) and ``fitbounds``
frames the areas themselves, so the whole of England is in view at any width, a phone's included.
London's boroughs are a few pixels each at that scale, so a second geo subplot shows London's areas
enlarged, placed over Wales, which an England map leaves empty; every London area can be hovered
and clicked there.

The GeoJSON is given as a URL string: plotly.js fetches it once and the browser caches it. Each
feature's ``id`` must be the area code; exterior rings are clockwise, as d3 needs
(``data_access.boundaries.coverage.orient``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import dash
import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.figures._categories import categorise, discrete_colorscale, map_categories
from presentation.figures._common import SOURCE_WRAP, TITLE_WRAP, finish_figure, wrap
from presentation.figures.map_legend import map_legend

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

BOUNDARY_WIDTH = 0.5
SELECTED_WIDTH = 3.0
HOVERTEMPLATE = "%{text}<extra></extra>"
#: Where London's inset sits, in paper coordinates: over Wales, which an England map leaves empty.
INSET_DOMAIN = {"x": [0.0, 0.34], "y": [0.34, 0.64]}
INSET_LABEL = "London (enlarged)"
#: Index of the annotation that says why nothing is coloured (0 is the source line).
NOTICE = 1
#: Characters per line of that note, so it fits a phone-width map.
NOTICE_WRAP = 40
__all__ = ["clicked_area_code", "map_figure", "map_legend", "map_patch", "map_values"]


def _geo(domain: dict[str, list[float]], *, background: str = theme.TRANSPARENT) -> dict[str, Any]:
    """A geo subplot with no basemap, framed on its own areas, in Web Mercator as the tile map is."""
    return {"visible": False, "projection": {"type": "mercator"}, "fitbounds": "locations", "domain": domain,
            "bgcolor": background}


def map_values(
    area_values: pd.DataFrame | None, colour_by: str, spec: MetricSpec, *, selected_code: str | None = None,
    categorised: pd.DataFrame | None = None, codes: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The trace properties that change between views, ready to assign into ``figure["data"][i]``.

    Keys: ``locations``, ``z``, ``customdata`` (area codes, for click → select), ``text`` (hover
    lines), ``hovertemplate``, ``colorscale``, ``zmin``, ``zmax``, ``marker`` (outline widths and
    colours; the selected area gets a thick dark outline and is drawn last so neighbours don't
    cover its outline). ``categorised`` is ``categorise(area_values, colour_by, spec)`` when the
    caller already has it (callbacks keep it per release, so a recolour does not rebuild hover text).
    ``codes`` keeps only those areas (the London inset).
    """
    categories = map_categories(colour_by, spec)
    frame = categorise(area_values, colour_by, spec) if categorised is None else categorised
    if codes is not None:
        frame = frame[frame["area_code"].astype(str).isin(set(codes))]
    codes_shown = frame["area_code"].astype(str).tolist()
    z = [int(i) for i in frame["index"]]
    text = frame["hover"].tolist()
    if selected_code in codes_shown:
        at = codes_shown.index(selected_code)
        order = [*range(at), *range(at + 1, len(codes_shown)), at]
        codes_shown, z, text = [codes_shown[i] for i in order], [z[i] for i in order], [text[i] for i in order]
    is_selected = [code == selected_code for code in codes_shown]
    return {
        "locations": codes_shown,
        "z": z,
        "customdata": codes_shown,
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


def _notice(text: str | None) -> go.layout.Annotation:
    """The note over the map saying why nothing is coloured (hidden while something is)."""
    return go.layout.Annotation(
        text=wrap(text or "", NOTICE_WRAP), visible=bool(text), xref="paper", yref="paper", x=0.5, y=0.5,
        xanchor="center", yanchor="middle", showarrow=False, align="left", bgcolor=theme.BACKGROUND,
        bordercolor=theme.BORDER, borderpad=6, font={"size": 13, "color": theme.TEXT}, name="notice")


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
    inset_codes: Sequence[str] = (),
    notice: str | None = None,
) -> go.Figure:
    """The whole map: geometry by URL, values from ``map_values``, fitted to England.

    With ``inset_codes`` (London's areas) a second trace draws those areas again, enlarged, in
    their own framed subplot. ``notice`` is shown over the map when nothing can be coloured.
    ``uirevision`` is fixed so a user's zoom and pan survive value patches.
    """
    common = {"geojson": geojson_url, "featureidkey": "id", "locationmode": "geojson-id", "showscale": False}
    values = map_values(area_values, colour_by, spec, selected_code=selected_code, categorised=categorised)
    fig = go.Figure(go.Choropleth(name="", geo="geo", **common, **values))
    fig.update_layout(geo=_geo({"x": [0.0, 1.0], "y": [0.0, 1.0]}), uirevision="map", dragmode="pan")
    fig = finish_figure(fig, title=title or map_title(spec, area_values), source_line=source_line,
                        height=height, footer_offset=16)
    fig.add_annotation(_notice(notice))
    if inset_codes:
        inset = map_values(area_values, colour_by, spec, selected_code=selected_code, categorised=categorised,
                           codes=inset_codes)
        fig.add_trace(go.Choropleth(name="London", geo="geo2", **common, **inset))
        fig.update_layout(geo2=_geo(INSET_DOMAIN, background=theme.BACKGROUND))
        (x0, x1), (y0, y1) = INSET_DOMAIN["x"], INSET_DOMAIN["y"]
        fig.add_shape(type="rect", xref="paper", yref="paper", x0=x0, x1=x1, y0=y0, y1=y1, layer="below",
                      line={"color": theme.BORDER, "width": 1}, fillcolor=theme.BACKGROUND)
        fig.add_annotation(text=INSET_LABEL, xref="paper", yref="paper", x=x0, y=y1, xanchor="left",
                           yanchor="bottom", showarrow=False, font={"size": 12, "color": theme.SECONDARY_TEXT})
    return fig


def map_patch(
    area_values: pd.DataFrame | None,
    *,
    colour_by: str,
    spec: MetricSpec,
    selected_code: str | None = None,
    title: str | None = None,
    source_line: str | None = None,
    categorised: pd.DataFrame | None = None,
    inset_codes: Sequence[str] = (),
    notice: str | None = None,
) -> dash.Patch:
    """A ``dash.Patch`` for a figure made by ``map_figure``: new values, title, source and notice, no geometry.

    ``inset_codes`` must be what the figure was drawn with (the inset is the second trace).
    ``area_values`` may be None when ``categorised`` and ``title`` are given (nothing else reads it).
    """
    patch = dash.Patch()
    for key, value in map_values(area_values, colour_by, spec, selected_code=selected_code,
                                 categorised=categorised).items():
        patch["data"][0][key] = value
    if inset_codes:
        inset = map_values(area_values, colour_by, spec, selected_code=selected_code, categorised=categorised,
                           codes=inset_codes)
        for key in ("locations", "z", "customdata", "text", "colorscale", "zmax", "marker"):
            patch["data"][1][key] = inset[key]
    patch["layout"]["title"]["text"] = wrap(title or map_title(spec, area_values), TITLE_WRAP)
    if source_line is not None:
        patch["layout"]["annotations"][0]["text"] = wrap(source_line, SOURCE_WRAP)
    patch["layout"]["annotations"][NOTICE]["text"] = wrap(notice or "", NOTICE_WRAP)
    patch["layout"]["annotations"][NOTICE]["visible"] = bool(notice)
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
