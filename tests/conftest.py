"""Shared fixtures: a fresh store on SQLite and on PostgreSQL for every test that asks for one.

PostgreSQL tests use their own schema on the server named by ``TEST_DATABASE_URL`` (default: the
local server's ``test`` database). Where that server cannot be reached they are skipped, except in
CI (``CI=true``), where an unreachable server is a failure: the suite must run on both stores.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from data_access.db import make_engine
from data_access.setup import init_store

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SHARED_DATA = Path(os.environ.get("CDP_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def _pg_available() -> bool:
    try:
        with make_engine(PG_URL).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except OperationalError:
        return False


_PG = _pg_available()


def _require_pg() -> None:
    if not _PG:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {PG_URL} is unreachable; CI must run the PostgreSQL tests")
        pytest.skip("PostgreSQL is not reachable here")


def pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def _new_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    _require_pg()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database on each backend."""
    yield from _new_url(request.param, tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Engine]:
    """An initialised store (schema, catalogue, areas, default footprint) on each backend."""
    engine = make_engine(store_url)
    init_store(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def shared_data() -> Path:
    """The project's shared ONS data folder; tests that need it skip cleanly where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA
