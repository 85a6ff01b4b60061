"""One SQLAlchemy engine per process, created lazily from the settings.

SQLite is the zero-set-up default; PostgreSQL is used when ``DATABASE_URL`` says so. In public mode
the store is opened read-only: SQLite through a read-only URI, PostgreSQL through read-only
transactions, so no code path in the web process can write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from config import get_settings

_engines: dict[tuple[str, bool], Engine] = {}


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """Create an engine for ``url``; ``read_only`` refuses every write at the database level."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        if read_only and database and database != ":memory:":
            uri = f"file:{Path(database).resolve()}?mode=ro"
            # A creator on "sqlite://" would get SingletonThreadPool, which closes other threads' live
            # connections past 5 threads (a segfault under a threaded server): pool like a file URL.
            engine = create_engine("sqlite://", creator=lambda: _sqlite_connect(uri), pool_pre_ping=True,
                                   poolclass=QueuePool)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    options = parsed.query.get("options", "")
    if read_only:
        options = f"{options} -c default_transaction_read_only=on".strip()
    parsed = parsed.difference_update_query(["options"])
    connect_args = {"connect_timeout": 5, **({"options": options} if options else {})}
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args=connect_args)


def _sqlite_connect(uri: str):
    import sqlite3

    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def get_engine(*, read_only: bool | None = None) -> Engine:
    """The process-wide engine for the configured store (read-only in public mode by default)."""
    settings = get_settings()
    ro = settings.is_public if read_only is None else read_only
    key = (settings.database_url, ro)
    if key not in _engines:
        _engines[key] = make_engine(settings.database_url, read_only=ro)
    return _engines[key]


def reset_engines() -> None:
    """Dispose every engine (tests and after a fork)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error, always close."""
    factory = sessionmaker(bind=engine or get_engine(read_only=False), expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
