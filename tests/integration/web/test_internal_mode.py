"""CDP_MODE=internal end to end: a real server (gunicorn, two workers) in its own process.

Sign-in guards every page and Dash endpoint, the forms need a session token and a same-origin POST,
the lock-out is shared by the workers through the store, the banner is shown, and the upload page
checks, previews and (only on confirmation) loads a file as an audited internal release.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import requests
from sqlalchemy import select

from data_access.db import make_engine
from data_access.models import Release, UploadAudit
from data_access.users import add_user
from tests.support.fixtures.security import MARKER, METRIC, marker_csv
from tests.support.live import ROOT, AppProcess, dash_payload, find_dependency

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def internal(demo_store_url: str, tmp_path_factory) -> Iterator[dict]:
    folder = tmp_path_factory.mktemp("internal")
    store = folder / "store.sqlite3"
    store.write_bytes(Path(demo_store_url.removeprefix("sqlite:///")).read_bytes())
    url = f"sqlite:///{store}"
    engine = make_engine(url)
    add_user(engine, "alice", PASSWORD)
    engine.dispose()
    env = {"CDP_MODE": "internal", "DATABASE_URL": url, "SECRET_KEY": "test-secret-" + "x" * 32,
           "CDP_INSECURE_COOKIES": "1", "CACHE_TYPE": "SimpleCache", "CDP_INSTANCE_DIR": str(folder),
           # Every test here signs in from 127.0.0.1: the per-address limit is tested in test_auth.py.
           "CDP_SIGNIN_LIMIT": "1000 per minute"}
    with AppProcess(env, folder / "app.log", workers=2) as app:
        yield {"url": app.url, "db": url, "env": env, "app": app}


def _session(base: str) -> requests.Session:
    session = requests.Session()
    session.headers["Origin"] = base
    return session


def _token(session: requests.Session, base: str, path: str = "/signin") -> str:
    page = session.get(base + path, allow_redirects=False)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def sign_in(base: str, name: str = "alice", password: str = PASSWORD, **extra) -> tuple[requests.Session, requests.Response]:
    session = _session(base)
    data = {"name": name, "password": password, "csrf_token": _token(session, base), **extra}
    response = session.post(f"{base}/signin", data=data, allow_redirects=False)
    if response.status_code == 302:  # the signed-in session's token, sent as the upload page's script sends it
        session.headers["X-CSRFToken"] = _token(session, base, "/signout")
    return session, response


def flask_cli(internal: dict, *args: str) -> str:
    env = {**internal["env"], "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_page_and_dash_endpoint_needs_sign_in(internal):
    base = internal["url"]
    for path in ("/", "/upload", "/outcome/treatment", "/compare", "/no-such-page", "/assets/url_state.js",
                 f"/download/observations.csv?metric={METRIC}", "/geo/utla.0123456789ab.geojson"):
        response = requests.get(base + path, allow_redirects=False)
        assert response.status_code == 302 and response.headers["Location"].startswith("/signin?next="), path
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert requests.get(base + path).status_code == 401
    posted = requests.post(f"{base}/_dash-update-component", json={"output": "x"}, headers={"Origin": base})
    assert posted.status_code == 401 and "Traceback" not in posted.text
    for path in ("/health", "/ready", "/signin", "/assets/theme.css", "/assets/00_bootstrap.min.css"):
        assert requests.get(base + path, allow_redirects=False).status_code == 200, path


def test_sign_in_needs_a_session_token_and_a_same_origin_post(internal):
    base = internal["url"]
    session = requests.Session()
    token = _token(session, base)
    form = {"name": "alice", "password": PASSWORD, "csrf_token": token}
    assert session.post(f"{base}/signin", data=form, allow_redirects=False).status_code == 403  # no Origin
    for origin in ("https://evil.example", "null", f"{base}.evil.example"):
        assert session.post(f"{base}/signin", data=form, headers={"Origin": origin}).status_code == 403
    assert session.post(f"{base}/signin", data=form, headers={"Origin": base, "Sec-Fetch-Site": "cross-site"},
                        allow_redirects=False).status_code == 403
    assert session.post(f"{base}/signin", data={**form, "csrf_token": "forged"}, headers={"Origin": base},
                        allow_redirects=False).status_code == 400
    # A token from another session is no good either.
    other = requests.Session()
    _token(other, base)
    assert other.post(f"{base}/signin", data=form, headers={"Origin": base}, allow_redirects=False).status_code == 400
    ok = session.post(f"{base}/signin", data=form, headers={"Referer": f"{base}/signin"}, allow_redirects=False)
    assert ok.status_code == 302


def test_session_cookie_sign_in_banner_and_sign_out(internal):
    base = internal["url"]
    session, response = sign_in(base, next="/compare?metric=x&period=y")
    assert response.status_code == 302 and response.headers["Location"] == "/compare?metric=x&period=y"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert session.get(base + "/").status_code == 200
    assert session.get(base + "/").headers["Cache-Control"] == "no-store"
    dependencies = session.get(base + "/_dash-dependencies").json()
    shell = find_dependency(dependencies, "shell-banners.children")
    answer = session.post(f"{base}/_dash-update-component", json=dash_payload(shell, ["/"]))
    assert answer.status_code == 200 and "may show local, unpublished data" in answer.text
    assert "Internal instance" in requests.get(base + "/signin").text  # the sign-in page says so too
    out = session.post(f"{base}/signout", data={"csrf_token": _token(session, base, "/signout")},
                       allow_redirects=False)
    assert out.status_code == 302 and out.headers["Location"] == "/signin?signed_out=1"
    assert session.get(base + "/", allow_redirects=False).status_code == 302
    # A copy of the signed-in cookie, kept and replayed after sign-out, is refused by every worker.
    for _ in range(4):
        replayed = requests.get(base + "/", cookies={"cdp_session": cookie.split(";")[0].split("=", 1)[1]},
                                allow_redirects=False)
        assert replayed.status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x",
                                    "/%09/evil.example", "\\\\evil.example"])
def test_no_open_redirect_after_sign_in(internal, target):
    _, response = sign_in(internal["url"], next=target)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_lock_out_after_five_failures_is_shared_by_every_worker(internal):
    base = internal["url"]
    for attempt in range(5):
        _, response = sign_in(base, name="alice", password=f"wrong password {attempt}")
        assert response.status_code in (401, 429)
    assert response.status_code == 429  # the fifth failure locks the name
    _, response = sign_in(base)  # the right password no longer helps, whichever worker answers
    assert response.status_code == 429 and "locked until" in response.text
    assert "LOCKED" in flask_cli(internal, "users", "list")
    assert "Unlocked alice" in flask_cli(internal, "users", "unlock", "alice")
    _, response = sign_in(base)
    assert response.status_code == 302
    for _ in range(6):  # names that do not exist lock the same way, so nothing reveals which exist
        _, response = sign_in(base, name="mallory", password="guess guess guess")
    assert response.status_code == 429


def test_cross_site_callback_post_is_refused_even_when_signed_in(internal):
    base = internal["url"]
    session, _ = sign_in(base)
    dependencies = session.get(base + "/_dash-dependencies").json()
    payload = dash_payload(find_dependency(dependencies, "shell-banners.children"), ["/"])
    response = session.post(f"{base}/_dash-update-component", json=payload, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def _send(session: requests.Session, base: str, content: bytes, name: str) -> dict:
    """What the page's script does with a chosen file: post it to /upload/file and keep the answer."""
    answer = session.post(f"{base}/upload/file", data=content, headers={"Content-Type": "text/csv",
                                                                        "X-File-Name": name})
    return answer.json()


def test_upload_checks_previews_and_loads_only_on_confirmation(internal):
    base = internal["url"]
    session, _ = sign_in(base)
    dependencies = session.get(base + "/_dash-dependencies").json()
    preview = find_dependency(dependencies, "upload-preview.children")
    confirm = find_dependency(dependencies, "upload-confirm-button.disabled@")
    engine = make_engine(internal["db"])

    def releases() -> int:
        with engine.connect() as conn:
            return len(conn.execute(select(Release.id)).all())

    before = releases()
    bad = marker_csv().replace(b"E06000002", b"E99999999").replace(b",2,40", b",two,40")
    answer = session.post(f"{base}/_dash-update-component", json=dash_payload(preview, [_send(session, base, bad,
                                                                                             "bad.csv")]))
    assert answer.status_code == 200
    shown = answer.json()["response"]
    text = str(shown["upload-preview"])
    assert "problem(s) found" in text and "E99999999" in text and "'two' is not a number" in text
    assert shown["upload-confirm-button"]["disabled"] is True and releases() == before

    good = marker_csv()
    received = _send(session, base, good, "local.csv")
    answer = session.post(f"{base}/_dash-update-component", json=dash_payload(preview, [received]))
    shown = answer.json()["response"]
    assert "No problems" in str(shown["upload-preview"]) and shown["upload-confirm-button"]["disabled"] is False
    checked = shown["upload-checked-store"]["data"]
    assert releases() == before  # previewing writes nothing

    confirmed = session.post(f"{base}/_dash-update-component", json=dash_payload(
        confirm, [1], [received, checked, "Q2 local figures"]))
    assert confirmed.status_code == 200 and "as internal release #" in confirmed.text
    release_id = int(re.search(r"internal release #(\d+)", confirmed.text).group(1))
    with engine.connect() as conn:
        release = conn.execute(select(Release).where(Release.id == release_id)).one()
        audit = conn.execute(select(UploadAudit).where(UploadAudit.release_id == release_id)).one()
    assert release.visibility == "internal" and release.loaded_by == "alice" and release.description == "Q2 local figures"
    assert audit.user_name == "alice" and audit.rows == 5 and audit.outcome == "loaded" and len(audit.file_hash) == 64

    csv = session.get(f"{base}/download/observations.csv", params={"metric": METRIC, "area_type": "utla"})
    assert (pd.read_csv(io.StringIO(csv.text))["numerator"] == MARKER[0]).sum() == 1

    again = _send(session, base, good, "local.csv")
    checked_again = session.post(f"{base}/_dash-update-component", json=dash_payload(preview, [again])).json()[
        "response"]["upload-checked-store"]["data"]
    repeat = session.post(f"{base}/_dash-update-component", json=dash_payload(confirm, [2], [again, checked_again, ""]))
    assert "loaded before" in repeat.text and releases() == before + 1
    swapped = _send(session, base, bad, "local.csv")
    refused = session.post(f"{base}/_dash-update-component", json=dash_payload(confirm, [3], [swapped, checked_again, ""]))
    assert "has not been checked" in refused.text and releases() == before + 1
    engine.dispose()


def test_a_refused_upload_says_why(internal):
    base = internal["url"]
    session, _ = sign_in(base)
    too_big = session.post(f"{base}/upload/file", data=b"x" * (21 * 1024 * 1024),
                           headers={"Content-Type": "text/csv", "X-File-Name": "big.csv"})
    assert too_big.status_code == 413 and "files up to 20 MB" in too_big.json()["error"]
    wrong = session.post(f"{base}/upload/file", data=b"%PDF", headers={"Content-Type": "application/pdf",
                                                                         "X-File-Name": "minutes.pdf"})
    assert wrong.status_code == 415 and "not a CSV file" in wrong.json()["error"]
    dependencies = session.get(base + "/_dash-dependencies").json()
    preview = find_dependency(dependencies, "upload-preview.children")
    shown = session.post(f"{base}/_dash-update-component", json=dash_payload(preview, [too_big.json()])).json()
    assert "files up to 20 MB" in str(shown["response"]["upload-preview"])
    no_token = requests.post(f"{base}/upload/file", data=b"a,b\n", cookies=session.cookies,
                             headers={"Origin": base, "X-File-Name": "a.csv", "Accept": "application/json"})
    assert no_token.status_code == 400 and "expired" in no_token.json()["error"]
    cross_site = requests.post(f"{base}/upload/file", data=b"a,b\n", cookies=session.cookies,
                               headers={"Origin": "https://evil.example", "X-File-Name": "a.csv"})
    assert cross_site.status_code == 403
