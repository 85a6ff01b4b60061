"""The cache goes away (Redis at a closed port) or its files rot (boundary layers): pages still serve."""

from __future__ import annotations

import logging
import time

import pytest
import requests

from tests.support.fixtures.security import demo_copy_url  # noqa: F401  (fixture)
from tests.support.live import AppProcess, dash_payload, find_dependency, free_port

DOWNLOAD = "/download/observations.csv?metric=successful_completions_adults"


def test_pages_serve_uncached_when_redis_is_unreachable(demo_copy_url, tmp_path):  # noqa: F811
    env = {"DATABASE_URL": demo_copy_url, "CDP_MODE": "public", "CACHE_TYPE": "RedisCache",
           "CACHE_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0", "CDP_INSTANCE_DIR": str(tmp_path)}
    with AppProcess(env, tmp_path / "app.log", workers=2) as app:
        base = app.url
        for path in ("/", "/_dash-layout", "/ready", DOWNLOAD, DOWNLOAD):
            started = time.monotonic()
            response = requests.get(base + path, timeout=30)
            assert response.status_code == 200, (path, response.text[:300])
            assert time.monotonic() - started < 10
        dependencies = requests.get(base + "/_dash-dependencies").json()
        router = find_dependency(dependencies, "_pages_content.children")
        shell = find_dependency(dependencies, "shell-banners.children")
        for path in ("/", "/outcome/treatment", "/compare", "/partnership/E06000001"):
            page = requests.post(base + "/_dash-update-component", json=dash_payload(router, [path, ""]), timeout=30)
            assert page.status_code == 200 and "_pages_content" in page.text
        banner = requests.post(base + "/_dash-update-component", json=dash_payload(shell, ["/"]), timeout=30)
        assert banner.status_code == 200 and "temporarily unavailable" not in banner.text
        pack = requests.get(base + "/partnership/isles-of-scilly/pack.pdf", timeout=120)
        assert pack.status_code == 200, pack.text[:300]
        log = app.log()
    assert 1 <= log.count("shared cache unavailable") <= 2  # one line per worker: its breaker opened once
    assert log.count("Traceback") == 0


@pytest.fixture
def boundary_cache(app_store, tmp_path, monkeypatch):
    """An empty boundary cache folder for the in-process app (no boundary source: the tile map is built)."""
    monkeypatch.setenv("CDP_BOUNDARY_CACHE", str(tmp_path / "boundaries"))
    monkeypatch.delenv("CDP_BOUNDARIES", raising=False)
    app_store()
    return tmp_path / "boundaries"


def test_a_corrupt_or_missing_boundary_file_is_rebuilt_and_logged(client, boundary_cache, caplog):
    from data_access.boundaries.access import layer_url

    url = layer_url("utla")
    first = client.get(url, headers={"Accept-Encoding": "identity"})
    assert first.status_code == 200 and first.json["type"] == "FeatureCollection"
    cached = boundary_cache / url.rsplit("/", 1)[1]
    cached.write_bytes(b'{"type": "FeatureCollection", "features": [garbage')
    with caplog.at_level(logging.INFO, logger="data_access.boundaries"):
        again = client.get(url, headers={"Accept-Encoding": "identity"})
    assert again.status_code == 200 and again.data == first.data  # rebuilt byte for byte
    assert "boundary cache" in caplog.text
    caplog.clear()
    cached.unlink()
    for name in boundary_cache.glob("*.json"):
        name.unlink()  # the manifest too: nothing left at all
    with caplog.at_level(logging.INFO, logger="data_access.boundaries"):
        url_after = layer_url("utla")
        rebuilt = client.get(url_after, headers={"Accept-Encoding": "identity"})
    assert rebuilt.status_code == 200 and rebuilt.json["features"]
    assert "boundary cache" in caplog.text
    assert client.get(url.replace(".geojson", "x.geojson")).status_code == 404
