"""The tile (hex) cartogram built from committed centroids alone."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from data_access.boundaries.facts import areas_from_csv
from data_access.boundaries.tiles import build_tile_layers, tile_coverage

LONDON = "E12000007"


def _mercator(geom):
    def forward(xy):
        return np.column_stack([6_378_137 * np.radians(xy[:, 0]),
                                6_378_137 * np.log(np.tan(np.pi / 4 + np.radians(xy[:, 1]) / 2))])
    return shapely.transform(geom, forward)


@pytest.fixture(scope="module")
def tiles():
    return tile_coverage(areas_from_csv())












def test_tile_partnerships_use_the_store_footprint(geo_store, geo_cache, footprint_csv):
    from data_access.boundaries.footprints import load_footprint_file

    merged = {code: {"partnership_code": "tees-and-durham", "partnership_name": "Tees and Durham"}
              for code in ("E06000001", "E06000002", "E06000003", "E06000004", "E06000005", "E06000047")}
    version = load_footprint_file(footprint_csv(change=merged), engine=geo_store).version_id
    manifest = build_tile_layers(engine=geo_store)
    assert manifest["layers"]["partnership"]["footprint_version"] == version
    features = json.loads((geo_cache / manifest["layers"]["partnership"]["file"]).read_bytes())["features"]
    ids = [f["id"] for f in features]
    assert "tees-and-durham" in ids and "cleveland" not in ids and len(ids) == 119
