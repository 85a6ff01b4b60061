"""Where each area's hexagon sits on the tile map, with the names its short codes are made from.

``figures.tile_map_figure`` draws hexagons at positions rather than shapes. The positions are the
centres of the hexagons ``data_access.boundaries.tiles`` places for the tile layers, in Web
Mercator kilometres (the hexagons are regular there). A partnership is drawn as its members'
tiles, all carrying the partnership's code and name, so a click on any of them selects the
partnership. The tile GeoJSON layers are not used because, once real boundaries are built, only
the boundary layers have URLs.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

import pandas as pd

from data_access.read import authorities

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

    areas = areas_from_csv()
    rows = []
    for code, hexagon in sorted(tile_coverage(areas, day).items()):
        x, y = _mercator_km(hexagon.centroid.x, hexagon.centroid.y)
        rows.append({"area_code": code, "area_name": areas[code].name if code in areas else code,
                     "x": round(x, 1), "y": round(y, 1)})
    return pd.DataFrame(rows, columns=["area_code", "area_name", "x", "y"])


def tile_positions(layer: str) -> pd.DataFrame:
    """``area_code``, ``area_name``, ``x``, ``y`` of every tile of ``layer`` ("partnership", "utla" or
    "utla_2021")."""
    tiles = _authority_tiles(BEFORE_2023 if layer == "utla_2021" else date.today())
    if layer != "partnership":
        return tiles
    link = authorities().set_index("code")[["partnership_code", "partnership_name"]]
    tiles = tiles.assign(area_code=tiles["area_code"].map(link["partnership_code"]),
                         area_name=tiles["area_code"].map(link["partnership_name"]))
    return tiles.dropna(subset=["area_code"]).reset_index(drop=True)
