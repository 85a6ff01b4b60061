"""One SQLAlchemy engine per process, created lazily from the settings.

SQLite is the zero-set-up default; PostgreSQL is used when ``DATABASE_URL`` says so. In public mode
the store is opened read-only: SQLite through a read-only URI, PostgreSQL through read-only
transactions, so no code path in the web process can write. Every store call is bounded in time
(``data_access.store_bounds``), so a store that stops answering never holds a request for long.
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
from data_access.store_bounds import Bounds, bound_postgres, bound_sqlite, current_bounds, postgres_connect_args

_engines: dict[tuple[str, bool], Engine] = {}


def make_engine(url: str, *, read_only: bool = False, bounds: Bounds | None = None) -> Engine:
    """Create an engine for ``url``; ``read_only`` refuses every write at the database level.

    Every call through it is bounded (``data_access.store_bounds``): ``bounds`` defaults to the configured ones.
    """
    bounds = bounds or current_bounds()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        on_disk = bool(database) and database != ":memory:"
        if on_disk:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        pooled = {"pool_timeout": bounds.checkout} if on_disk else {}
        if read_only and on_disk:
            uri = f"file:{Path(database).resolve()}?mode=ro"
            # A creator on "sqlite://" would get SingletonThreadPool, which closes other threads' live
            # connections past 5 threads (a segfault under a threaded server): pool like a file URL.
            engine = create_engine("sqlite://", creator=lambda: _sqlite_connect(uri, bounds.statement),
                                   pool_pre_ping=True, poolclass=QueuePool, **pooled)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args={"timeout": bounds.statement}, **pooled)
        event.listen(engine, "connect", _sqlite_pragmas)
        bound_sqlite(engine, bounds)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    options = parsed.query.get("options", "")
    if read_only:
        options = f"{options} -c default_transaction_read_only=on".strip()
    parsed = parsed.difference_update_query(["options"])
    engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=bounds.checkout,
                           connect_args=postgres_connect_args(bounds, options))
    bound_postgres(engine, bounds)
    return engine


def _sqlite_connect(uri: str, busy_timeout: float):
    import sqlite3

    return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=busy_timeout)


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
