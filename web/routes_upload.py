"""``POST /upload/file``: receive an uploaded file as a stream onto disk (internal instances only).

The upload page's script (``assets/upload.js``) posts the chosen file here as the raw request body,
so no worker ever holds it whole (``data_access.uploads``), and hands the answer to the page, which
checks the waiting file in a callback. Every refusal answers JSON ``{"error": …}`` with the reason in
words — too large (413, also said before anything is sent when the length is known), not a CSV
file (415), another upload of the same user under way (429) — and the page shows it.

Registered only when ``CDP_MODE=internal``, after the sign-in guard and its same-origin check.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

from flask import Flask, Response, jsonify, request

from data_access.uploads import LIMIT_BYTES, UploadRefused, clean_file_name, receive, too_large, user_turn
from web.auth import current_user

log = logging.getLogger(__name__)

UPLOAD_FILE_PATH = "/upload/file"
#: What browsers call a CSV file (Windows names it after Excel); anything else is refused before reading.
CSV_TYPES = frozenset({"", "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
                       "application/octet-stream", "text/comma-separated-values"})


def _refuse(status: int, message: str) -> Response:
    response = jsonify(error=message, status=status)
    response.status_code = status
    return response


def receive_file() -> Response:
    """The request body is the file; ``X-File-Name`` (URI-encoded) its name. Answers the token to check it by."""
    user = current_user()
    if user is None:
        return _refuse(401, "Your session has ended: sign in again to upload data.")
    name = clean_file_name(unquote(request.headers.get("X-File-Name", ""))[:1000])
    kind = (request.mimetype or "").lower()
    if not name.lower().endswith((".csv", ".txt")) or kind not in CSV_TYPES:
        log.info("bad input: upload of %r (%s) refused: not a CSV file", name[:80], kind[:60])
        return _refuse(415, f"“{name}” is not a CSV file: choose a .csv file (a Fingertips download or the "
                            "long layout).")
    length = request.content_length
    if length is not None and length > LIMIT_BYTES:
        log.info("bad input: upload of %s bytes refused: over the limit", length)
        return _refuse(413, too_large(length))
    try:
        with user_turn(user):
            received = receive(request.stream, user=user, file_name=name)
    except UploadRefused as refused:
        log.info("bad input: upload by %s refused (%s): %s", user, refused.status, refused.message)
        return _refuse(refused.status, refused.message)
    log.info("user %s sent %s (%s bytes) for checking", user, received.file_name, received.size)
    return jsonify(upload=received.token, file_name=received.file_name, size=received.size, sha256=received.sha256)


def register_upload_routes(server: Flask) -> None:
    server.add_url_rule(UPLOAD_FILE_PATH, "upload_file", receive_file, methods=["POST"])
