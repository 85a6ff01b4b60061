"""``/geo/<file>`` in brotli for browsers that accept it: the same bytes, smaller than gzip, its own
ETag, and a damaged or missing .br twin made again."""

from __future__ import annotations

import brotli
import pytest
from flask import Flask

from data_access.boundaries import layer_manifest, layer_url
from web.routes_boundaries import register_boundary_routes


@pytest.fixture
def client(geo_cache):
    server = Flask(__name__)
    register_boundary_routes(server)
    return server.test_client()


@pytest.mark.parametrize("accept", ["gzip, deflate, br, zstd", "br"])
def test_brotli_when_the_browser_accepts_it(client, accept):
    url = layer_url("partnership")
    plain = client.get(url, headers={"Accept-Encoding": "identity"}).data
    response = client.get(url, headers={"Accept-Encoding": accept})
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert brotli.decompress(response.data) == plain
    assert len(response.data) < layer_manifest()["layers"]["partnership"]["gzip_bytes"]
    assert response.headers["ETag"].endswith('-br"')
    again = client.get(url, headers={"Accept-Encoding": accept, "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_gzip_for_a_browser_without_brotli(client):
    response = client.get(layer_url("utla"), headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("damage", [None, b"not brotli"])
def test_a_missing_or_damaged_brotli_twin_is_made_again(client, geo_cache, damage):
    url = layer_url("region")
    twin = geo_cache / f"{url.rsplit('/', 1)[1]}.br"
    assert twin.exists(), "the build writes the .br twin beside the layer"
    if damage is None:
        twin.unlink()
    else:
        twin.write_bytes(damage)
    response = client.get(url, headers={"Accept-Encoding": "br"})
    plain = client.get(url, headers={"Accept-Encoding": "identity"}).data
    assert brotli.decompress(response.data) == plain
    assert brotli.decompress(twin.read_bytes()) == plain
