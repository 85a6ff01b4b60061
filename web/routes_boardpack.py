"""Plain Flask routes for the people in the room: the board pack PDF and the ``?present=1`` shortcut.

``/partnership/<code>/pack.pdf?release=<id>[&meeting=YYYY-MM-DD]`` builds the pack server-side
from the pinned release. Without ``release`` it redirects (302, not cached) to the current
release's pinned URL, so the address a board keeps always rebuilds the same pack. An unknown
partnership is a friendly 404 page; a malformed release or meeting date is a 400 that says what
would work. The pack prints its own address from ``CDP_PUBLIC_URL`` (the path alone when that is
unset), never from the request's Host header: packs are cached and shared, and a forged Host
would otherwise be printed into a pack other people are given.

``?present=1`` on the overview (``/?area=<code>``) or a partnership profile redirects to the
presentation page ``/present/<code>`` before Dash serves the page.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from urllib.parse import quote, urlencode

from flask import Flask, Response, redirect, request
from markupsafe import escape

from config import get_settings
from data_access.read.pinned import newest_release_id, release_record
from data_access.read.releases import releases
from presentation.boardpack import find_partnership, pack_pdf

log = logging.getLogger(__name__)
PACK_RULE = "/partnership/<code>/pack.pdf"
_PRESENT_VALUES = {"1", "true", "yes", "on"}
_PARTNERSHIP_PATH = re.compile(r"/partnership/([^/]+)/?")
#: A release id as written in a URL: ASCII digits only (``str.isdigit`` also accepts "²", which int() refuses).
_RELEASE_ID = re.compile(r"[0-9]{1,9}")


def pack_path(code: str, release_id: int, meeting: date | None = None) -> str:
    """The pinned address of a pack: ``/partnership/<code>/pack.pdf?release=<id>[&meeting=<date>]``."""
    query = {"release": str(release_id)}
    if meeting is not None:
        query["meeting"] = meeting.isoformat()
    return f"/partnership/{quote(code, safe='')}/pack.pdf?{urlencode(query)}"


def public_address(path: str) -> str:
    """``path`` on the configured public address (``CDP_PUBLIC_URL``), or ``path`` alone when none is set."""
    base = get_settings().public_url
    return f"{base}{path}" if base else path


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _not_found(code: str) -> Response:
    shown = code if len(code) <= 40 else code[:37] + "…"
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Partnership not found – "
            "Combating Drugs Outcomes</title></head><body><main><h1>Partnership not found</h1>"
            f"<p>There is no partnership called “{escape(shown)}”, so there is no board pack for it.</p>"
            "<p>See the <a href=\"/partnership\">list of all partnerships</a> and open a partnership's page to "
            "download its board pack.</p></main></body></html>")
    return Response(page, status=404, mimetype="text/html")


def _release_problem(raw: str) -> Response:
    frame = releases()
    known = ", ".join(str(i) for i in sorted(frame["id"].astype(int))) if not frame.empty else "none yet"
    shown = raw if len(raw) <= 40 else raw[:37] + "…"
    return _text(f"There is no data release “{shown}”. The release parameter must be the id of a data release "
                 f"(a whole number); releases available: {known}. Leave it out to get the current release.", 400)


def _meeting(raw: str | None) -> date | None:
    """The meeting date from ``YYYY-MM-DD``; raises ValueError for anything else."""
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return date.fromisoformat(text)


def board_pack(code: str) -> Response:
    """``/partnership/<code>/pack.pdf`` — the board pack PDF pinned to a release (see the module docstring)."""
    row = find_partnership(code)
    if row is None:
        return _not_found(code)
    try:
        meeting = _meeting(request.args.get("meeting"))
    except ValueError:
        return _text("The meeting parameter must be a date written YYYY-MM-DD, for example 2026-03-12.", 400)
    raw = (request.args.get("release") or "").strip()
    if not raw:
        newest = newest_release_id()
        if newest is None:
            return _text("No data has been loaded yet, so there is no board pack to build.", 404)
        return _no_store(redirect(pack_path(row["code"], newest, meeting), code=302))
    if not _RELEASE_ID.fullmatch(raw) or release_record(int(raw)) is None:
        log.info("bad input: no board pack release %r", raw[:40])
        return _release_problem(raw)
    if row["code"] != code:
        return _no_store(redirect(pack_path(row["code"], int(raw), meeting), code=302))
    path = pack_path(row["code"], int(raw), meeting)
    pdf = pack_pdf(row["code"], int(raw), meeting=meeting, pack_url=public_address(path))
    name = f"{row['code']}_board-pack_release-{raw}" + (f"_{meeting.isoformat()}" if meeting else "")
    scope = "public" if get_settings().is_public else "private"
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name}.pdf"',
        "Cache-Control": f"{scope}, max-age=3600",
    })


def _no_store(response: Response) -> Response:
    """Redirects to "the current release" must not be cached: the current release changes."""
    response.headers["Cache-Control"] = "no-store"
    return response


def present_redirect() -> Response | None:
    """``/?present=1[&area=<code>]`` and ``/partnership/<code>?present=1`` → ``/present/<code>``."""
    if request.method != "GET" or str(request.args.get("present", "")).strip().lower() not in _PRESENT_VALUES:
        return None
    if request.path == "/":
        code = str(request.args.get("area") or "england")
    else:
        match = _PARTNERSHIP_PATH.fullmatch(request.path)
        if match is None:
            return None
        code = match.group(1)
    return _no_store(redirect(f"/present/{quote(code, safe='')}", code=302))


def register_boardpack_routes(server: Flask) -> None:
    """Add the pack route and the presentation shortcut to the Flask server."""
    server.add_url_rule(PACK_RULE, "board_pack", board_pack)
    server.before_request(present_redirect)
