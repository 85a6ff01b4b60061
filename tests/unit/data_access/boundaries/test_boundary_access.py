"""What the app gets: built layers, tiles when nothing was built, recovery from a damaged cache."""

from __future__ import annotations

import logging

import pytest

from config import get_settings
from data_access.boundaries import LAYERS, layer_manifest, load_layer


def _corrupt(cache, manifest, layer, data=b'{"type": "FeatureCollection", "features": [BROKEN'):
    (cache / manifest["layers"][layer]["file"]).write_bytes(data)


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


