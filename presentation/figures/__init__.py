"""Pure figure builders: DataFrames from the read layer + a catalogue entry -> ``go.Figure``.

No database, no callbacks. Every builder sets a title and a source / "data up to" footer so an
exported image carries its provenance; all colours come from ``presentation.theme``.
"""

from data_access.geography import ENGLAND
from presentation.figures._common import chart_config, export_filename, static_config
from presentation.figures.choropleth import clicked_area_code, map_figure, map_legend, map_patch, map_values
from presentation.figures.compare import compare_figure
from presentation.figures.empty import message_figure
from presentation.figures.funnel import funnel_figure
from presentation.figures.national import national_figure
from presentation.figures.sparkline import sparkline_svg
from presentation.figures.tiles import tile_map_figure, tile_values
from presentation.figures.trend import period_order, trend_figure

__all__ = [
    "ENGLAND", "chart_config", "clicked_area_code", "compare_figure", "export_filename", "funnel_figure",
    "map_figure", "map_legend", "map_patch", "map_values", "message_figure", "national_figure", "period_order",
    "sparkline_svg", "static_config", "tile_map_figure", "tile_values", "trend_figure",
]
