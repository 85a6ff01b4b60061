"""Building layers from a (synthetic) boundary file: hashed output, dissolves, problems, idempotence."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest
import shapely
from shapely.geometry import shape

from data_access.boundaries.build import build_boundaries, refresh_partnership_layer
from data_access.boundaries.footprints import load_footprint_file
from data_access.boundaries.source import BoundaryError

SIX = ["E06000001", "E06000002", "E06000003", "E06000004", "E06000005", "E06000047"]


def _layer(cache, manifest, name):
    return json.loads((cache / manifest["layers"][name]["file"]).read_bytes())


def test_build_writes_hashed_layers_and_a_manifest(geo_store, geo_cache, squares_file):
    report = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True)
    manifest = report.manifest

    assert manifest["kind"] == "boundary"
    assert set(manifest["layers"]) == {"utla", "partnership", "region", "utla_2021"}
    for name, entry in manifest["layers"].items():
        data = (geo_cache / entry["file"]).read_bytes()
        assert entry["file"] == f"{name}.{hashlib.sha256(data).hexdigest()[:12]}.geojson"
        assert entry["bytes"] == len(data)
        packed = (geo_cache / f"{entry['file']}.gz").read_bytes()
        assert entry["gzip_bytes"] == len(packed) and gzip.decompress(packed) == data
        assert entry["source"].endswith("squares.geojson") and entry["kind"] == "boundary"
    assert json.loads((geo_cache / "manifest.json").read_text()) == manifest
    assert any("have no boundary" in w for w in report.warnings)

    utla = _layer(geo_cache, manifest, "utla")
    assert [f["id"] for f in utla["features"]] == SIX
    assert utla["features"][0]["properties"] == {"code": "E06000001", "name": "Hartlepool"}
    lon, lat = shapely.get_coordinates(shape(utla["features"][0]["geometry"])).mean(axis=0)
    assert -1.5 < lon < -1.0 and 54.4 < lat < 54.8  # reprojected from British National Grid

    regions = _layer(geo_cache, manifest, "region")
    assert [f["id"] for f in regions["features"]] == ["E12000001"]
    assert [f["id"] for f in _layer(geo_cache, manifest, "utla_2021")["features"]] == SIX


def test_partnerships_are_dissolved_from_the_simplified_authorities(geo_store, geo_cache, squares_file):
    manifest = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True).manifest
    members = {f["id"]: shape(f["geometry"]) for f in _layer(geo_cache, manifest, "utla")["features"]}
    partnerships = {f["id"]: f for f in _layer(geo_cache, manifest, "partnership")["features"]}

    assert sorted(partnerships) == ["cleveland", "county-durham-and-darlington"]
    cleveland = shape(partnerships["cleveland"]["geometry"])
    assert cleveland.geom_type == "Polygon" and not cleveland.interiors
    assert partnerships["cleveland"]["properties"] == {"code": "cleveland", "name": "Cleveland"}
    union = shapely.union_all([members[c] for c in SIX[:4]])
    assert shapely.symmetric_difference(cleveland, union).area < 1e-12
    assert manifest["layers"]["partnership"]["footprint_version"] == 1
    # Exterior rings clockwise (d3/Plotly geo convention).
    assert not cleveland.exterior.is_ccw


def test_every_format_gives_the_same_layers(geo_store, squares_file):
    files = {fmt: build_boundaries(squares_file(fmt), engine=geo_store, allow_missing=True).manifest["layers"]["utla"]["file"]
             for fmt in ("geojson", "shp", "zip", "gpkg")}
    assert len(set(files.values())) == 1, files


def test_rebuilding_the_same_input_changes_nothing(geo_store, geo_cache, squares_file):
    source = squares_file("geojson")
    build_boundaries(source, engine=geo_store, allow_missing=True)
    before = {p.name: p.read_bytes() for p in geo_cache.iterdir()}
    build_boundaries(source, engine=geo_store, allow_missing=True)
    assert {p.name: p.read_bytes() for p in geo_cache.iterdir()} == before


def test_missing_and_unknown_codes_are_listed_and_nothing_is_written(geo_store, geo_cache, squares_file, squares_frame):
    with pytest.raises(BoundaryError) as error:
        build_boundaries(squares_file("geojson"), engine=geo_store)
    assert any(p.startswith("147 authorities in force on") and "E09000001 (City of London)" in p
               for p in error.value.problems)

    odd = squares_frame({(0, 0): "E07000008", (1, 0): "E10000006", (2, 0): "E12000001", (3, 0): "E06000001"})
    with pytest.raises(BoundaryError) as error:
        build_boundaries(squares_file("gpkg", odd), engine=geo_store, allow_missing=True)
    problems = error.value.problems
    assert any(p.startswith("E07000008: unknown code") and "lower-tier" in p for p in problems)
    assert any(p.startswith("E10000006 (Cumbria): not in force") and "--vintage 2021" in p for p in problems)
    assert any(p.startswith("E12000001 (North East): a region") for p in problems)
    assert not geo_cache.exists() or not any(geo_cache.iterdir())


def test_an_earlier_vintage_needs_a_current_build_and_survives_rebuilds(geo_store, geo_cache, squares_file, squares_frame):
    old = squares_frame({(0, 0): "E10000006", (1, 0): "E06000001"})
    with pytest.raises(BoundaryError, match="build the current boundaries first"):
        build_boundaries(squares_file("shp", old), engine=geo_store, vintage=2021, allow_missing=True)

    current = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True).manifest
    assert current["layers"]["utla_2021"]["derived_from"] == "utla"
    vintage = build_boundaries(squares_file("shp", old), engine=geo_store, vintage=2021, allow_missing=True).manifest
    entry = vintage["layers"]["utla_2021"]
    assert "derived_from" not in entry and entry["features"] == 2
    assert {k: v for k, v in vintage["layers"].items() if k != "utla_2021"} == \
        {k: v for k, v in current["layers"].items() if k != "utla_2021"}
    rebuilt = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True).manifest
    assert rebuilt["layers"]["utla_2021"] == entry


def test_a_new_footprint_redraws_the_partnership_layer(geo_store, geo_cache, squares_file, footprint_csv):
    source = squares_file("geojson")
    first = build_boundaries(source, engine=geo_store, allow_missing=True).manifest
    split = {code: {"partnership_code": "north-tees", "partnership_name": "North Tees"}
             for code in ("E06000001", "E06000004")}
    loaded = load_footprint_file(footprint_csv(change=split), engine=geo_store)

    refreshed = refresh_partnership_layer(engine=geo_store)
    entry = refreshed["layers"]["partnership"]
    assert entry["footprint_version"] == loaded.version_id != first["layers"]["partnership"]["footprint_version"]
    assert entry["file"] != first["layers"]["partnership"]["file"]
    ids = [f["id"] for f in _layer(geo_cache, refreshed, "partnership")["features"]]
    assert ids == ["cleveland", "county-durham-and-darlington", "north-tees"]
    assert {k: v for k, v in refreshed["layers"].items() if k != "partnership"} == \
        {k: v for k, v in first["layers"].items() if k != "partnership"}
    # Redrawing from the cached authority layer equals a full rebuild from the source.
    assert build_boundaries(source, engine=geo_store, allow_missing=True).manifest["layers"]["partnership"] == entry


def test_refresh_without_a_build_does_nothing(geo_store, geo_cache):
    assert refresh_partnership_layer(engine=geo_store) is None
    assert not geo_cache.exists()


def test_cached_files_are_readable_by_the_web_server_user(geo_store, geo_cache, squares_file):
    build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True)
    assert {oct(p.stat().st_mode & 0o777) for p in geo_cache.iterdir()} == {"0o644"}
