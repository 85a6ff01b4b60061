"""Upload page callbacks (internal instances only): check a file, preview it, load it on confirmation.

The check is the CLI loader's own validation (``data_access.ingest.validate_bytes``), so the web and
``flask data load`` accept and refuse exactly the same files. Nothing is written until the person
confirms; the load is ``load_bytes`` (one transaction, one release, visibility "internal") and is
then recorded in the upload audit log. The callbacks are registered only when ``CDP_MODE=internal``;
the functions are plain and testable in either mode.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

import flask
import pandas as pd
from dash import Input, Output, State, callback, dcc, no_update
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from config import get_settings
from data_access.audit import record_upload, upload_log
from data_access.db import get_engine
from data_access.ingest import Problem, ValidationFailed, load_bytes, validate_bytes
from data_access.read.csv_safety import safe_csv
from data_access.users import SESSION_USER
from layouts import _upload_parts as parts

log = logging.getLogger(__name__)

STORE_DOWN = "The data store cannot be reached just now, so nothing was loaded. Please try again shortly."


class UploadRejected(ValueError):
    """The upload is not a file we can check (not base64, empty, too large)."""


@dataclass
class UploadCheck:
    """What checking an uploaded file found; ``problems`` empty means it can be loaded."""

    file_name: str
    size: int
    sha256: str
    layout: str = ""
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        return not self.problems


def clean_file_name(name: str | None) -> str:
    """The bare file name (no folders from either OS), printable, at most 255 characters."""
    bare = PureWindowsPath(PurePosixPath(name or "upload.csv").name).name
    return re.sub(r"[\x00-\x1f\x7f]", "", bare).strip()[:255] or "upload.csv"


def decode_upload(contents: str | None) -> bytes:
    """The file bytes from dcc.Upload's ``data:…;base64,…`` string."""
    if not isinstance(contents, str) or "," not in contents:
        raise UploadRejected("No file was received. Choose a CSV file to check.")
    header, _, data = contents.partition(",")
    if not header.startswith("data:") or ";base64" not in header:
        raise UploadRejected("The file could not be received. Please choose it again.")
    if len(data) > parts.UPLOAD_LIMIT_BYTES * 4 // 3 + 4:
        raise UploadRejected(f"The file is too large: the limit is {parts.UPLOAD_LIMIT_TEXT}.")
    try:
        content = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as error:
        raise UploadRejected("The file could not be received. Please choose it again.") from error
    if not content:
        raise UploadRejected("The file is empty.")
    if len(content) > parts.UPLOAD_LIMIT_BYTES:
        raise UploadRejected(f"The file is too large: the limit is {parts.UPLOAD_LIMIT_TEXT}.")
    return content


def check_upload(content: bytes, file_name: str, engine: Engine | None = None) -> UploadCheck:
    """Validate ``content`` like ``flask data load`` does; never writes and never raises for bad content."""
    check = UploadCheck(clean_file_name(file_name), len(content), hashlib.sha256(content).hexdigest())
    session = Session(engine or get_engine())
    try:
        report = validate_bytes(content, session)
    except SQLAlchemyError:
        raise
    except Exception as error:  # the loader should report, not raise; never let a file break the page
        log.warning("validation raised on an uploaded file (%s)", error.__class__.__name__, exc_info=error)
        check.problems = [Problem(0, "", "the file could not be read as CSV in either accepted layout")]
        return check
    finally:
        session.rollback()
        session.close()
    check.layout, check.rows_read, check.skipped = report.layout, report.rows_read, dict(report.skipped)
    check.problems, check.rows = list(report.problems), report.frame
    if report.ok and report.frame.empty:
        check.problems = [Problem(0, "", "the file has no rows to load")]
    return check


def load_upload(content: bytes, file_name: str, *, user: str, description: str = "",
                engine: Engine | None = None) -> tuple[int, int, bool]:
    """Load ``content`` as one internal release and audit it; returns (release id, rows, newly created).

    Raises:
        ValidationFailed: the file has problems; nothing was written.
    """
    engine = engine or get_engine(read_only=False)
    name = clean_file_name(file_name)
    result = load_bytes(content, engine, source=name, publisher=f"Local upload by {user}", visibility="internal",
                        loaded_by=user, description=(description or "").strip()[:500])
    try:
        record_upload(engine, user_name=user, file_name=name, file_hash=hashlib.sha256(content).hexdigest(),
                      file_size=len(content), rows=result.rows, release_id=result.release_id,
                      outcome="loaded" if result.created else "already_loaded")
    except SQLAlchemyError:
        # The release itself records who loaded which bytes and when; keep the load, say so in the log.
        log.error("release %s loaded by %s but its audit entry could not be written", result.release_id, user)
    return result.release_id, result.rows, result.created


def preview(contents: str | None, filename: str | None) -> tuple:
    """New file → (preview, confirm disabled?, checked-file record, cleared result)."""
    try:
        content = decode_upload(contents)
        check = check_upload(content, filename or "")
    except UploadRejected as error:
        return parts.message(str(error)), True, None, None
    except SQLAlchemyError:
        return parts.message(STORE_DOWN), True, None, None
    block = parts.preview_block(file_name=check.file_name, size=check.size, layout=check.layout,
                                rows_read=check.rows_read, problems=check.problems, skipped=check.skipped,
                                sample=check.rows)
    checked = {"sha256": check.sha256, "file_name": check.file_name} if check.ok else None
    return block, not check.ok, checked, None


def confirm(n_clicks: int | None, contents: str | None, filename: str | None, checked: dict | None,
            description: str | None, user: str | None) -> tuple:
    """Confirm → load the file that was checked, as ``user`` → (result message, confirm disabled?)."""
    if not n_clicks:
        return no_update, no_update
    if not user:
        return parts.message("Your session has ended: sign in again to load data."), True
    try:
        content = decode_upload(contents)
    except UploadRejected as error:
        return parts.message(str(error)), True
    if not isinstance(checked, dict) or checked.get("sha256") != hashlib.sha256(content).hexdigest():
        return parts.message("This file has not been checked yet (or changed since): choose it again."), True
    try:
        release_id, rows, created = load_upload(content, filename or "", user=user, description=description or "")
    except ValidationFailed as failed:
        return parts.message(f"Not loaded: {len(failed.report.problems):,} problem(s) found. Choose the file "
                             "again to see them."), True
    except SQLAlchemyError:
        return parts.message(STORE_DOWN), False
    if not created:
        return parts.message(f"This exact file was loaded before, as release #{release_id}; nothing new was "
                             "loaded.", tone="info"), True
    log.info("user %s loaded %s rows as internal release %s", user, rows, release_id)
    return parts.message(f"Loaded {rows:,} row(s) as internal release #{release_id}. They are shown on this internal "
                         "instance only.", tone="success"), True


def history(_result) -> object:
    try:
        return parts.history_table(upload_log(get_engine(), limit=20))
    except SQLAlchemyError:
        return parts.message(STORE_DOWN.replace("so nothing was loaded", "so the upload log cannot be shown"))


def problems_csv(n_clicks: int | None, contents: str | None, filename: str | None) -> object:
    """Every problem of the chosen file as CSV (line, column, problem)."""
    if not n_clicks:
        return no_update
    try:
        check = check_upload(decode_upload(contents), filename or "")
    except (UploadRejected, SQLAlchemyError):
        return no_update
    frame = pd.DataFrame([(p.row, p.column, p.message) for p in check.problems], columns=["line", "column", "problem"])
    return dcc.send_string(safe_csv(frame), f"problems-{check.file_name.rsplit('.', 1)[0]}.csv", type="text/csv")


def _register() -> None:
    callback(Output(parts.UPLOAD_PREVIEW, "children"), Output(parts.UPLOAD_CONFIRM, "disabled"),
             Output(parts.UPLOAD_CHECKED, "data"), Output(parts.UPLOAD_RESULT, "children"),
             Input(parts.UPLOAD_FILE, "contents"), State(parts.UPLOAD_FILE, "filename"),
             prevent_initial_call=True)(preview)
    callback(Output(parts.UPLOAD_RESULT, "children", allow_duplicate=True),
             Output(parts.UPLOAD_CONFIRM, "disabled", allow_duplicate=True),
             Input(parts.UPLOAD_CONFIRM, "n_clicks"), State(parts.UPLOAD_FILE, "contents"),
             State(parts.UPLOAD_FILE, "filename"), State(parts.UPLOAD_CHECKED, "data"),
             State(parts.UPLOAD_DESCRIPTION, "value"), prevent_initial_call=True)(_confirm_as_signed_in_user)
    callback(Output(parts.UPLOAD_HISTORY, "children"), Input(parts.UPLOAD_RESULT, "children"))(history)
    callback(Output(parts.UPLOAD_PROBLEMS_DOWNLOAD, "data"), Input(parts.UPLOAD_PROBLEMS_BUTTON, "n_clicks"),
             State(parts.UPLOAD_FILE, "contents"), State(parts.UPLOAD_FILE, "filename"),
             prevent_initial_call=True)(problems_csv)


def _confirm_as_signed_in_user(n_clicks, contents, filename, checked, description):
    return confirm(n_clicks, contents, filename, checked, description, flask.session.get(SESSION_USER))


if not get_settings().is_public:
    _register()
