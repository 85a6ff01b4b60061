"""Checking and loading an uploaded file against the store, and the upload log.

The upload page's callbacks call these and never open the store themselves. The check is the CLI
loader's own validation (``data_access.ingest.validate_file``), so the web and ``flask data load``
accept and refuse exactly the same files; the load is ``load_bytes`` (one transaction, one release,
visibility "internal") and is then recorded in the upload audit log.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data_access import uploads
from data_access.audit import record_upload, upload_log
from data_access.db import get_engine
from data_access.ingest import Problem, load_bytes, validate_bytes, validate_file
from data_access.read.csv_safety import safe_csv
from data_access.uploads import clean_file_name

log = logging.getLogger(__name__)


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


def check_upload(content: bytes | Path, file_name: str, engine: Engine | None = None) -> UploadCheck:
    """Validate ``content`` (bytes, or a waiting file read as a stream) like ``flask data load`` does.

    Never writes and never raises for bad content.
    """
    if isinstance(content, Path):
        check = UploadCheck(clean_file_name(file_name), content.stat().st_size, uploads.file_sha256(content))
    else:
        check = UploadCheck(clean_file_name(file_name), len(content), hashlib.sha256(content).hexdigest())
    session = Session(engine or get_engine())
    try:
        report = validate_file(content, session) if isinstance(content, Path) else validate_bytes(content, session)
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


def load_upload(content: bytes | Path, file_name: str, *, user: str, description: str = "",
                engine: Engine | None = None) -> tuple[int, int, bool]:
    """Load ``content`` (bytes or a waiting file) as one internal release and audit it.

    Returns (release id, rows, newly created).

    Raises:
        ValidationFailed: the file has problems; nothing was written.
    """
    engine = engine or get_engine(read_only=False)
    name = clean_file_name(file_name)
    # load_file names the release after the file and takes no description, so the bytes are loaded; a
    # load holds one host upload slot, so at most ``upload_slots`` files are held at once.
    data = content.read_bytes() if isinstance(content, Path) else content
    result = load_bytes(data, engine, source=name, publisher=f"Local upload by {user}", visibility="internal",
                        loaded_by=user, description=(description or "").strip()[:500])
    try:
        record_upload(engine, user_name=user, file_name=name, file_hash=hashlib.sha256(data).hexdigest(),
                      file_size=len(data), rows=result.rows, release_id=result.release_id,
                      outcome="loaded" if result.created else "already_loaded")
    except SQLAlchemyError:
        # The release itself records who loaded which bytes and when; keep the load, say so in the log.
        log.error("release %s loaded by %s but its audit entry could not be written", result.release_id, user)
    return result.release_id, result.rows, result.created


def problems_csv_text(check: UploadCheck) -> str:
    """Every problem of a checked file as spreadsheet-safe CSV text (line, column, problem)."""
    frame = pd.DataFrame([(p.row, p.column, p.message) for p in check.problems], columns=["line", "column", "problem"])
    return safe_csv(frame)


def recent_uploads(limit: int = 20) -> pd.DataFrame:
    """The last ``limit`` entries of the upload audit log, newest first."""
    return upload_log(get_engine(), limit=limit)
