"""Whole layout and callback answers kept per worker in public mode, ready to send again.

In public mode a page's layout (``/_dash-layout?page=…``), the callback map (``/_dash-dependencies``)
and the answer to a callback request (``/_dash-update-component``) are functions of the request and
the data release only: no one is signed in and the store cannot change under a worker. Every reader
arriving on a page sends the same requests, and each used to rebuild the page's first view, encode
its figures as JSON and compress them, again and again. This memory keeps the finished answer (body
compressed as sent, its type and encoding) keyed by the store, the release key, today's date (banners
and "latest period" wording can name the day), the path and query, the body and the encodings the
browser accepts, so the same request gets the same bytes without the work. A new release changes the
key, so an old answer is never sent for new data; old entries simply age out of the LRU. (The page's
HTML is not kept: Dash signs a new token into each one.)

Only successful answers (200) of a bounded size are kept, and none from a request during which
anything logged a warning or worse: a callback that lost the store answers 200 with the "data
temporarily unavailable" banner, and a page whose first view failed arrives without it; both are
sent once, as before, and the next request tries again. A request whose key cannot be made (the
store is unreachable) goes the ordinary way and is answered as before. Internal instances,
where answers depend on who is signed in, never use it.
"""

from __future__ import annotations

import logging

import dash
from flask import Response, g, has_request_context, request

from config import get_settings
from data_access.read import release_key
from data_access.read.memory import RESPONSES as ANSWERS
from data_access.read.memory import active, today

#: Larger answers are sent as usual and not kept (bounds the memory at ~256 × this, in practice far less).
MAX_KEPT_BYTES = 512 * 1024
#: The renderer's per-page-load token on callback requests. Dash reads it only for background callbacks
#: (this app has none); every ordinary answer is the same whatever its value, so it is not part of the key.
END_ID = "endId"
#: Response headers that belong to the answer itself (the security headers are added on every response).
KEPT_HEADERS = ("Content-Type", "Content-Encoding", "Vary", "Cache-Control")


def _mark_troubled_requests() -> None:
    """Note on the request any log record of warning or worse made while it is answered.

    A record factory, not a handler: the app's logging set-up (and where its warnings go) is unchanged.
    """
    previous = logging.getLogRecordFactory()
    if getattr(previous, "marks_answers", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if record.levelno >= logging.WARNING and has_request_context():
            g.cdp_answer_trouble = True
        return record

    factory.marks_answers = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def _callback_identity() -> int | None:
    """Which function answers this callback request (the key follows the callbacks registered)."""
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    entry = dash.get_app().callback_map.get(output) if isinstance(output, str) else None
    return id(entry.get("callback")) if isinstance(entry, dict) else None


def _key(rules: frozenset[tuple[str, str]]) -> tuple | None:
    """The memory key of the current request, or None when it is not one whose answer may be kept."""
    rule = request.url_rule.rule if request.url_rule is not None else None
    if (request.method, rule) not in rules or not active():
        return None
    settings = get_settings()
    if not settings.is_public:
        return None
    try:
        release = release_key()
    except Exception:  # noqa: BLE001 - no key, no memory: the request is answered (or refused) as usual
        return None
    query = sorted((name, value) for name, value in request.args.items(multi=True) if name != END_ID)
    callback = _callback_identity() if request.method == "POST" else None
    return (settings.database_url, release, today(), request.path, tuple(query), request.get_data(), callback,
            request.headers.get("Accept-Encoding", ""))


def _send(kept: tuple[int, bytes, dict[str, str]]) -> Response:
    status, body, headers = kept
    response = Response(body, status=status)
    for name, value in headers.items():
        response.headers[name] = value
    return response


def register_answer_memory(app: dash.Dash) -> None:
    """Answer repeated layout, callback-map and callback requests from this worker's memory (public mode)."""
    prefix = app.config.routes_pathname_prefix
    rules = frozenset({("GET", f"{prefix}_dash-layout"), ("GET", f"{prefix}_dash-dependencies"),
                       ("POST", f"{prefix}_dash-update-component")})
    server = app.server
    _mark_troubled_requests()

    @server.before_request
    def _answer_from_memory() -> Response | None:
        key = _key(rules)
        if key is None:
            return None
        kept = ANSWERS.get(key)
        if isinstance(kept, tuple):
            g.cdp_answer_key = None
            return _send(kept)
        g.cdp_answer_key = key
        return None

    def _keep(response: Response) -> Response:
        key = getattr(g, "cdp_answer_key", None)
        if (key is None or response.status_code != 200 or response.direct_passthrough
                or getattr(g, "cdp_answer_trouble", False) or "Set-Cookie" in response.headers):
            return response
        body = response.get_data()
        if len(body) <= MAX_KEPT_BYTES:
            headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
            ANSWERS.put(key, (response.status_code, body, headers))
        return response

    # Flask runs ``after_request`` functions last registered first; this one goes first in the list so it
    # runs last, after flask-compress and the security headers: it keeps the answer exactly as sent.
    server.after_request_funcs.setdefault(None, []).insert(0, _keep)


def clear() -> None:
    """Forget every kept answer in this process (tests)."""
    ANSWERS.clear()


def size() -> int:
    """How many answers this process keeps."""
    return len(ANSWERS)
