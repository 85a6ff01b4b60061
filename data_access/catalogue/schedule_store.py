"""The release schedule in the store: seeded from the committed file, replaced whole by ``data schedule``.

The store is what the app serves from, so the schedule lives there like every other fact it shows;
``data init`` loads the committed ``release_schedule.csv`` into an empty store, and each later load
is a new version in one transaction (a file with a problem writes nothing). Older versions stay,
so when a date was announced, and by whom, can still be traced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine, Row, func, select
from sqlalchemy.orm import Session

from data_access.catalogue import get_catalogue
from data_access.catalogue.schedule import SCHEDULE_FILE, ScheduleEntry, read_schedule_file
from data_access.catalogue.schedule_models import ReleaseScheduleRow, ReleaseScheduleVersion
from data_access.db import session_scope
from data_access.generation import renew_generation


@dataclass(frozen=True)
class ScheduleLoad:
    """The outcome of loading a schedule file: its version, how many metrics it dates, and whether it is new."""

    version_id: int
    entries: int
    created: bool


def add_schedule_version(session: Session, entries: list[ScheduleEntry], *, source: str, file_hash: str) -> ScheduleLoad:
    """Store checked ``entries`` as the new current schedule; nothing changes when the current one is the same file."""
    current = session.scalar(select(ReleaseScheduleVersion).order_by(ReleaseScheduleVersion.id.desc()).limit(1))
    if current is not None and current.file_hash == file_hash:
        count = session.scalar(select(func.count()).where(ReleaseScheduleRow.version_id == current.id))
        return ScheduleLoad(current.id, int(count or 0), created=False)
    version = ReleaseScheduleVersion(source=source, file_hash=file_hash)
    session.add(version)
    session.flush()
    session.add_all(ReleaseScheduleRow(version_id=version.id, metric_id=e.metric_id, release_date=e.release_date,
                                       date_precision=e.date_precision, covers=e.covers, source=e.source,
                                       recorded_on=e.recorded_on) for e in entries)
    session.flush()
    renew_generation(session)
    return ScheduleLoad(version.id, len(entries), created=True)


def load_schedule_file(path: Path, engine: Engine, today: date | None = None) -> ScheduleLoad:
    """Check ``path`` against the catalogue and make it the current schedule, in one transaction.

    Raises ``ScheduleError`` with every problem before anything is written.
    """
    entries = read_schedule_file(path, get_catalogue().metrics, today or date.today())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with session_scope(engine) as session:
        return add_schedule_version(session, entries, source=path.name, file_hash=digest)


def load_default_schedule(session: Session) -> int | None:
    """Seed an empty store with the committed schedule; returns the new version id, or None when one exists."""
    if session.scalar(select(ReleaseScheduleVersion.id).limit(1)) is not None:
        return None
    # The committed file is checked by the test suite; a machine with a wrong clock must still initialise.
    entries = read_schedule_file(SCHEDULE_FILE, get_catalogue().metrics, date.max)
    digest = hashlib.sha256(SCHEDULE_FILE.read_bytes()).hexdigest()
    return add_schedule_version(session, entries, source=SCHEDULE_FILE.name, file_hash=digest).version_id


def current_schedule(connection: Connection) -> tuple[Row | None, list[ScheduleEntry]]:
    """The newest schedule version (id, source, loaded_at; None in a store without one) and its entries."""
    version = connection.execute(select(ReleaseScheduleVersion.id, ReleaseScheduleVersion.source,
                                        ReleaseScheduleVersion.loaded_at)
                                 .order_by(ReleaseScheduleVersion.id.desc()).limit(1)).one_or_none()
    if version is None:
        return None, []
    row = ReleaseScheduleRow
    rows = connection.execute(select(row.metric_id, row.release_date, row.date_precision, row.covers, row.source,
                                     row.recorded_on).where(row.version_id == version.id)
                              .order_by(row.metric_id)).all()
    return version, [ScheduleEntry(*r) for r in rows]
