"""Shared fixtures: a fresh store on SQLite and on PostgreSQL for every test that asks for one.

PostgreSQL tests use their own schema on the server named by ``TEST_DATABASE_URL`` (default: the
local server's ``test`` database). Where that server cannot be reached they are skipped, except in
CI (``CI=true``), where an unreachable server is a failure: the suite must run on both stores.
"""

from __future__ import annotations

import os
import tempfile

# Tests never touch the developer's instance folder and use a per-process cache.
os.environ.setdefault("CDP_INSTANCE_DIR", tempfile.mkdtemp(prefix="cdp-tests-"))
os.environ.setdefault("CACHE_TYPE", "SimpleCache")

import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.exc import OperationalError  # noqa: E402

from data_access.db import make_engine  # noqa: E402
from data_access.setup import init_store  # noqa: E402

# Fixtures for particular parts of the suite, registered for all of it so unit and integration tests share them.
pytest_plugins = [
    "tests.support.fixtures.boundaries",
    "tests.support.fixtures.faults",
    "tests.support.fixtures.ingest",
    "tests.support.fixtures.read",
    "tests.support.fixtures.security",
]

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


@pytest.fixture(scope="session")
def demo_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store with the demonstration release, built once per test session."""
    from data_access.demo import load_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    engine = make_engine(url)
    init_store(engine)
    load_demo(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def web_env(demo_store_url: str) -> Iterator[None]:
    """Point the app's settings and engines at the demonstration store for the whole session."""
    import config
    from data_access import db

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", demo_store_url)
        patch.setenv("CDP_MODE", "public")
        config.get_settings.cache_clear()
        db.reset_engines()
        yield
    config.get_settings.cache_clear()
    db.reset_engines()


@pytest.fixture
def client(web_env):
    """Flask test client of the whole app over the demonstration store."""
    from app import server

    return server.test_client()


@pytest.fixture
def data_cli(store, store_url: str, monkeypatch: pytest.MonkeyPatch):
    """Invoke ``flask data …`` against the initialised test store (internal mode); returns the click result."""
    import config
    from app import server  # imported before the mode changes: the app's pages are registered once per session
    from data_access import db

    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.setenv("CDP_MODE", "internal")
    monkeypatch.setenv("SECRET_KEY", "cli-tests-only")  # the app refuses internal mode without one
    config.get_settings.cache_clear()
    db.reset_engines()
    runner = server.test_cli_runner()
    yield lambda *args: runner.invoke(args=["data", *map(str, args)])
    db.reset_engines()
    config.get_settings.cache_clear()
