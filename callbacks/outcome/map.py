"""The outcome page's map: drawn once, then only its values patched; its summary, table and links beside it.

Performance contract (DESIGN §2 "Serving fast"): the first call returns the whole figure, whose
geometry is a content-hashed GeoJSON URL the browser fetches and caches once. Later changes of
measure, period, colouring or selected area return a ``dash.Patch`` of the trace's values only.
A full (still small) figure is sent again only when the geometry itself changes: another area
level or map kind, or a period on the other side of the April 2023 boundary changes. The
geometry in the browser is remembered in a store as a key, so the decision never needs the figure.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from callbacks.outcome.tiles import tile_patch, tile_positions
from data_access.boundaries.access import layer_url
from layouts._shared.views import remembered_view
from layouts.outcome.checks import (
    chart_title,
    checked_choice,
    checked_local_view,
    map_code,
    metric_spec,
    page_slug,
    provenance,
    quietly_checked,
    triggered_id,
    with_messages,
)
from layouts.outcome.map_views import (
    caption,
    categorised,
    geometry_layer,
    legend,
    london_codes,
    map_description,
    map_rows,
)
from layouts.outcome.parts import DEFAULT_COLOUR, DEFAULT_LEVEL, DEFAULT_MAP, status_alerts
from presentation import ids
from presentation.figures import map_figure, map_patch, message_figure, tile_map_figure

#: Inputs whose change replaces the geometry, so they always get a whole figure.
GEOMETRY_INPUTS = (ids.OUTCOME_AREA_TYPE, ids.OUTCOME_MAP_KIND)


@callback(
    Output(ids.OUTCOME_MAP, "figure"),
    Output(ids.OUTCOME_MAP_GEOMETRY, "data"),
    Output(ids.OUTCOME_MAP_LEGEND, "children"),
    Output(ids.chart_summary(ids.OUTCOME_MAP), "children"),
    inputs=dict(metric_id=Input(ids.OUTCOME_METRIC, "value"), chosen=Input(ids.OUTCOME_PERIOD_CHOSEN, "data"),
                level=Input(ids.OUTCOME_AREA_TYPE, "value"), colour=Input(ids.OUTCOME_COLOUR_BY, "value"),
                map_kind=Input(ids.OUTCOME_MAP_KIND, "value"), area=Input(ids.OUTCOME_AREA, "value")),
    state=dict(period=State(ids.OUTCOME_PERIOD, "value"), geometry=State(ids.OUTCOME_MAP_GEOMETRY, "data"),
               page=State(ids.OUTCOME_PAGE, "data")),
)
def update_map(metric_id, period, level, colour, map_kind, area, geometry, page, chosen=None):
    """The map (whole on the first call or a new geometry, else a value patch), its geometry key, its key and
    the sentence under it, counted from the colour classes the map is drawn with."""
    messages: list[str] = []
    spec = metric_spec(metric_id, page_slug(page), messages)
    if not spec.is_local:
        # Hidden for a national-only measure; the map keeps its geometry for the next local one.
        return (dash.no_update,) * 4
    level = checked_choice(level, ids.AREA_TYPE_VALUES, DEFAULT_LEVEL, "area level", messages)
    colour = checked_choice(colour, ids.COLOUR_BY_VALUES, DEFAULT_COLOUR, "map colouring", messages)
    map_kind = checked_choice(map_kind, ids.MAP_KIND_VALUES, DEFAULT_MAP, "map type", messages)
    period, chosen = quietly_checked(spec, period, area)
    selected = map_code(chosen, level)
    classes = categorised(spec, level, period, colour) if period is not None else None
    footer = provenance(spec)[2]
    title = chart_title(spec, level, period)
    layer = geometry_layer(spec, level, period)
    url = layer_url(layer) if map_kind == "boundaries" else ""
    kind = "boundaries" if url else "tiles"
    key = f"{kind}:{url or layer}"
    full = triggered_id() in (None, *GEOMETRY_INPUTS) or geometry != key
    sentence, notice = caption(spec, level, period, colour) if period is not None else (
        f"No data has been loaded for {spec.short_name} yet.", None)
    inset = london_codes(level) if kind == "boundaries" else ()
    if period is None:
        figure, key = message_figure(f"No data has been loaded for {spec.short_name} yet."), None
    elif kind == "boundaries" and full:
        figure = remembered_view(("map", spec.id, level, period, colour, selected, url), lambda: map_figure(
            geojson_url=url, area_values=map_rows(spec, level, period), colour_by=colour,
            spec=spec, selected_code=selected, title=title, source_line=footer, categorised=classes,
            inset_codes=inset, notice=notice))
    elif kind == "boundaries":
        # Only the classes are read: the rows themselves are not copied out of the cache for a patch.
        figure = map_patch(None, colour_by=colour, spec=spec, selected_code=selected, title=title,
                           source_line=footer, categorised=classes, inset_codes=inset, notice=notice)
    elif full:
        figure = remembered_view(("tile_map", spec.id, level, period, colour, selected, layer), lambda: tile_map_figure(
            tiles=tile_positions(layer), area_values=map_rows(spec, level, period),
            colour_by=colour, spec=spec, selected_code=selected, title=title, source_line=footer,
            categorised=classes))
    else:
        figure = tile_patch(tile_positions(layer), map_rows(spec, level, period),
                            colour_by=colour, spec=spec, selected_code=selected, title=title, source_line=footer,
                            categorised=classes)
    return figure, key, [*status_alerts(messages), legend(spec, colour)], with_messages(messages, sentence)


@callback(
    Output(ids.chart_table(ids.OUTCOME_MAP), "children"),
    Output(ids.chart_meta(ids.OUTCOME_MAP), "children"),
    Output(ids.OUTCOME_MAP_DOWNLOAD, "href"),
    inputs=dict(metric_id=Input(ids.OUTCOME_METRIC, "value"), chosen=Input(ids.OUTCOME_PERIOD_CHOSEN, "data"),
                level=Input(ids.OUTCOME_AREA_TYPE, "value"), area=Input(ids.OUTCOME_AREA, "value")),
    state=dict(period=State(ids.OUTCOME_PERIOD, "value"), page=State(ids.OUTCOME_PAGE, "data")),
)
def describe_map(metric_id, period, level, area, page, chosen=None):
    """The map's table, provenance and download link (not re-sent when only colours change; the sentence under
    the map follows the colouring, so ``update_map`` sends it)."""
    checked = checked_local_view(metric_id, period, level, area, page, [])
    if checked is None:  # a national-only measure: the map section is hidden
        return (dash.no_update,) * 3
    spec, level, period, selected = checked
    return map_description(spec, level, period, selected)
