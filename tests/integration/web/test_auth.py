"""The sign-in guard, session, CSRF, throttling and redirect rules, on a bare Flask app with ``auth.register_auth``."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from flask import Flask

from data_access import user_sessions, users
from data_access.users import MAX_FAILURES, add_user, remove_user
from web import auth

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
    client = _app(app_store, store_url).test_client()
    response = _sign_in(client)
    assert response.status_code == 302
    return client, response


def _token(client, path: str = "/signin") -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _sign_in(client, password: str = PASSWORD, **environ):
    form = {"name": "alice", "password": password, "csrf_token": _token(client)}
    return client.post("/signin", data=form, headers=ORIGIN, environ_base=environ)


def _replay(server: Flask, cookie: str):
    """A new client that sends only a copy of ``cookie`` (what someone who kept it could do)."""
    other = server.test_client()
    other.set_cookie("cdp_session", cookie)
    return other.get("/")


def test_cookies_are_secure_http_only_and_same_site_by_default(signed_in):
    _, response = signed_in
    cookie = response.headers["Set-Cookie"]
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_session_ends_eight_hours_after_sign_in(signed_in, monkeypatch):
    client, _ = signed_in
    assert client.get("/").status_code == 200
    start = users.now()
    monkeypatch.setattr(user_sessions, "now", lambda: start + timedelta(hours=8, seconds=1))
    assert client.get("/").status_code == 302


def test_a_removed_user_is_signed_out_at_once(signed_in, store):
    client, _ = signed_in
    remove_user(store, "alice")
    assert client.get("/").status_code == 302


def test_a_replayed_cookie_is_refused_after_sign_out(signed_in):
    client, _ = signed_in
    cookie = client.get_cookie("cdp_session").value
    server = client.application
    assert _replay(server, cookie).status_code == 200  # the copy works while the session lasts
    out = client.post("/signout", data={"csrf_token": _token(client, "/signout")}, headers=ORIGIN)
    assert out.status_code == 302 and out.headers["Location"] == "/signin?signed_out=1"
    assert _replay(server, cookie).status_code == 302


def test_a_replayed_cookie_is_refused_after_the_user_is_removed(signed_in, store):
    client, _ = signed_in
    cookie = client.get_cookie("cdp_session").value
    remove_user(store, "alice")
    add_user(store, "alice", PASSWORD)  # even a new user of the same name does not inherit the session
    assert _replay(client.application, cookie).status_code == 302


def test_the_cookie_holds_a_session_id_not_the_name(signed_in, store):
    client, _ = signed_in
    with client.session_transaction() as session:
        session_id = session["_user_id"]
    assert "alice" not in session_id and user_sessions.session_user(store, session_id) == "alice"
    from sqlalchemy import select

    from data_access.models import UserSession
    with store.connect() as conn:
        assert session_id not in conn.scalars(select(UserSession.id_hash)).all()  # only its hash is kept


def test_a_forged_session_is_not_accepted(store, store_url, app_store):
    add_user(store, "alice", PASSWORD)
    client = _app(app_store, store_url).test_client()
    client.set_cookie("cdp_session", '{"_user_id": "alice"}')
    assert client.get("/").status_code == 302
    with client.session_transaction() as session:  # signed with the right key but no session record
        session["_user_id"] = "alice"
    assert client.get("/").status_code == 302


def test_forms_need_this_sessions_csrf_token(store, store_url, app_store):
    add_user(store, "alice", PASSWORD)
    server = _app(app_store, store_url)
    client = server.test_client()
    form = {"name": "alice", "password": PASSWORD}
    for token in (None, "forged", _token(server.test_client())):  # none, made up, or another session's
        data = form if token is None else {**form, "csrf_token": token}
        refused = client.post("/signin", data=data, headers=ORIGIN)
        assert refused.status_code == 400 and "form had expired" in refused.get_data(as_text=True)
    assert _sign_in(client).status_code == 302
    assert client.post("/signout", data={}, headers=ORIGIN).status_code == 400
    assert client.get("/").status_code == 200  # still signed in


def test_failed_sign_ins_are_limited_per_address(store, store_url, app_store):
    add_user(store, "alice", PASSWORD)
    client = _app(app_store, store_url, CDP_SIGNIN_LIMIT="3 per minute").test_client()
    addr = {"REMOTE_ADDR": "203.0.113.7"}
    assert [_sign_in(client, "wrong", **addr).status_code for _ in range(3)] == [401] * 3
    refused = _sign_in(client, PASSWORD, **addr)
    assert refused.status_code == 429 and "from this address" in refused.get_data(as_text=True)
    assert _sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 302  # another address is not


def test_forty_parallel_guesses_get_at_most_the_lock_out_limit_of_password_checks(store, store_url, app_store,
                                                                                 monkeypatch):
    """From 40 addresses at once (so the per-address limit does not stop them): the per-name lock holds."""
    add_user(store, "alice", PASSWORD)
    server = _app(app_store, store_url)
    checks, lock = [], threading.Lock()
    real_check = users.check_password_hash

    def counted(stored: str, password: str) -> bool:
        with lock:
            checks.append(password)
        return real_check(stored, password)

    monkeypatch.setattr(users, "check_password_hash", counted)
    clients = [server.test_client() for _ in range(40)]
    forms = [{"name": "alice", "password": f"guess {n}", "csrf_token": _token(c)} for n, c in enumerate(clients)]
    barrier, statuses = threading.Barrier(40), []

    def guess(number: int) -> None:
        barrier.wait()
        answer = clients[number].post("/signin", data=forms[number], headers=ORIGIN,
                                      environ_base={"REMOTE_ADDR": f"198.51.100.{number + 1}"})
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checks) <= MAX_FAILURES and sorted(set(statuses)) in ([401, 429], [429])
    assert _sign_in(server.test_client()).status_code == 429  # locked, whatever the password


def test_internal_mode_refuses_the_development_secret(store_url, app_store, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app_store(url=store_url, mode="internal")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        auth.register_auth(Flask("auth-test"))
    monkeypatch.setenv("CDP_INSECURE_COOKIES", "1")  # accepted for plain-HTTP development only
    app_store()
    auth.register_auth(Flask("auth-test"))


@pytest.mark.parametrize(("target", "expected"), [
    ("/outcome/treatment?metric=x", "/outcome/treatment?metric=x"), ("/compare?area=E06000001%2CE06000002",
                                                                     "/compare?area=E06000001%2CE06000002"),
    ("/compare?q=a%20b", "/compare?q=a%20b"), (None, "/"), ("", "/"), ("evil", "/"), ("javascript:alert(1)", "/"),
    ("//evil.example", "/"), ("/\\evil.example", "/"), ("\\\\evil.example", "/"), ("https://evil.example", "/"),
    ("/%09/evil.example", "/"), ("/\t/evil.example", "/"), ("/%0a/evil.example", "/"), ("/%2F/evil.example", "/"),
    ("/%5Cevil.example", "/"), ("/%252F/evil.example", "/"), ("/ /evil.example", "/"), ("/\u200b/evil.example", "/"),
])
def test_safe_next(target, expected):
    assert auth.safe_next(target) == expected


@pytest.mark.parametrize("target", ["/%09/evil.example", "//evil.example", "\\\\evil.example", "https://evil.example"])
def test_no_open_redirect_after_sign_in(store, store_url, app_store, target):
    add_user(store, "alice", PASSWORD)
    client = _app(app_store, store_url).test_client()
    form = {"name": "alice", "password": PASSWORD, "csrf_token": _token(client), "next": target}
    response = client.post("/signin", data=form, headers=ORIGIN)
    assert response.status_code == 302 and response.headers["Location"] == "/"


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
