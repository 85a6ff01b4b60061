"""The tile map's value patch; the tiles' positions come from the page's view (``layouts.outcome.tile_views``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash
import pandas as pd

from layouts.outcome.tile_views import tile_positions
from presentation.figures import tile_values

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

__all__ = ["tile_patch", "tile_positions"]


def tile_patch(tiles: pd.DataFrame, area_values: pd.DataFrame, *, colour_by: str, spec: MetricSpec,
               selected_code: str | None, title: str, source_line: str,
               categorised: pd.DataFrame | None = None) -> dash.Patch:
    """New colours, labels, hover text and outlines for a tile map; positions (``x``/``y``) stay as drawn."""
    patch = dash.Patch()
    values = tile_values(tiles, area_values, colour_by, spec, selected_code=selected_code, categorised=categorised)
    for key, value in values.items():
        if key not in ("x", "y"):
            patch["data"][0][key] = value
    patch["layout"]["title"]["text"] = title
    patch["layout"]["annotations"][0]["text"] = source_line
    return patch
