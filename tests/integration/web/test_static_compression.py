"""Scripts and stylesheets go out as their best brotli or gzip copy once it is made, as the same bytes,
with an ETag of their own; what a chart page names is the app's plotly.js and none of the unused scripts."""

from __future__ import annotations

import gzip
import re
import time

import brotli
import pytest

from layouts._shared.chart_script import PLOTLY_FILE, PLOTLY_PATH

BOOTSTRAP = "/assets/00_bootstrap.min.css"


def _settled(client, url: str, encoding: str):
    """The response once its compressed copy is made (the first request has it made in the background)."""
    deadline = time.monotonic() + 60
    while True:
        response = client.get(url, headers={"Accept-Encoding": encoding})
        if response.headers.get("ETag", "").endswith(f'-{encoding.split(",")[0].strip()}"') or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


@pytest.mark.parametrize(("encoding", "decode"), [("br, gzip", brotli.decompress), ("gzip", gzip.decompress)])
def test_the_plotly_bundle_goes_out_as_its_best_copy(client, encoding, decode):
    response = _settled(client, f"/{PLOTLY_PATH}", encoding)
    plain = PLOTLY_FILE.read_bytes()
    assert response.headers["Content-Encoding"] == encoding.split(",")[0]
    assert decode(response.data) == plain
    assert int(response.headers["Content-Length"]) == len(response.data) < len(plain) * 0.4
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    again = client.get(f"/{PLOTLY_PATH}", headers={"Accept-Encoding": encoding,
                                                   "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_brotli_beats_what_flask_compress_sends_on_the_fly(client):
    on_the_fly = brotli.compress(PLOTLY_FILE.read_bytes(), quality=4)
    assert len(_settled(client, f"/{PLOTLY_PATH}", "br").data) < 0.9 * len(on_the_fly)


def test_a_gzip_only_browser_gets_bootstrap_compressed(client):
    response = _settled(client, BOOTSTRAP, "gzip")
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.data) < 40_000 < len(gzip.decompress(response.data))


def test_a_browser_that_accepts_no_encoding_gets_the_file(client):
    _settled(client, BOOTSTRAP, "br")
    response = client.get(BOOTSTRAP, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers and len(response.data) > 200_000


def test_component_scripts_are_compressed_too(client):
    html = client.get("/compare").get_data(as_text=True)
    dcc = re.search(r'src="(/_dash-component-suites/dash/dcc/dash_core_components\.[^"]+)"', html).group(1)
    response = _settled(client, dcc, "br")
    assert response.headers["Content-Encoding"] == "br" and b"dash_core_components" in brotli.decompress(response.data)


@pytest.mark.parametrize("path", ["/compare", "/outcome/recovery", "/partnership/greater-manchester"])
def test_a_chart_page_names_the_apps_plotly_and_no_unused_script(client, path):
    html = client.get(path).get_data(as_text=True)
    assert html.count(PLOTLY_PATH) == 1
    for absent in ("plotly.min.js", "dash_table/", "polyfill@"):
        assert absent not in html
    assert "dash_renderer" in html and "dash_core_components" in html


def test_the_favicon_is_the_apps_own_and_small(client):
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="icon" type="image/x-icon" href="([^"]+)">', html).group(1)
    response = client.get(href)
    assert response.status_code == 200 and len(response.data) < 2_000
