"""The map key as HTML, shared by the boundary and tile maps (and by the page before the map arrives)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import html

from presentation import theme
from presentation.figures._categories import map_categories

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec


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
