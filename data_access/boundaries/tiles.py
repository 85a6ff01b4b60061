"""The tile (hex) cartogram: a map built from committed centroids alone, so the app always has one.

With no boundary source the map still needs shapes. Each current authority gets one hexagon of
equal size, placed near its centroid (``geodata/areas.csv``); a partnership is the union of its
members' hexagons, a region the union of its authorities', and the pre-2023 authorities are drawn
like the real layer (an abolished authority is the union of its successors' tiles).

Projection: the hexagons are regular in Web Mercator (EPSG:3857) and written in WGS84 lon/lat, so
they look regular in ``go.Choroplethmap`` (always Web Mercator) and in ``go.Choropleth`` with
``geo.projection.type="mercator"`` and ``fitbounds="locations"`` (other projections distort them;
equirectangular flattens them to about 60% of their height). Neighbouring tiles share edges exactly because each vertex is computed from integer
lattice coordinates that both neighbours use.

Placement: every centroid is assigned to one cell so that the total squared distance from
centroids to their cells is least (``scipy.optimize.linear_sum_assignment``) instead of taking the
nearest free cell one authority at a time. It is deterministic without choosing an order, and an
optimal assignment never has two tiles that would both be nearer their centroids if swapped, so
London's 33 boroughs form one compact cluster in roughly their real arrangement and regions stay
contiguous. The greedy nearest-free-cell variant, tried first, scattered South East tiles into
the Midlands and left late-placed authorities far from home.
"""

from __future__ import annotations

import logging
import math
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from shapely.geometry import Polygon
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from config import get_settings
from data_access.boundaries.compose import current_layers
from data_access.boundaries.facts import (
    AreaFact,
    Footprint,
    areas_from_csv,
    authorities_on,
    footprint_from_csv,
    footprint_from_store,
)
from data_access.boundaries.layers import write_layers
from data_access.db import get_engine, session_scope

log = logging.getLogger(__name__)

#: Centre-to-centre distance of neighbouring tiles in Web Mercator metres (about 30 km on the
#: ground at 52.5°N): the size at which 153 tiles cover roughly England's outline.
HEX_SPACING_M = 50_000.0
#: How far (in cells) from its nearest cell an authority's tile may land; ample for London.
SEARCH_RADIUS = 6
TILE_SOURCE = "geodata/areas.csv centroids (hex tile map)"
_EARTH_RADIUS = 6_378_137.0
_ROW = HEX_SPACING_M * math.sqrt(3) / 2
#: Hexagon corners in lattice units (half a spacing across, a third of a row up), clockwise from the top.
_CORNERS = ((0, 2), (1, 1), (1, -1), (0, -2), (-1, -1), (-1, 1), (0, 2))


def build_tile_layers(*, engine: Engine | None = None, cache_dir: Path | None = None) -> dict:
    """Write the tile layers (utla, partnership, region, utla_2021) and return the manifest.

    Partnerships come from the store's current footprint; when the store cannot be read (the app
    started before ``data init``) the committed default footprint is used, so this never needs
    more than the repository itself.
    """
    cache_dir = Path(cache_dir or get_settings().boundary_cache_dir)
    areas = areas_from_csv()
    coverage = tile_coverage(areas)
    layers = current_layers(coverage, areas, _footprint(engine), {"source": TILE_SOURCE, "kind": "tile"})
    return write_layers(cache_dir, layers, kind="tile", options={"hex_spacing_m": HEX_SPACING_M})


def tile_coverage(areas: dict[str, AreaFact], day: date | None = None) -> dict[str, Polygon]:
    """One hexagon per authority in force on ``day`` (default today), by code."""
    current = {c: a for c, a in sorted(authorities_on(areas, day or date.today()).items())
               if a.lon is not None and a.lat is not None}
    codes = list(current)
    x, y = _mercator(np.array([current[c].lon for c in codes]), np.array([current[c].lat for c in codes]))
    origin = (round(float(x.mean())), round(float(y.mean())))
    cells = _candidate_cells(x - origin[0], y - origin[1])
    centres = np.array([_cell_centre(q, r) for q, r in cells])
    cost = (x[:, None] - origin[0] - centres[None, :, 0]) ** 2 + (y[:, None] - origin[1] - centres[None, :, 1]) ** 2
    rows, columns = linear_sum_assignment(cost)
    return {codes[i]: _hexagon(*cells[j], origin) for i, j in zip(rows, columns, strict=True)}


def _footprint(engine: Engine | None) -> Footprint:
    try:
        with session_scope(engine or get_engine()) as session:
            footprint = footprint_from_store(session)
    except (SQLAlchemyError, OSError) as error:
        log.warning("tile map: store unreadable (%s); partnerships from the default footprint", error)
        footprint = None
    return footprint or footprint_from_csv()


def _mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return (_EARTH_RADIUS * np.radians(lon),
            _EARTH_RADIUS * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def _lonlat(x: float, y: float) -> tuple[float, float]:
    return (round(math.degrees(x / _EARTH_RADIUS), 5),
            round(math.degrees(2 * math.atan(math.exp(y / _EARTH_RADIUS)) - math.pi / 2), 5))


def _cell_centre(q: int, r: int) -> tuple[float, float]:
    """Axial coordinates (pointy-top hexagons, each row shifted half a cell) to plane offsets."""
    return HEX_SPACING_M * (q + r / 2), _ROW * r


def _candidate_cells(x: np.ndarray, y: np.ndarray) -> list[tuple[int, int]]:
    """Every cell within ``SEARCH_RADIUS`` of some centroid's own cell, in a fixed order."""
    rows = np.round(y / _ROW).astype(int)
    cols = np.round(x / HEX_SPACING_M - rows / 2).astype(int)
    cells = set()
    span = range(-SEARCH_RADIUS, SEARCH_RADIUS + 1)
    for q, r in zip(cols.tolist(), rows.tolist(), strict=True):
        cells.update((q + dq, r + dr) for dq in span for dr in span if abs(dq + dr) <= SEARCH_RADIUS)
    return sorted(cells)


def _hexagon(q: int, r: int, origin: tuple[int, int]) -> Polygon:
    """The tile of cell (q, r); corners come from integer lattice points, so neighbours share them exactly."""
    i, j = 2 * q + r, 3 * r
    return Polygon([_lonlat(origin[0] + (i + di) * HEX_SPACING_M / 2, origin[1] + (j + dj) * _ROW / 3)
                    for di, dj in _CORNERS])
