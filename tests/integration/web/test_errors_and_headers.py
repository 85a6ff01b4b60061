"""No stack traces or internal paths in any answer, short error pages, and the security headers."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from dash import Input, Output
from sqlalchemy.exc import OperationalError

LEAKS = re.compile(r"Traceback|File \"|/work/|site-packages|\.py\b|line \d+, in ", re.I)
ORIGIN = {"Origin": "http://localhost"}


def assert_no_leak(response) -> None:
    body = response.get_data(as_text=True)
    assert not LEAKS.search(body), body[:500]
    assert len(body) < 2000


@pytest.fixture
def temporary_callback():
    """``add(func)`` registers ``func`` as a callback for one test (Dash-wrapped, so ``on_error`` applies)."""
    from app import app

    added: set[str] = set()

    def add(func) -> dict:
        before = set(app.callback_map)
        number = len(added)
        app.callback(Output(f"test-out-{number}", "children"), Input(f"test-in-{number}", "value"))(func)
        key = next(iter(set(app.callback_map) - before))
        added.add(key)
        return {"output": key, "outputs": {"id": f"test-out-{number}", "property": "children"},
                "inputs": [{"id": f"test-in-{number}", "property": "value", "value": "x"}],
                "changedPropIds": [f"test-in-{number}.value"], "state": []}

    yield add
    for key in added:
        app.callback_map.pop(key, None)
    app._callback_list[:] = [c for c in app._callback_list if c.get("output") not in added]


def test_a_callback_that_raises_answers_without_a_traceback(client, temporary_callback, caplog):
    def explode(value):
        raise ValueError(f"boom in /work/main/secret_module.py with {value!r}")

    response = client.post("/_dash-update-component", json=temporary_callback(explode), headers=ORIGIN)
    assert response.status_code in (200, 204)
    assert_no_leak(response)
    assert "boom in /work/main/secret_module.py" in caplog.text  # the details go to the log only


def test_a_callback_that_loses_the_store_shows_the_unavailable_banner(client, temporary_callback):
    def lose_store(value):
        raise OperationalError("SELECT 1", {}, Exception("connection refused to /var/run/postgresql"))

    response = client.post("/_dash-update-component", json=temporary_callback(lose_store), headers=ORIGIN)
    assert response.status_code == 200
    assert "Data temporarily unavailable" in response.get_data(as_text=True)
    assert_no_leak(response)


def test_a_route_that_raises_answers_500_briefly(client, monkeypatch, caplog):
    from web import routes

    def explode(*_args, **_kwargs):
        raise RuntimeError("failure at /work/main/data_access/read/downloads.py")

    monkeypatch.setattr(routes, "observations_download", explode)
    response = client.get("/download/observations.csv?metric=successful_completions_adults")
    assert response.status_code == 500
    assert_no_leak(response)
    assert "RuntimeError" in caplog.text


def test_a_route_that_loses_the_store_answers_503(client, monkeypatch):
    from web import routes

    def lose_store(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("could not connect to server at /tmp/.s.PGSQL.5432"))

    monkeypatch.setattr(routes, "observations_download", lose_store)
    response = client.get("/download/observations.csv?metric=successful_completions_adults")
    assert response.status_code == 503
    assert "temporarily unavailable" in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "30"
    assert_no_leak(response)


@pytest.mark.parametrize(("method", "path", "status"), [
    ("get", "/geo/not-a-layer.geojson", 404),
    ("get", "/_dash-component-suites/nope/nope.js", 404),
    ("get", "/assets/../app.py", 404),
    ("post", "/", 405),
    ("put", "/download/observations.csv", 405),
    ("post", "/_dash-update-component", 400),
])
def test_error_answers_are_short(client, method, path, status):
    response = getattr(client, method)(path, headers=ORIGIN)
    assert response.status_code == status
    assert_no_leak(response)


def test_an_oversized_request_is_refused_with_a_clear_message(client):
    big = b"x" * (33 * 1024 * 1024)
    response = client.post("/_dash-update-component", data=big, content_type="application/json", headers=ORIGIN)
    assert response.status_code == 413
    assert "20 MB" in response.get_data(as_text=True)


def _inline_scripts(html: str) -> list[str]:
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)  # e.g. Dash's <!--[if IE]> warning, never run
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
    return [body for attributes, body in scripts if "application/json" not in attributes]


def test_headers_and_a_csp_without_unsafe_inline_scripts(client):
    response = client.get("/")
    headers = response.headers
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == "'none'" and csp["base-uri"] == "'self'" and csp["form-action"] == "'self'"
    assert csp["connect-src"] == "'self'" and "blob:" in csp["worker-src"] and csp["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    # Every inline script Dash writes into the page is allowed by its hash, and nothing else is.
    for script in _inline_scripts(response.get_data(as_text=True)):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["script-src"]
    for path in ("/_dash-layout", "/download/observations.csv?metric=nope", "/ready"):
        assert client.get(path).headers["X-Frame-Options"] == "DENY"


def test_public_responses_set_no_cookie(client):
    for path in ("/", "/_dash-layout", "/ready", "/download/observations.csv?metric=successful_completions_adults"):
        assert "Set-Cookie" not in client.get(path).headers


def test_fingerprinted_assets_are_cached_for_a_year_and_others_are_not(client):
    """An asset asked for by its ``?m=`` address never changes under it; one asked for without may."""
    fingerprinted = client.get("/assets/theme.css?m=1")
    assert fingerprinted.status_code == 200
    assert fingerprinted.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "immutable" not in client.get("/assets/theme.css").headers.get("Cache-Control", "")
    assert "immutable" not in client.get("/download/observations.csv?metric=nope").headers.get("Cache-Control", "")
