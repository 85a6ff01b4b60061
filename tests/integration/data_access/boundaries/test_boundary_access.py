"""What the app gets: built layers, tiles when nothing was built, recovery from a damaged cache."""

from __future__ import annotations

import json
import logging

import pytest

from config import get_settings
from data_access.boundaries import LAYERS, layer_manifest, load_layer
from data_access.boundaries.build import build_boundaries


def _corrupt(cache, manifest, layer, data=b'{"type": "FeatureCollection", "features": [BROKEN'):
    (cache / manifest["layers"][layer]["file"]).write_bytes(data)


def test_built_layers_are_returned_as_built(geo_store, geo_cache, squares_file):
    manifest = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True).manifest
    assert layer_manifest() == manifest
    for name in LAYERS:
        assert load_layer(name) == json.loads((geo_cache / manifest["layers"][name]["file"]).read_bytes())


def test_corrupt_file_is_rebuilt_from_the_source(geo_store, geo_cache, squares_file, caplog):
    manifest = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True).manifest
    good = (geo_cache / manifest["layers"]["partnership"]["file"]).read_bytes()
    _corrupt(geo_cache, manifest, "partnership")
    with caplog.at_level(logging.WARNING, logger="data_access.boundaries"):
        layer = load_layer("partnership")
    assert [f["id"] for f in layer["features"]] == ["cleveland", "county-durham-and-darlington"]
    assert (geo_cache / manifest["layers"]["partnership"]["file"]).read_bytes() == good
    assert layer_manifest() == manifest  # byte-identical rebuild: same names, same manifest
    assert "missing or corrupt" in caplog.text and "rebuilt from" in caplog.text


def test_corrupt_file_without_a_usable_source_falls_back_to_tiles(geo_store, geo_cache, squares_file, caplog):
    source = squares_file("geojson")
    manifest = build_boundaries(source, engine=geo_store, allow_missing=True).manifest
    source.unlink()
    (geo_cache / manifest["layers"]["utla"]["file"]).unlink()
    with caplog.at_level(logging.WARNING, logger="data_access.boundaries"):
        layer = load_layer("utla")
    assert len(layer["features"]) == 153
    assert layer_manifest()["kind"] == "tile"
    assert "using the tile map" in caplog.text


def test_corrupt_manifest_tries_the_configured_source(geo_store, geo_cache, squares_file, monkeypatch, caplog):
    build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True)
    (geo_cache / "manifest.json").write_text("{oops")
    assert layer_manifest()["kind"] == "tile"  # no CDP_BOUNDARIES: tiles

    monkeypatch.setenv("CDP_BOUNDARIES", str(squares_file("gpkg")))
    get_settings.cache_clear()
    (geo_cache / "manifest.json").write_text("[]")
    # The configured source is partial, and the options went with the manifest: strict checks apply.
    with caplog.at_level(logging.WARNING, logger="data_access.boundaries"):
        assert layer_manifest()["kind"] == "tile"
    assert "have no boundary" in caplog.text


def test_the_configured_source_is_used_when_it_is_complete(geo_store, geo_cache, shared_data, monkeypatch):
    monkeypatch.setenv("CDP_BOUNDARIES", str(shared_data / "boundaries/ctyua_dec2024_en_buc_wgs84.geojson"))
    get_settings.cache_clear()
    geo_cache.mkdir(parents=True)
    (geo_cache / "manifest.json").write_text("not json")
    manifest = layer_manifest()
    assert manifest["kind"] == "boundary" and manifest["layers"]["utla"]["features"] == 153


def test_a_url_source_is_never_downloaded_while_serving(geo_store, geo_cache, squares_file, monkeypatch, caplog):
    manifest = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True).manifest
    manifest["layers"]["utla"]["source"] = "https://example.invalid/boundaries.geojson"
    (geo_cache / "manifest.json").write_text(json.dumps(manifest))
    (geo_cache / manifest["layers"]["utla"]["file"]).unlink()

    def no_network(*args, **kwargs):
        raise AssertionError("the web process must not download boundaries")

    monkeypatch.setattr("requests.get", no_network)
    with caplog.at_level(logging.WARNING, logger="data_access.boundaries"):
        assert layer_manifest()["kind"] == "tile"
    assert "not downloading https://example.invalid/boundaries.geojson" in caplog.text


def test_no_build_gives_the_tile_map(geo_cache, caplog):
    with caplog.at_level(logging.INFO, logger="data_access.boundaries"):
        layer = load_layer("utla")
    assert layer["type"] == "FeatureCollection" and len(layer["features"]) == 153
    assert layer["features"][0]["geometry"]["type"] == "Polygon"
    assert layer_manifest()["kind"] == "tile"
    assert (geo_cache / "manifest.json").exists()
    assert "using the tile map" in caplog.text
    assert set(layer_manifest()["layers"]) == set(LAYERS)


def test_unknown_layer_is_a_programming_error(geo_cache):
    with pytest.raises(ValueError, match="unknown layer"):
        load_layer("lsoa")


def test_unwritable_cache_keeps_the_tile_map_in_memory(tmp_path, monkeypatch, geo_cache, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CDP_BOUNDARY_CACHE", str(blocker / "geo"))
    get_settings.cache_clear()
    with caplog.at_level(logging.WARNING, logger="data_access.boundaries"):
        layer = load_layer("partnership")
    assert len(layer["features"]) == 120
    assert "keeping it in memory" in caplog.text
