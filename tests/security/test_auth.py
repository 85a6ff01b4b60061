"""The sign-in guard and session rules, on a bare Flask app with ``auth.register_auth`` (in-process)."""

from __future__ import annotations

import re
import time

import pytest
from flask import Flask

import auth
from data_access.users import SESSION_USER, add_user, remove_user

PASSWORD = "correct horse battery"
ORIGIN = {"Origin": "http://localhost"}


def _app(app_store, store_url: str, **env: str) -> Flask:
    with pytest.MonkeyPatch.context() as patch:
        for key, value in {"SECRET_KEY": "s" * 40, **env}.items():
            patch.setenv(key, value)
        app_store(url=store_url, mode="internal")
        server = Flask("auth-test")
        server.config["SECRET_KEY"] = "s" * 40
        auth.register_auth(server)
        server.add_url_rule("/", "home", lambda: "home")
    return server


@pytest.fixture
def signed_in(store, store_url, app_store, monkeypatch):
    add_user(store, "alice", PASSWORD)
    server = _app(app_store, store_url)
    monkeypatch.setattr(auth, "_checked", {})
    client = server.test_client()
    page = client.get("/signin").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/signin", data={"name": "alice", "password": PASSWORD, "csrf_token": token},
                           headers=ORIGIN)
    assert response.status_code == 302
    return client, response


def test_cookies_are_secure_http_only_and_same_site_by_default(signed_in):
    _, response = signed_in
    cookie = response.headers["Set-Cookie"]
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_session_ends_eight_hours_after_sign_in(signed_in):
    client, _ = signed_in
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["cdp_signed_in_at"] = time.time() - 8 * 3600 - 1
    assert client.get("/").status_code == 302


def test_a_removed_user_is_signed_out(signed_in, store, monkeypatch):
    client, _ = signed_in
    remove_user(store, "alice")
    monkeypatch.setattr(auth, "_checked", {})  # skip the 30-second grace of the per-process check
    assert client.get("/").status_code == 302


def test_a_forged_session_is_not_accepted(store, store_url, app_store):
    add_user(store, "alice", PASSWORD)
    client = _app(app_store, store_url).test_client()
    client.set_cookie("cdp_session", '{"cdp_user": "alice", "cdp_signed_in_at": 9999999999}')
    assert client.get("/").status_code == 302
    with client.session_transaction() as session:  # signed with the right key but no sign-in time
        session[SESSION_USER] = "alice"
    assert client.get("/").status_code == 302


def test_internal_mode_refuses_the_development_secret(store_url, app_store, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app_store(url=store_url, mode="internal")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        auth.register_auth(Flask("auth-test"))
    monkeypatch.setenv("CDP_INSECURE_COOKIES", "1")  # accepted for plain-HTTP development only
    app_store()
    auth.register_auth(Flask("auth-test"))


@pytest.mark.parametrize(("target", "expected"), [
    ("/outcome/treatment?metric=x", "/outcome/treatment?metric=x"), (None, "/"), ("", "/"),
    ("//evil.example", "/"), ("/\\evil.example", "/"), ("https://evil.example", "/"), ("evil", "/"),
])
def test_safe_next(target, expected):
    assert auth.safe_next(target) == expected


@pytest.mark.parametrize(("headers", "ok"), [
    ({"Origin": "http://app.example"}, True),
    ({"Origin": "https://app.example:443"}, True),
    ({"Referer": "https://app.example/upload?x=1"}, True),
    ({"Origin": "https://app.example", "Sec-Fetch-Site": "same-origin"}, True),
    ({}, False),
    ({"Origin": "null"}, False),
    ({"Origin": "https://evil.example"}, False),
    ({"Origin": "https://app.example.evil.example"}, False),
    ({"Origin": "https://app.example:8443"}, False),
    ({"Origin": "https://app.example:notaport"}, False),
    ({"Origin": "https://app.example", "Sec-Fetch-Site": "cross-site"}, False),
    ({"Origin": "https://app.example", "Sec-Fetch-Site": "same-site"}, False),
    ({"Referer": "https://evil.example/app.example"}, False),
])
def test_same_origin(headers, ok):
    assert auth.same_origin(headers, "app.example") is ok
