"""Where each area's hexagon sits on the tile map, and the value patch for it.

``figures.tile_map_figure`` draws hexagons at positions rather than shapes. The positions are the
centres of the hexagons ``data_access.boundaries.tiles`` places for the tile layers, in Web
Mercator kilometres (the hexagons are regular there). A partnership is drawn as its members'
tiles, all carrying the partnership's code, so a click on any of them selects the partnership.
The tile GeoJSON layers are not used because, once real boundaries are built, only the boundary
layers have URLs.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import dash
import pandas as pd

from data_access.read import authorities
from presentation.figures import tile_values

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

#: The day before the April 2023 reorganisation: the authority set of the ``utla_2021`` layer.
BEFORE_2023 = date(2023, 3, 31)
_EARTH_RADIUS_KM = 6378.137


def _mercator_km(lon: float, lat: float) -> tuple[float, float]:
    x = _EARTH_RADIUS_KM * math.radians(lon)
    y = _EARTH_RADIUS_KM * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return x, y


@lru_cache(maxsize=4)
def _authority_tiles(day: date) -> pd.DataFrame:
    # Imported here: the placement needs scipy and shapely, which only the tile map uses.
    from data_access.boundaries.facts import areas_from_csv
    from data_access.boundaries.tiles import tile_coverage

    rows = []
    for code, hexagon in sorted(tile_coverage(areas_from_csv(), day).items()):
        x, y = _mercator_km(hexagon.centroid.x, hexagon.centroid.y)
        rows.append({"area_code": code, "x": round(x, 1), "y": round(y, 1)})
    return pd.DataFrame(rows, columns=["area_code", "x", "y"])


def tile_positions(layer: str) -> pd.DataFrame:
    """``area_code``, ``x``, ``y`` of every tile of ``layer`` ("partnership", "utla" or "utla_2021")."""
    tiles = _authority_tiles(BEFORE_2023 if layer == "utla_2021" else date.today())
    if layer != "partnership":
        return tiles
    link = authorities().set_index("code")["partnership_code"]
    tiles = tiles.assign(area_code=tiles["area_code"].map(link))
    return tiles.dropna(subset=["area_code"]).reset_index(drop=True)


def tile_patch(tiles: pd.DataFrame, area_values: pd.DataFrame, *, colour_by: str, spec: MetricSpec,
               selected_code: str | None, title: str, source_line: str,
               categorised: pd.DataFrame | None = None) -> dash.Patch:
    """New colours, glyphs, hover text and outlines for a tile map; positions (``x``/``y``) stay as drawn."""
    patch = dash.Patch()
    values = tile_values(tiles, area_values, colour_by, spec, selected_code=selected_code, categorised=categorised)
    for key, value in values.items():
        if key not in ("x", "y"):
            patch["data"][0][key] = value
    patch["layout"]["title"]["text"] = title
    patch["layout"]["annotations"][0]["text"] = source_line
    return patch
