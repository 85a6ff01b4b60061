"""What every response of the web process gets, in both modes: security headers, short error answers.

- Headers: a Content-Security-Policy with no ``'unsafe-inline'`` scripts (Dash's own inline scripts
  are allowed by their hashes from ``app.csp_hashes()``), no framing, nosniff, a strict referrer
  policy and a minimal Permissions-Policy.
- Errors: 404/405/413/500 answer with a short page or JSON, never a traceback or a file path; a
  store that cannot be reached answers 503 "temporarily unavailable"; a malformed Dash callback
  request answers 400 before Dash sees it; an exception inside a callback is logged here and the
  page shows the data-unavailable banner instead of failing (``callback_error``, Dash's ``on_error``).
- Logs: bad input someone could send on purpose (a callback value of the wrong kind, a value a page
  refuses) is one ``bad input: …`` line, without a traceback, so nobody can flood the log; real
  faults keep their traceback.
- HTTPS: ``Strict-Transport-Security`` on every response to a request made over HTTPS; behind a
  reverse proxy the proxy's ``X-Forwarded-Proto`` counts only when ``CDP_TRUST_PROXY`` says how many
  proxies to believe (werkzeug's ``ProxyFix``).
- Limits: request bodies over ``MAX_REQUEST_BYTES`` are refused with 413 and a clear message.

The headers are written here rather than by flask-talisman (1.1.0, tried against this app): set as
close as its options go, it reproduced the CSP, nosniff, X-Frame-Options, Referrer-Policy,
Permissions-Policy and HSTS values byte for byte, but (1) it fixes the CSP when it is installed,
and Dash's inline-script hashes are final only after Dash's set-up (2 hashes when ``register_security``
runs, 3 when a page is served), so a page's own script would be blocked; (2) it sends HSTS whenever
any client sends ``X-Forwarded-Proto: https``, where this app believes that header only from the
``CDP_TRUST_PROXY`` proxies (``tests/integration/web/test_web_input.py::test_hsts_only_over_https``); (3) it
has no Cross-Origin-Opener-Policy. Working round all three keeps ``add_security_headers`` and the
HSTS rule here (the 9 lines it would replace) and adds a dependency.
"""

from __future__ import annotations

import logging

import dash
from dash import set_props
from dash.exceptions import DependencyException
from flask import Response, jsonify, request
from markupsafe import escape
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from config import get_settings
from layouts._shared.bad_input import callback_value_problem, is_bad_input, one_line
from layouts._shared.banners import unavailable_banners
from presentation import ids

log = logging.getLogger(__name__)

UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024
# Uploads arrive as the raw file (routes_upload.py), so no request needs much more than the upload limit.
MAX_REQUEST_BYTES = UPLOAD_LIMIT_BYTES + 1024 * 1024
HSTS = "max-age=31536000; includeSubDomains"
UNAVAILABLE = "Data temporarily unavailable — please try again shortly."
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
_MESSAGES = {
    400: "The request could not be understood.",
    403: "This request is not allowed.",
    404: "Page not found.",
    405: "This method is not allowed here.",
    413: f"The request is too large: uploads are limited to {UPLOAD_LIMIT_BYTES // (1024 * 1024)} MB.",
    500: "Sorry, something went wrong. Please try again later.",
    503: UNAVAILABLE,
}


def register_security(app: dash.Dash) -> None:
    """Install the headers, limits, error answers and the callback-request guard on ``app``."""
    server = app.server
    server.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES, PROPAGATE_EXCEPTIONS=False, DEBUG=False)
    hops = get_settings().proxy_hops
    if hops:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    server.debug = False
    update_path = app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def _guard_callback_request() -> Response | None:
        if request.method != "POST" or request.path != update_path:
            return None
        problem = malformed_callback_request(app, request.get_json(silent=True))
        if problem is None:
            return None
        log.info("bad input: refused a malformed callback request: %s", problem)
        return error_response(400, f"Malformed callback request: {problem}.")

    @server.after_request
    def _headers(response: Response) -> Response:
        add_security_headers(response, content_security_policy(app))
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = HSTS
        return response

    @server.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        return error_response(error.code or 500)

    @server.errorhandler(DependencyException)
    def _unknown_component_file(_error: DependencyException) -> Response:
        return error_response(404)

    @server.errorhandler(SQLAlchemyError)
    def _store_error(error: SQLAlchemyError) -> Response:
        log.warning("store unavailable while serving %s: %s", request.path, error.__class__.__name__)
        response = error_response(503)
        response.headers["Retry-After"] = "30"
        return response

    @server.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if request.path == update_path:
            # Callback exceptions are handled by ``callback_error``; what still gets here is Dash failing
            # on a request whose values do not fit the callback (a hand-made or corrupted request).
            log.warning("bad input: callback request could not be processed: %s", one_line(error))
            return error_response(400, "The callback request could not be processed.")
        log.error("unhandled error serving %s", request.path, exc_info=error)
        return error_response(500)


def content_security_policy(app: dash.Dash) -> str:
    """The CSP for ``app``: Dash's inline scripts by hash, MapLibre's blob: workers, inline styles."""
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        # Dash, Plotly and MapLibre set style attributes and inject <style> elements at run time.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "child-src 'self' blob:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_security_headers(response: Response, csp: str) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = csp
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response


def error_response(status: int, message: str | None = None) -> Response:
    """A short answer: JSON for the app's own endpoints and JSON clients, a tiny page otherwise."""
    text = message or _MESSAGES.get(status, _MESSAGES[500])
    wants_json = request.path.startswith("/_dash-") or (
        request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json")
    response = jsonify(error=text, status=status) if wants_json else Response(_page(status, text), mimetype="text/html")
    response.status_code = status
    return response


def _page(status: int, text: str) -> str:
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status} — Combating Drugs "
            f"Outcomes</title></head><body><main><h1>{escape(text)}</h1><p><a href=\"/\">Go to the overview</a>"
            "</p></main></body></html>")


def malformed_callback_request(app: dash.Dash, body: object) -> str | None:
    """Why ``body`` cannot be a request for one of ``app``'s callbacks, or None when its shape fits."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in app.callback_map:
        return "unknown callback"
    spec = app.callback_map[output]
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) != len(spec.get(key, [])):
            return f"'{key}' must list {len(spec.get(key, []))} item(s)"
        if not all(_is_dependency(item) or (isinstance(item, list) and all(map(_is_dependency, item)))
                   for item in items):
            return f"every '{key}' item needs an 'id' and a 'property'"
        for item in items:
            for dependency in item if isinstance(item, list) else [item]:
                problem = callback_value_problem(dependency["property"], dependency.get("value"))
                if problem is not None:
                    return problem
    outputs = body.get("outputs", [])
    if not isinstance(outputs, (dict, list)):
        return "'outputs' must be an object or a list"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(prop, str) for prop in changed):
        return "'changedPropIds' must be a list of strings"
    return None


def _is_dependency(item: object) -> bool:
    return (isinstance(item, dict) and isinstance(item.get("property"), str)
            and isinstance(item.get("id"), (str, dict)))


def callback_error(error: Exception) -> None:
    """Dash's ``on_error``: log the exception here and answer without a traceback.

    A store outage replaces the banners with the "data temporarily unavailable" banner, so the page
    says what happened instead of silently showing nothing; the outputs are left as they were.
    """
    if is_store_error(error):
        log.warning("callback could not reach the store: %s", error.__class__.__name__)
        set_props(ids.SHELL_BANNERS, {"children": unavailable_banners()})
    elif is_bad_input(error):
        log.warning("bad input: callback refused a value: %s", one_line(error))
    else:
        log.error("callback raised", exc_info=error)


def is_store_error(error: BaseException | None) -> bool:
    """True when ``error`` or anything it was raised from is a database error."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, SQLAlchemyError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False

