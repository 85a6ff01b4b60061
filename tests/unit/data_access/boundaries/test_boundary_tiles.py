"""The tile (hex) cartogram built from committed centroids alone."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
import shapely

from data_access.boundaries.facts import areas_from_csv, authorities_on
from data_access.boundaries.tiles import HEX_SPACING_M, tile_coverage

LONDON = "E12000007"


def _mercator(geom):
    def forward(xy):
        return np.column_stack([6_378_137 * np.radians(xy[:, 0]),
                                6_378_137 * np.log(np.tan(np.pi / 4 + np.radians(xy[:, 1]) / 2))])
    return shapely.transform(geom, forward)


@pytest.fixture(scope="module")
def tiles():
    return tile_coverage(areas_from_csv())


def test_every_current_authority_gets_one_regular_hexagon(tiles):
    current = authorities_on(areas_from_csv(), date.today())
    assert sorted(tiles) == sorted(current) and len(tiles) == 153
    for code, tile in tiles.items():
        corners = shapely.get_coordinates(_mercator(tile))
        assert len(corners) == 7, code
        assert not tile.exterior.is_ccw, code  # clockwise exterior, as Plotly's d3 geo expects
        sides = np.hypot(*np.diff(corners, axis=0).T)
        assert sides == pytest.approx(np.full(6, HEX_SPACING_M / math.sqrt(3)), rel=1e-3), code


def test_tiles_form_a_coverage_near_their_centroids(tiles):
    geoms = np.array(list(tiles.values()), dtype=object)
    assert shapely.coverage_is_valid(geoms)
    assert shapely.is_valid(geoms).all()
    assert len({tile.wkb for tile in tiles.values()}) == 153  # no two on one cell
    areas = areas_from_csv()
    distances = [math.dist(_mercator(tile).centroid.coords[0],
                           _mercator(shapely.Point(areas[code].lon, areas[code].lat)).coords[0])
                 for code, tile in tiles.items()]
    assert np.median(distances) < 1.5 * HEX_SPACING_M
    assert max(distances) < 5 * HEX_SPACING_M


def test_london_stays_one_compact_cluster(tiles):
    areas = areas_from_csv()
    london = [tile for code, tile in tiles.items() if areas[code].parent_code == LONDON]
    assert len(london) == 33
    union = shapely.coverage_union_all(np.array(london, dtype=object))
    assert union.geom_type == "Polygon" and not union.interiors
    # Compact: the cluster fits in a circle not much wider than 33 cells packed together need.
    radius = max(math.dist(_mercator(t).centroid.coords[0], _mercator(union).centroid.coords[0]) for t in london)
    assert radius < 4 * HEX_SPACING_M


def test_placement_is_deterministic(tiles):
    again = tile_coverage(areas_from_csv())
    assert {code: tile.wkb for code, tile in again.items()} == {code: tile.wkb for code, tile in tiles.items()}
