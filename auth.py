"""Sign-in for internal instances: the guard in front of every page and Dash endpoint, sign-in/out, CSRF.

Registered only when ``CDP_MODE=internal`` (``register_auth``); a public instance has none of these
routes. Sessions are Flask's signed cookies (HttpOnly, SameSite=Lax, Secure unless
``CDP_INSECURE_COOKIES=1``) and end 8 hours after sign-in whatever the activity. A session of a user
who has since been removed stops working within ``USER_RECHECK_SECONDS``.

Cross-site request forgery: every POST must come from this site (its ``Origin``, else its
``Referer``, names this host, and the browser does not call it cross-site) — that covers Dash's
JSON posts to ``/_dash-update-component`` — and the sign-in and sign-out forms also carry a token
bound to the session.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from datetime import timedelta
from urllib.parse import quote, urlsplit

from flask import Flask, Response, redirect, render_template_string, request, session
from sqlalchemy.exc import SQLAlchemyError

from config import DEV_SECRET_KEY, get_settings
from data_access.db import get_engine
from data_access.users import SESSION_USER, sign_in, user_exists
from security import error_response

log = logging.getLogger(__name__)

SIGNIN_PATH = "/signin"
SIGNOUT_PATH = "/signout"
SESSION_LIFETIME = timedelta(hours=8)
USER_RECHECK_SECONDS = 30
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Reachable without signing in: probes, the sign-in page and the stylesheets it uses.
OPEN_PATHS = frozenset({SIGNIN_PATH, "/health", "/ready", "/_favicon.ico"})
OPEN_ASSETS = ("/assets/00_bootstrap.min.css", "/assets/theme.css")
_CSRF = "cdp_csrf"
_SIGNED_IN_AT = "cdp_signed_in_at"
_checked: dict[str, float] = {}

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} — Combating Drugs Outcomes</title>
<link rel="stylesheet" href="/assets/00_bootstrap.min.css"><link rel="stylesheet" href="/assets/theme.css"></head>
<body><main id="main" class="container-lg site-main">
<div class="internal-banner" role="status"><strong>Internal instance.</strong>
This dashboard may show local, unpublished data. Do not share screenshots or downloads outside the partnership.</div>
<h1>{{ title }}</h1>
{% if message %}<p class="alert alert-{{ tone }}" role="alert">{{ message }}</p>{% endif %}
<form method="post" action="{{ action }}">
<input type="hidden" name="csrf_token" value="{{ token }}">
{% if signin %}<input type="hidden" name="next" value="{{ next }}">
<p><label class="form-label" for="name">User name</label>
<input class="form-control" id="name" name="name" autocomplete="username" required value="{{ name }}"></p>
<p><label class="form-label" for="password">Password</label>
<input class="form-control" id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button class="btn btn-primary" type="submit">Sign in</button></p>
{% else %}<p><button class="btn btn-primary" type="submit">Sign out</button></p>{% endif %}
</form></main></body></html>"""


def register_auth(server: Flask) -> None:
    """Require sign-in for everything but the open paths, and add ``/signin`` and ``/signout``."""
    settings = get_settings()
    if settings.secret_key == DEV_SECRET_KEY and settings.secure_cookies:
        raise RuntimeError("CDP_MODE=internal needs SECRET_KEY set (sessions are signed with it); "
                           "for plain-HTTP development only, set CDP_INSECURE_COOKIES=1")
    server.config.update(SESSION_COOKIE_NAME="cdp_session", SESSION_COOKIE_HTTPONLY=True,
                         SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=settings.secure_cookies,
                         PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)
    server.before_request(_same_origin_only)
    server.before_request(_require_sign_in)
    server.after_request(_no_store)
    server.add_url_rule(SIGNIN_PATH, "signin", signin, methods=["GET", "POST"])
    server.add_url_rule(SIGNOUT_PATH, "signout", signout, methods=["GET", "POST"])


def current_user() -> str | None:
    """The signed-in user's name, or None (no session, session older than 8 h, or user removed)."""
    name = session.get(SESSION_USER)
    signed_in_at = session.get(_SIGNED_IN_AT)
    if not isinstance(name, str) or not isinstance(signed_in_at, (int, float)):
        return None
    if time.time() - signed_in_at > SESSION_LIFETIME.total_seconds():
        return None
    return name if _still_exists(name) else None


def _still_exists(name: str) -> bool:
    checked = _checked.get(name)
    if checked is not None and time.monotonic() - checked < USER_RECHECK_SECONDS:
        return True
    try:
        exists = user_exists(get_engine(), name)
    except SQLAlchemyError as error:
        # The session is signed and time-limited: keep serving it while the store is away.
        log.warning("could not re-check user while the store is unavailable: %s", error.__class__.__name__)
        return True
    if exists:
        _checked[name] = time.monotonic()
    else:
        _checked.pop(name, None)
    return exists


def same_origin(headers, host: str) -> bool:
    """True when the browser says this request comes from a page of ``host`` itself."""
    if headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    source = headers.get("Origin") or headers.get("Referer")
    if not source or source == "null":
        return False
    try:
        return _netloc(urlsplit(source)) == _netloc(urlsplit(f"//{host}"))
    except ValueError:  # not a URL (e.g. a port that is not a number)
        return False


def _netloc(parts) -> str:
    port = parts.port if parts.port not in (None, 80, 443) else None
    return f"{(parts.hostname or '').lower()}{f':{port}' if port else ''}"


def _same_origin_only() -> Response | None:
    if request.method in SAFE_METHODS or same_origin(request.headers, request.host):
        return None
    log.warning("refused a cross-site %s to %s", request.method, request.path)
    return error_response(403, "Cross-site request refused.")


def _is_open(path: str) -> bool:
    return path in OPEN_PATHS or path in OPEN_ASSETS


def _require_sign_in() -> Response | None:
    if _is_open(request.path) or current_user() is not None:
        return None
    if request.method == "GET" and not request.path.startswith("/_dash-"):
        return redirect(f"{SIGNIN_PATH}?next={quote(request.full_path.rstrip('?'), safe='/')}")
    return error_response(401, "Sign-in required.")


def _no_store(response: Response) -> Response:
    """Pages of an internal instance may hold unpublished data: no shared or disk caching."""
    if not request.path.startswith(("/assets/", "/_dash-component-suites/")):
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
    return response


def _token() -> str:
    if not isinstance(session.get(_CSRF), str):
        session[_CSRF] = secrets.token_urlsafe(32)
    return session[_CSRF]


def _token_ok() -> bool:
    sent, kept = request.form.get("csrf_token", ""), session.get(_CSRF)
    return isinstance(kept, str) and hmac.compare_digest(sent.encode(), kept.encode())


def safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host`` or a scheme): no open redirect after sign-in."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return "/"
    return target


def _render(status: int = 200, *, signin: bool = True, message: str = "", tone: str = "danger",
            name: str = "", next_path: str = "/") -> Response:
    html = render_template_string(PAGE, title="Sign in" if signin else "Sign out", signin=signin, message=message,
                                  tone=tone, name=name, next=next_path, token=_token(),
                                  action=SIGNIN_PATH if signin else SIGNOUT_PATH)
    return Response(html, status=status, mimetype="text/html")


def signin() -> Response:
    """GET: the form. POST: check the token, then the name and password against the store."""
    next_path = safe_next(request.values.get("next"))
    if request.method == "GET":
        note = "You have signed out." if request.args.get("signed_out") else ""
        return _render(message=note, tone="success", next_path=next_path)
    name = request.form.get("name", "")[:120]
    if not _token_ok():
        return _render(400, message="The form had expired. Please sign in again.", name=name, next_path=next_path)
    result = sign_in(get_engine(read_only=False), name, request.form.get("password", ""),
                     remote_addr=request.remote_addr)
    if result.outcome == "locked":
        until = result.locked_until.strftime("%H:%M UTC") if result.locked_until else "later"
        return _render(429, message=f"Too many failed attempts: signing in with this name is locked until {until}.",
                       name=name, next_path=next_path)
    if not result.ok:
        return _render(401, message="That user name and password do not match.", name=name, next_path=next_path)
    session.clear()  # a fresh session at sign-in: nothing from before carries over
    session.permanent = True
    session[SESSION_USER] = result.name
    session[_SIGNED_IN_AT] = time.time()
    log.info("user %s signed in", result.name)
    return redirect(next_path)


def signout() -> Response:
    """GET: a one-button form (so a link or image elsewhere cannot sign anyone out). POST: end the session."""
    if request.method == "GET":
        return _render(signin=False)
    if not _token_ok():
        return _render(400, signin=False, message="The form had expired. Please try again.")
    log.info("user %s signed out", session.get(SESSION_USER))
    session.clear()
    return redirect(f"{SIGNIN_PATH}?signed_out=1")
