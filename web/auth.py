"""Sign-in for internal instances: the guard in front of every page and Dash endpoint, sign-in/out, CSRF.

Registered only when ``CDP_MODE=internal`` (``register_auth``); a public instance has none of these
routes and sets no cookie. Maintained libraries do the standard parts:

- **Flask-Login** holds the signed-in user. Its id in the cookie is a random session id whose record
  is in the store (``data_access.user_sessions``), looked up on every request: signing out or
  removing the user ends the session at once, for every worker (a copy of a signed-cookie session
  used to keep working for its 8 hours). Sessions end 8 hours after sign-in whatever the activity.
  Cookies are HttpOnly, SameSite=Lax and Secure unless ``CDP_INSECURE_COOKIES=1``.
- **Flask-WTF's CSRFProtect** checks a session-bound token on every POST but Dash's callback
  requests: the sign-in and sign-out forms carry it as a field, the upload page's script as the
  ``X-CSRFToken`` header. Dash's renderer cannot add a header to its JSON POSTs to
  ``/_dash-update-component``; those are covered by the same-origin check below (a cross-site page
  cannot send a JSON body without a CORS preflight this app never grants) and SameSite=Lax cookies.
- **Flask-Limiter** counts failed sign-ins per client address (``CDP_SIGNIN_LIMIT``, by default 10 a
  minute and 50 an hour; in Redis when ``CACHE_REDIS_URL`` is set, else in each worker's memory),
  beside the per-name lock-out in the store (``data_access.users``: 5 attempts, then 15 minutes).
  The lock-out bounds guesses at one name from any number of addresses; the address limit bounds how
  many names one address can try, and so lock.

Ours, because no library has them: every POST must come from this site (its ``Origin``, else its
``Referer``, names this host, and the browser does not call it cross-site), and the ``next`` address
after sign-in is checked with ``urllib.parse`` to be a path on this site.
"""

from __future__ import annotations

import logging
import unicodedata
from datetime import timedelta
from urllib.parse import quote, unquote, urlsplit

import flask_login
from flask import Flask, Response, g, redirect, render_template_string, request, session
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from limits import parse_many

from config import DEV_SECRET_KEY, Settings, get_settings
from data_access.db import get_engine
from data_access.user_sessions import end_session, open_session, session_user
from data_access.users import REQUEST_USER, sign_in
from web.security import error_response

log = logging.getLogger(__name__)

SIGNIN_PATH = "/signin"
SIGNOUT_PATH = "/signout"
SESSION_LIFETIME = timedelta(hours=8)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Reachable without signing in: probes, the sign-in page and the stylesheets it uses.
OPEN_PATHS = frozenset({SIGNIN_PATH, "/health", "/ready", "/_favicon.ico"})
OPEN_ASSETS = ("/assets/00_bootstrap.min.css", "/assets/theme.css")
#: Dash's callback requests: JSON POSTs its renderer sends without a CSRF header (see the module docstring).
DASH_CALLBACKS = "/_dash-update-component"

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


class SignedIn(flask_login.UserMixin):
    """A signed-in user; Flask-Login keeps ``get_id()`` (the session id, not the name) in the cookie."""

    def __init__(self, name: str, session_id: str) -> None:
        self.name = name
        self.session_id = session_id

    def get_id(self) -> str:
        return self.session_id


def _load_user(session_id: str) -> SignedIn | None:
    # A store error propagates: the request answers 503 rather than trusting a session it cannot check.
    name = session_user(get_engine(), session_id)
    return SignedIn(name, session_id) if name else None


def register_auth(server: Flask) -> None:
    """Require sign-in for everything but the open paths, and add ``/signin`` and ``/signout``."""
    settings = get_settings()
    if settings.secret_key == DEV_SECRET_KEY and settings.secure_cookies:
        raise RuntimeError("CDP_MODE=internal needs SECRET_KEY set (sessions are signed with it); "
                           "for plain-HTTP development only, set CDP_INSECURE_COOKIES=1")
    server.config.update(SESSION_COOKIE_NAME="cdp_session", SESSION_COOKIE_HTTPONLY=True,
                         SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=settings.secure_cookies,
                         PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
                         # Checked in ``_check_csrf`` (every POST but Dash's callbacks), valid as long as a session.
                         WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=int(SESSION_LIFETIME.total_seconds()))
    logins = flask_login.LoginManager(server)
    logins.user_loader(_load_user)
    logins.session_protection = None  # the store's session record is the check; IP binding breaks mobile users
    csrf = CSRFProtect(server)

    def _check_csrf() -> None:
        if request.method not in SAFE_METHODS and request.path != DASH_CALLBACKS:
            csrf.protect()  # raises CSRFError (answered by ``_expired_form``) without this session's token

    server.before_request(_same_origin_only)
    server.before_request(_require_sign_in)
    server.before_request(_check_csrf)
    server.after_request(_no_store)
    server.register_error_handler(CSRFError, _expired_form)
    server.register_error_handler(RateLimitExceeded, _too_many)
    limiter = _limiter(server, settings)
    limited = limiter.limit(settings.signin_limit, methods=["POST"], deduct_when=lambda answer: answer.status_code != 302)
    server.add_url_rule(SIGNIN_PATH, "signin", limited(signin), methods=["GET", "POST"])
    server.add_url_rule(SIGNOUT_PATH, "signout", signout, methods=["GET", "POST"])


def _limiter(server: Flask, settings: Settings) -> Limiter:
    """Flask-Limiter on the client address (after ``ProxyFix`` when ``CDP_TRUST_PROXY`` is set)."""
    parse_many(settings.signin_limit)  # a bad CDP_SIGNIN_LIMIT stops start-up with the library's message
    redis = settings.cache_redis_url
    options = ({"socket_timeout": settings.cache_socket_timeout, "socket_connect_timeout": settings.cache_socket_timeout}
               if redis else {})
    # A Redis outage falls back to counting in memory rather than refusing or failing sign-ins.
    return Limiter(get_remote_address, app=server, storage_uri=redis or "memory://", storage_options=options,
                   strategy="fixed-window", swallow_errors=True, in_memory_fallback_enabled=bool(redis),
                   key_prefix="cdp-signin")


def current_user() -> str | None:
    """The signed-in user's name, or None (no session, or one signed out, expired or of a removed user)."""
    user = flask_login.current_user
    return user.name if user.is_authenticated else None


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
    if _is_open(request.path):
        return None
    name = current_user()
    if name is not None:
        setattr(g, REQUEST_USER, name)  # for the upload page's callbacks (``data_access.users.REQUEST_USER``)
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


def safe_next(target: str | None) -> str:
    """``target`` when it is a path on this site, else ``/``: no open redirect after sign-in.

    Refused: anything with a scheme or a host, a leading ``//``, a backslash, and any control or
    white-space character; the path is checked again percent-decoded (up to three times), since
    browsers drop tabs and newlines from addresses (``/%09/evil.example`` is read as ``//evil.example``)
    and read a backslash as ``/``. The query and fragment cannot change the host, so encoded text
    there (``?q=a%20b``) is kept.
    """
    if not target or len(target) > 2000 or _unsafe_text(target):
        return "/"
    path = target.split("?", 1)[0].split("#", 1)[0]
    forms = [path]
    while len(forms) < 4 and unquote(forms[-1]) != forms[-1]:
        forms.append(unquote(forms[-1]))
    for form in forms:
        try:
            parts = urlsplit(form)
        except ValueError:
            return "/"
        if (_unsafe_text(form) or "\\" in form or parts.scheme or parts.netloc or not form.startswith("/")
                or form.startswith("//")):
            return "/"
    return target


def _unsafe_text(text: str) -> bool:
    return any(char.isspace() or unicodedata.category(char)[0] == "C" for char in text)


def _render(status: int = 200, *, signin: bool = True, message: str = "", tone: str = "danger",
            name: str = "", next_path: str = "/") -> Response:
    html = render_template_string(PAGE, title="Sign in" if signin else "Sign out", signin=signin, message=message,
                                  tone=tone, name=name, next=next_path, token=generate_csrf(),
                                  action=SIGNIN_PATH if signin else SIGNOUT_PATH)
    return Response(html, status=status, mimetype="text/html")


def _expired_form(error: CSRFError) -> Response:
    """A POST without this session's token: the forms say so on their page, anything else answers 400."""
    log.info("bad input: refused a %s to %s: %s", request.method, request.path, error.description)
    if request.path in (SIGNIN_PATH, SIGNOUT_PATH):
        signing_in = request.path == SIGNIN_PATH
        return _render(400, signin=signing_in, message="The form had expired. Please try again.",
                       name=request.form.get("name", "")[:120] if signing_in else "",
                       next_path=safe_next(request.values.get("next")))
    return error_response(400, "The page had expired: reload it and try again.")


def _too_many(_error: RateLimitExceeded) -> Response:
    log.warning("refused a sign-in from %s: too many failed sign-ins from this address", request.remote_addr)
    return _render(429, message="Too many failed sign-ins from this address. Please wait a few minutes and try again.",
                   name=request.form.get("name", "")[:120], next_path=safe_next(request.values.get("next")))


def signin() -> Response:
    """GET: the form. POST (token already checked): the name and password against the store."""
    next_path = safe_next(request.values.get("next"))
    if request.method == "GET":
        note = "You have signed out." if request.args.get("signed_out") else ""
        return _render(message=note, tone="success", next_path=next_path)
    name = request.form.get("name", "")[:120]
    engine = get_engine(read_only=False)
    result = sign_in(engine, name, request.form.get("password", ""), remote_addr=request.remote_addr)
    if result.outcome == "locked":
        until = result.locked_until.strftime("%H:%M UTC") if result.locked_until else "later"
        return _render(429, message=f"Too many failed attempts: signing in with this name is locked until {until}.",
                       name=name, next_path=next_path)
    if not result.ok:
        return _render(401, message="That user name and password do not match.", name=name, next_path=next_path)
    session.clear()  # a fresh session at sign-in: nothing from before carries over
    session.permanent = True
    flask_login.login_user(SignedIn(result.name, open_session(engine, result.name, SESSION_LIFETIME)))
    # The session's CSRF secret is made now, with the session: made later inside a page's callback, a
    # concurrent callback's answer could write the session cookie back without it (the upload page's
    # token would then never match).
    generate_csrf()
    log.info("user %s signed in", result.name)
    return redirect(next_path)


def signout() -> Response:
    """GET: a one-button form (so a link or image elsewhere cannot sign anyone out). POST: end the session."""
    if request.method == "GET":
        return _render(signin=False)
    user = flask_login.current_user
    if user.is_authenticated:
        end_session(get_engine(read_only=False), user.session_id)
        log.info("user %s signed out", user.name)
    flask_login.logout_user()
    session.clear()
    return redirect(f"{SIGNIN_PATH}?signed_out=1")
