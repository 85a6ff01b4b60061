"""Upload page callbacks (internal instances only): check a received file, preview it, load it on confirmation.

The file reaches the server outside Dash (``web/routes_upload.py`` streams it to disk); these callbacks
get only its token, in ``UPLOAD_RECEIVED``, and read the waiting file from disk, so no callback
request or answer carries the file. The check is the CLI loader's own validation
(``data_access.ingest.validate_file``), so the web and ``flask data load`` accept and refuse exactly
the same files. Nothing is written until the person confirms; the load is ``load_bytes`` (one
transaction, one release, visibility "internal") and is then recorded in the upload audit log.
Checking and loading take the user's one upload turn and one of the host's upload slots
(``data_access.uploads``), so memory is bounded however many people upload at once. The callbacks
are registered only when ``CDP_MODE=internal``; the functions are plain and testable in either mode.
"""

from __future__ import annotations

import logging
from pathlib import Path

import flask
from dash import Input, Output, State, callback, dcc, no_update
from sqlalchemy.exc import SQLAlchemyError

from config import get_settings
from data_access import uploads
from data_access.ingest import ValidationFailed
from data_access.upload_checks import UploadCheck, check_upload, load_upload, problems_csv_text, recent_uploads
from data_access.uploads import UploadRefused, clean_file_name
from data_access.users import REQUEST_USER
from layouts.upload import parts
from presentation import ids

log = logging.getLogger(__name__)

STORE_DOWN = "The data store cannot be reached just now, so nothing was loaded. Please try again shortly."
GONE = "The file is no longer waiting to be checked (files are kept for an hour): choose it again."
__all__ = ["UploadCheck", "UploadRefused", "check_upload", "clean_file_name", "load_upload"]


def _waiting(received: object, user: str | None) -> tuple[Path, str]:
    """The waiting file and its name from the page's record of a received file; refused with the reason."""
    if not user:
        raise UploadRefused(401, "Your session has ended: sign in again to upload data.")
    if not isinstance(received, dict):
        raise UploadRefused(400, "No file was received. Choose a CSV file to check.")
    path = uploads.path_of(user, received.get("upload"))
    if path is None:
        raise UploadRefused(404, GONE)
    return path, path.name


def refusal(received: object) -> str | None:
    """The reason the server (or the page's script) gave for not taking a file, if it gave one."""
    if isinstance(received, dict) and received.get("error") is not None:
        return str(received["error"])[:300] or "The file could not be sent. Please choose it again."
    return None


def preview(received: dict | None, user: str | None) -> tuple:
    """New file received (or refused) → (preview, confirm disabled?, checked-file record, cleared result)."""
    reason = refusal(received)
    if reason is not None:
        return parts.message(reason), True, None, None
    try:
        path, name = _waiting(received, user)
        with uploads.user_turn(user), uploads.host_slot():
            check = check_upload(path, name)
    except UploadRefused as refused:
        return parts.message(refused.message), True, None, None
    except SQLAlchemyError:
        return parts.message(STORE_DOWN), True, None, None
    block = parts.preview_block(file_name=check.file_name, size=check.size, layout=check.layout,
                                rows_read=check.rows_read, problems=check.problems, skipped=check.skipped,
                                sample=check.rows)
    checked = {"upload": received["upload"], "sha256": check.sha256, "file_name": check.file_name} \
        if check.ok else None
    return block, not check.ok, checked, None


def confirm(n_clicks: int | None, received: dict | None, checked: dict | None, description: str | None,
            user: str | None) -> tuple:
    """Confirm → load the file that was checked, as ``user`` → (result message, confirm disabled?)."""
    if not n_clicks:
        return no_update, no_update
    if not user:
        return parts.message("Your session has ended: sign in again to load data."), True
    if not isinstance(checked, dict) or not isinstance(received, dict) or \
            checked.get("upload") != received.get("upload"):
        return parts.message("This file has not been checked yet (or changed since): choose it again."), True
    try:
        path, name = _waiting(checked, user)
        with uploads.user_turn(user), uploads.host_slot():
            if checked.get("sha256") != uploads.file_sha256(path):
                return parts.message("This file has not been checked yet (or changed since): choose it again."), True
            release_id, rows, created = load_upload(path, name, user=user, description=description or "")
    except UploadRefused as refused:
        return parts.message(refused.message), refused.status != 404
    except ValidationFailed as failed:
        return parts.message(f"Not loaded: {len(failed.report.problems):,} problem(s) found. Choose the file "
                             "again to see them."), True
    except SQLAlchemyError:
        return parts.message(STORE_DOWN), False
    uploads.discard(user, checked.get("upload"))
    if not created:
        return parts.message(f"This exact file was loaded before, as release #{release_id}; nothing new was "
                             "loaded.", tone="info"), True
    log.info("user %s loaded %s rows as internal release %s", user, rows, release_id)
    return parts.message(f"Loaded {rows:,} row(s) as internal release #{release_id}. They are shown on this internal "
                         "instance only.", tone="success"), True


def history(_result) -> object:
    try:
        return parts.history_table(recent_uploads(limit=20))
    except SQLAlchemyError:
        return parts.message(STORE_DOWN.replace("so nothing was loaded", "so the upload log cannot be shown"))


def problems_csv(n_clicks: int | None, received: dict | None, user: str | None) -> object:
    """Every problem of the received file as CSV (line, column, problem)."""
    if not n_clicks:
        return no_update
    try:
        path, name = _waiting(received, user)
        with uploads.user_turn(user), uploads.host_slot():
            check = check_upload(path, name)
    except (UploadRefused, SQLAlchemyError):
        return no_update
    return dcc.send_string(problems_csv_text(check), f"problems-{check.file_name.rsplit('.', 1)[0]}.csv", type="text/csv")


def _user() -> str | None:
    # The sign-in guard (auth) sets it after checking the session against the store, for this request only.
    user = flask.g.get(REQUEST_USER)
    return user if isinstance(user, str) else None


def _register() -> None:
    callback(Output(ids.UPLOAD_PREVIEW, "children"), Output(ids.UPLOAD_CONFIRM, "disabled"),
             Output(ids.UPLOAD_CHECKED, "data"), Output(ids.UPLOAD_RESULT, "children"),
             Input(ids.UPLOAD_RECEIVED, "data"), prevent_initial_call=True)(
        lambda received: preview(received, _user()))
    callback(Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
             Output(ids.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
             Input(ids.UPLOAD_CONFIRM, "n_clicks"), State(ids.UPLOAD_RECEIVED, "data"),
             State(ids.UPLOAD_CHECKED, "data"), State(ids.UPLOAD_DESCRIPTION, "value"),
             prevent_initial_call=True)(
        lambda n_clicks, received, checked, description: confirm(n_clicks, received, checked, description, _user()))
    callback(Output(ids.UPLOAD_HISTORY, "children"), Input(ids.UPLOAD_RESULT, "children"))(history)
    callback(Output(ids.UPLOAD_PROBLEMS_DOWNLOAD, "data"), Input(ids.UPLOAD_PROBLEMS_BUTTON, "n_clicks"),
             State(ids.UPLOAD_RECEIVED, "data"), prevent_initial_call=True)(
        lambda n_clicks, received: problems_csv(n_clicks, received, _user()))


if not get_settings().is_public:
    _register()
