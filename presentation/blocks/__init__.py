"""Reusable Dash building blocks (html/dbc), pure functions of their arguments — no callbacks, no data access."""

from presentation.blocks.cards import (
    chart_card,
    chart_meta_lines,
    demo_banner,
    download_controls,
    heading,
    provenance_footer,
)
from presentation.blocks.definitions import confidence_text, definition_panel
from presentation.blocks.static import html_block, static_html
from presentation.blocks.tables import (
    Column,
    area_values_columns,
    area_values_table,
    comparison_cell,
    data_table,
)
from presentation.blocks.tiles import change_badge, headline_tile

__all__ = [
    "Column", "area_values_columns", "area_values_table", "change_badge", "chart_card", "chart_meta_lines",
    "comparison_cell", "confidence_text", "data_table", "definition_panel", "demo_banner", "download_controls",
    "heading", "headline_tile", "html_block", "provenance_footer", "static_html",
]
