"""The audit log of web uploads: who loaded which bytes, when, how many rows, into which release.

The release row itself also carries ``loaded_by``, ``loaded_at``, ``file_hash`` and ``row_count``, so
even if writing the audit entry failed after a load, who loaded what is still answerable.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from data_access.db import session_scope
from data_access.models import UploadAudit
from data_access.users import now

AUDIT_COLUMNS = ["id", "at", "user_name", "file_name", "file_hash", "file_size", "rows", "release_id", "outcome"]


def record_upload(engine: Engine, *, user_name: str, file_name: str, file_hash: str, file_size: int, rows: int,
                  release_id: int | None, outcome: str) -> int:
    """Append one entry (``outcome``: loaded | already_loaded) and return its id."""
    entry = UploadAudit(at=now(), user_name=user_name[:120], file_name=file_name[:255], file_hash=file_hash,
                        file_size=int(file_size), rows=int(rows), release_id=release_id, outcome=outcome)
    with session_scope(engine) as session:
        session.add(entry)
        session.flush()
        return entry.id


def upload_log(engine: Engine, limit: int = 50) -> pd.DataFrame:
    """The newest ``limit`` entries, newest first (AUDIT_COLUMNS)."""
    columns = [getattr(UploadAudit, name) for name in AUDIT_COLUMNS]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).order_by(UploadAudit.id.desc()).limit(max(1, min(limit, 1000)))).all()
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)
