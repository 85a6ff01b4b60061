"""The tile (hex) cartogram built from committed centroids alone."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import shapely
from shapely.geometry import shape

from data_access.boundaries.facts import areas_from_csv, authorities_on, footprint_from_csv
from data_access.boundaries.tiles import build_tile_layers


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


def test_tile_layers_cover_all_authorities_and_partnerships(geo_cache):
    manifest = build_tile_layers()
    assert manifest["kind"] == "tile"
    assert {e["kind"] for e in manifest["layers"].values()} == {"tile"}
    layers = {name: json.loads((geo_cache / entry["file"]).read_bytes()) for name, entry in manifest["layers"].items()}

    assert [f["id"] for f in layers["utla"]["features"]] == sorted(authorities_on(areas_from_csv(), date.today()))
    footprint = footprint_from_csv()  # no store here: the committed default footprint is used
    current = {f["id"] for f in layers["utla"]["features"]}
    expected = {code for code, members in footprint.members.items() if current & set(members)}
    partnerships = {f["id"]: shape(f["geometry"]) for f in layers["partnership"]["features"]}
    assert set(partnerships) == expected and len(expected) == 120
    assert manifest["layers"]["partnership"]["footprint_version"] is None
    contiguous = sum(geom.geom_type == "Polygon" for geom in partnerships.values())
    assert contiguous / len(partnerships) > 0.95
    assert shapely.coverage_is_valid(np.array(list(partnerships.values()), dtype=object))
    assert len(layers["region"]["features"]) == 9
    before = {f["id"] for f in layers["utla_2021"]["features"]}
    assert {"E10000006", "E10000023", "E10000027"} <= before and "E06000063" not in before and len(before) == 152
