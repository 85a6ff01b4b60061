"""Web input: uploads streamed to disk and bounded per user, strict query values, the configured public
address in board packs, one-line logs for bad input, and HSTS over HTTPS."""

from __future__ import annotations

import io
import logging
import threading

import pytest
from flask import Flask

from data_access import uploads
from layouts._shared.bad_input import BadInput
from tests.integration.web.test_errors_and_headers import ORIGIN, temporary_callback  # noqa: F401  (fixture)
from tests.support.fixtures.security import marker_csv
from web import routes_upload

PACK = "/partnership/E06000001/pack.pdf"


@pytest.fixture
def settings_env(monkeypatch, tmp_path):
    """``set(NAME=value, …)`` changes environment settings for one test."""
    import config

    monkeypatch.setenv("CDP_UPLOAD_DIR", str(tmp_path / "uploads"))

    def change(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        config.get_settings.cache_clear()

    change()
    yield change
    config.get_settings.cache_clear()


class Blocks(io.RawIOBase):
    """A request body of ``size`` bytes that counts the largest read asked of it."""

    def __init__(self, size: int) -> None:
        self.left, self.largest = size, 0

    def read(self, n: int = -1) -> bytes:
        self.largest = max(self.largest, n)
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return b"a" * n


def test_a_received_file_is_copied_a_block_at_a_time_and_kept_for_its_user_only(settings_env):
    body = Blocks(3 * 1024 * 1024)
    got = uploads.receive(body, user="alice", file_name="C:\\data\\local figures.csv")
    assert body.largest == uploads.BLOCK and got.size == 3 * 1024 * 1024 and got.file_name == "local figures.csv"
    path = uploads.path_of("alice", got.token)
    assert path.name == "local figures.csv" and path.stat().st_size == got.size
    assert uploads.path_of("bob", got.token) is None
    assert uploads.path_of("alice", "../" + got.token) is None and uploads.path_of("alice", {"x": 1}) is None
    uploads.discard("alice", got.token)
    assert uploads.path_of("alice", got.token) is None


def test_a_body_over_the_limit_or_empty_is_refused_and_leaves_nothing(settings_env, tmp_path):
    with pytest.raises(uploads.UploadRefused, match="too large") as refused:
        uploads.receive(Blocks(1001), user="alice", file_name="big.csv", limit=1000)
    assert refused.value.status == 413
    with pytest.raises(uploads.UploadRefused, match="empty"):
        uploads.receive(io.BytesIO(b""), user="alice", file_name="empty.csv")
    assert not [p for p in (tmp_path / "uploads").rglob("*") if p.is_file() and p.suffix != ".lock"]


def test_files_older_than_an_hour_are_swept(settings_env):
    got = uploads.receive(io.BytesIO(b"x"), user="alice", file_name="a.csv")
    uploads.sweep(now=__import__("time").time() + uploads.KEEP_SECONDS + 1)
    assert uploads.path_of("alice", got.token) is None


def test_one_upload_at_a_time_per_user_and_a_bounded_number_per_host(settings_env, monkeypatch):
    settings_env(CDP_UPLOAD_SLOTS="1")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:  # another worker thread holding alice's turn and the host's only slot
        with uploads.user_turn("alice"), uploads.host_slot():
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    try:
        with pytest.raises(uploads.UploadRefused, match="Another file of yours") as refused, uploads.user_turn("alice"):
            pass
        assert refused.value.status == 429
        with uploads.user_turn("bob"), pytest.raises(uploads.UploadRefused, match="busy"), uploads.host_slot(wait=0.3):
            pass
    finally:
        release.set()
        thread.join()
    with uploads.user_turn("alice"), uploads.host_slot(wait=0):
        pass


@pytest.fixture
def upload_client(settings_env, monkeypatch):
    """The upload route alone, signed in as alice."""
    monkeypatch.setattr(routes_upload, "current_user", lambda: "alice")
    server = Flask(__name__)
    routes_upload.register_upload_routes(server)
    return server.test_client()


def _post(client, body: bytes, name: str = "local.csv", kind: str = "text/csv", **headers):
    return client.post("/upload/file", data=body, headers={"X-File-Name": name, "Content-Type": kind, **headers})


def test_the_upload_route_answers_a_token_or_why_not(upload_client, monkeypatch):
    answer = _post(upload_client, marker_csv(), name="local%20figures.csv")
    assert answer.status_code == 200 and answer.json["file_name"] == "local figures.csv"
    assert uploads.path_of("alice", answer.json["upload"]).read_bytes() == marker_csv()

    too_big = upload_client.post("/upload/file", data=b"x" * 10, environ_overrides={"CONTENT_LENGTH": str(50 << 20)},
                                 headers={"X-File-Name": "big.csv", "Content-Type": "text/csv"})
    assert too_big.status_code == 413 and "too large (50.0 MB)" in too_big.json["error"]
    assert "20 MB" in too_big.json["error"]

    wrong = _post(upload_client, b"%PDF-1.7", name="minutes.pdf", kind="application/pdf")
    assert wrong.status_code == 415 and "not a CSV file" in wrong.json["error"]
    with uploads.user_turn("alice"):
        busy = _post(upload_client, b"abc")
    assert busy.status_code == 429 and "Another file of yours" in busy.json["error"]


def test_the_upload_route_needs_a_signed_in_user(settings_env, monkeypatch):
    monkeypatch.setattr(routes_upload, "current_user", lambda: None)
    server = Flask(__name__)
    routes_upload.register_upload_routes(server)
    answer = _post(server.test_client(), marker_csv())
    assert answer.status_code == 401 and "sign in again" in answer.json["error"]


@pytest.mark.parametrize("release", ["²", "١٢", "1²", "0x10", "1e3", "-1", "9" * 40, "1.0", "%00"])
def test_a_release_that_is_not_ascii_digits_is_a_helpful_400(client, release):
    answer = client.get(PACK, query_string={"release": release})
    assert answer.status_code == 400 and b"whole number" in answer.data


def test_the_pack_prints_the_configured_address_never_the_host_header(client, monkeypatch, settings_env):
    from presentation.boardpack import find_partnership
    from web import routes_boardpack

    pack = f"/partnership/{find_partnership('E06000001')['code']}/pack.pdf"
    printed: list[str] = []
    monkeypatch.setattr(routes_boardpack, "pack_pdf", lambda *a, pack_url, **k: printed.append(pack_url) or b"%PDF")
    monkeypatch.setattr(routes_boardpack, "release_record", lambda release_id: {"id": release_id})
    assert client.get(pack + "?release=1", headers={"Host": "evil.example"}).status_code == 200
    settings_env(CDP_PUBLIC_URL="https://cdp.example.org/")
    client.get(pack + "?release=1", headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
    assert printed == [f"{pack}?release=1", f"https://cdp.example.org{pack}?release=1"]
    assert not any("evil" in url for url in printed)


@pytest.mark.parametrize("value", ["javascript:alert(1)", "https://a b", "cdp.example.org", "https://x/?q=<b>"])
def test_a_public_address_that_is_not_an_http_address_is_refused_at_start(settings_env, value):
    import config

    settings_env(CDP_PUBLIC_URL=value)
    with pytest.raises(ValueError, match="CDP_PUBLIC_URL"):
        config.get_settings()


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/health").headers
    forged = client.get("/health", headers={"X-Forwarded-Proto": "https"})  # no proxy is trusted by default
    assert "Strict-Transport-Security" not in forged.headers
    secure = client.get("/health", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_behind_a_trusted_proxy(settings_env):
    import dash

    from web.security import register_security

    settings_env(CDP_TRUST_PROXY="1")
    app = dash.Dash(__name__, pages_folder="", use_pages=False)
    app.layout = dash.html.Div()
    register_security(app)
    proxied = app.server.test_client().get("/_dash-layout", headers={"X-Forwarded-Proto": "https"})
    assert proxied.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    plain = app.server.test_client().get("/_dash-layout", headers={"X-Forwarded-Proto": "http"})
    assert "Strict-Transport-Security" not in plain.headers


def _records(caplog, level=logging.INFO):
    return [r for r in caplog.records if r.name == "web.security" and r.levelno >= level]


def test_a_refused_callback_value_is_one_line_and_a_fault_keeps_its_traceback(client, temporary_callback, caplog):  # noqa: F811
    def refuse(value):
        raise BadInput(f"no such measure {value!r}\n" + "x" * 5000)

    def fault(value):
        raise ZeroDivisionError("a real bug")

    with caplog.at_level(logging.INFO, logger="web.security"):
        client.post("/_dash-update-component", json=temporary_callback(refuse), headers=ORIGIN)
    [line] = _records(caplog)
    assert line.getMessage().startswith("bad input: ") and line.exc_info is None and len(line.getMessage()) < 300
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="web.security"):
        client.post("/_dash-update-component", json=temporary_callback(fault), headers=ORIGIN)
    [error] = _records(caplog)
    assert error.levelno == logging.ERROR and error.exc_info is not None


@pytest.mark.parametrize("value", [{"x": 1}, [{"a": 1}], {"deep": [1, 2]}])
def test_a_value_of_the_wrong_kind_is_refused_before_any_callback_with_one_line(client, temporary_callback, caplog,  # noqa: F811
                                                                              value):
    payload = temporary_callback(lambda v: v)
    payload["inputs"][0]["value"] = value
    with caplog.at_level(logging.INFO, logger="web.security"):
        answer = client.post("/_dash-update-component", json=payload, headers=ORIGIN)
    assert answer.status_code == 400 and "value" in answer.json["error"]
    [line] = _records(caplog)
    assert line.getMessage().startswith("bad input: ") and line.exc_info is None


def test_hostile_values_for_every_real_callback_log_no_traceback(client, caplog):
    """Every callback the app has, sent values of every wrong kind: no traceback in the log, no 500."""
    import json

    from tests.support.live import dash_payload

    dependencies = json.loads(client.get("/_dash-dependencies").data)
    hostile = [{"x": 1}, [1, 2], 12345, "nonsense-value", "²", True, -1.5, "/" + "x" * 5000, "?slide=²"]
    with caplog.at_level(logging.INFO):
        for dependency in dependencies:
            for value in hostile:
                payload = dash_payload(dependency, [value] * len(dependency["inputs"]),
                                       [value] * len(dependency.get("state", [])))
                assert client.post("/_dash-update-component", json=payload).status_code < 500
    tracebacks = sorted({(repr(r.exc_info[1])[:80], _where(r.exc_info[2])) for r in caplog.records if r.exc_info})
    assert not tracebacks, tracebacks[:5]


def _where(trace) -> str:
    """The app's last frames of a traceback, to say which callback failed."""
    import traceback

    frames = [f for f in traceback.extract_tb(trace) if "site-packages" not in f.filename]
    return ", ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in frames[-3:])
