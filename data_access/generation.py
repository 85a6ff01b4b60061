"""The store's generation: a random token every write renews, and a digest of what the store holds.

Cached answers are keyed on ``release_key()``, which used to name only release and footprint
numbers. Restoring a backup at the same address and then loading a different file gives the new
release the same number as one loaded before the restore, so cached answers for the old content
were served again, for up to the cache's lifetime. Every command that changes what pages show
(load, upload, demonstration load, footprint load, schedule load, ``data init``) therefore renews
the token in its own transaction, and ``content_digest`` folds the token together with the
releases (ids, file hashes, row counts, visibility), the current footprint version and the current
schedule version. A restored backup brings back its own older token and content, so it can only
meet answers computed from exactly that content; a write after the restore draws a fresh token
that no cached answer has ever been stored under; and a change made without renewing the token
(an older version of the app, a hand-edited store) still changes the digest.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import Connection, DateTime, Integer, String, func, insert, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from data_access.catalogue.schedule_models import ReleaseScheduleVersion
from data_access.models import Base, FootprintVersion, Release

#: The one row's id.
ROW_ID = 1


class StoreGeneration(Base):
    """One row: the token the latest write drew (``renew_generation``)."""

    __tablename__ = "store_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    token: Mapped[str] = mapped_column(String(32))
    renewed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


def new_token() -> str:
    """A fresh random token (128 bits, hex)."""
    return secrets.token_hex(16)


def renew_generation(executor: Session | Connection) -> str:
    """Draw a new token inside the caller's transaction, so it commits (or not) with the write it marks."""
    token = new_token()
    table = StoreGeneration.__table__
    done = executor.execute(update(table).where(table.c.id == ROW_ID).values(token=token, renewed_at=func.now()))
    if not done.rowcount:
        executor.execute(insert(table).values(id=ROW_ID, token=token))
    return token


def content_digest(conn: Connection) -> str:
    """A digest of the generation token and of what the store holds; changes whenever either does."""
    token = conn.scalar(select(StoreGeneration.token).where(StoreGeneration.id == ROW_ID)) or ""
    releases = conn.execute(select(Release.id, Release.file_hash, Release.row_count, Release.visibility,
                                   Release.is_demo).order_by(Release.id)).all()
    footprint = conn.execute(select(FootprintVersion.id, FootprintVersion.file_hash)
                             .where(FootprintVersion.is_current).order_by(FootprintVersion.id)).all()
    schedule = conn.execute(select(ReleaseScheduleVersion.id, ReleaseScheduleVersion.file_hash)
                            .order_by(ReleaseScheduleVersion.id.desc()).limit(1)).all()
    text = repr((token, [tuple(r) for r in releases], [tuple(r) for r in footprint], [tuple(r) for r in schedule]))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
