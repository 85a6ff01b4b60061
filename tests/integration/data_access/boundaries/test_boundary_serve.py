"""``/geo/<file>``: immutable caching, gzip (brotli: ``test_boundary_brotli.py``), conditional requests, and no
way out of the cache folder."""

from __future__ import annotations

import gzip
import json

import pytest
from flask import Flask

from data_access.boundaries import layer_manifest, layer_url
from data_access.boundaries.build import build_boundaries
from web.routes_boundaries import register_boundary_routes


@pytest.fixture
def client(geo_cache):
    server = Flask(__name__)
    register_boundary_routes(server)

    @server.route("/<path:path>")
    def catch_all(path):  # like Dash's page route: anything the /geo rules let through answers 200
        return "app shell"

    return server.test_client()


def test_layer_url_names_the_current_file_and_it_serves(client, geo_cache):
    url = layer_url("partnership")
    entry = layer_manifest()["layers"]["partnership"]
    assert url == f"/geo/{entry['file']}"
    response = client.get(url, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.mimetype == "application/geo+json"
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.data == (geo_cache / entry["file"]).read_bytes()
    assert len(json.loads(response.data)["features"]) == entry["features"]


def test_gzip_when_the_client_accepts_it_but_not_brotli(client, geo_cache):
    url = layer_url("utla")
    plain = client.get(url).data
    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert gzip.decompress(response.data) == plain
    assert len(response.data) == layer_manifest()["layers"]["utla"]["gzip_bytes"] < len(plain)
    refused = client.get(url, headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers and refused.data == plain


def test_a_missing_gzip_twin_is_recreated(client, geo_cache):
    url = layer_url("region")
    (geo_cache / f"{url.rsplit('/', 1)[1]}.gz").unlink()
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and gzip.decompress(response.data) == client.get(url).data
    assert (geo_cache / f"{url.rsplit('/', 1)[1]}.gz").exists()


def test_conditional_request_gets_304(client):
    url = layer_url("utla")
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data


@pytest.mark.parametrize("path", [
    "/geo/..%2Fconfig.py", "/geo/../config.py", "/geo/%2e%2e%2fconfig.py", "/geo/..%2F..%2Fetc%2Fpasswd",
    "/geo/manifest.json", "/geo/utla.000000000000.geojson", "/geo/UTLA.ABCDEF123456.geojson",
    "/geo/utla.abc.geojson", "/geo/", "/geo/%00", "/geo/utla.000000000000.geojson.gz",
    "/geo/sub/utla.000000000000.geojson", "/geo/%2Fetc%2Fpasswd", "/geo//etc/passwd",
])
def test_anything_but_an_existing_layer_file_is_404(client, path):
    layer_url("utla")  # make sure a build exists, so 404 is about the name
    assert client.get(path).status_code == 404


def test_a_file_whose_content_does_not_match_its_hash_is_not_served(client, geo_cache):
    url = layer_url("utla")
    name = url.rsplit("/", 1)[1]
    forged = name.replace(name.split(".")[1], "0" * 12)
    (geo_cache / forged).write_bytes((geo_cache / name).read_bytes())
    assert client.get(f"/geo/{forged}").status_code == 404


def test_a_damaged_current_file_is_repaired_on_request(client, geo_store, geo_cache, squares_file):
    manifest = build_boundaries(squares_file("geojson"), engine=geo_store, allow_missing=True).manifest
    name = manifest["layers"]["partnership"]["file"]
    good = (geo_cache / name).read_bytes()
    (geo_cache / name).write_bytes(b"garbage")
    response = client.get(f"/geo/{name}", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200 and response.data == good


def test_unknown_layer_name_in_layer_url(geo_cache):
    with pytest.raises(ValueError):
        layer_url("ward")
