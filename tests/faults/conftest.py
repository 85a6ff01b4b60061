"""Fixtures for the fault tests: a PostgreSQL demo store reached through a proxy the test can cut."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.engine import make_url

from data_access.db import make_engine
from tests.conftest import PG_URL, _require_pg, pg_schema_url
from tests.faults.proxy import TcpProxy
from tests.security.conftest import app_store  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def pg_demo_schema() -> Iterator[str]:
    """A schema on the local PostgreSQL with the demonstration release (built once per module)."""
    _require_pg()
    from data_access.demo import load_demo
    from data_access.setup import init_store

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        engine = make_engine(pg_schema_url(schema))
        init_store(engine)
        load_demo(engine)
        engine.dispose()
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_proxy() -> Iterator[TcpProxy]:
    """A closed proxy in front of the real PostgreSQL; the test opens and closes it (never the server)."""
    target = make_url(PG_URL)
    proxy = TcpProxy((target.host or "127.0.0.1", target.port or 5432))
    proxy.open()
    proxy.close()  # keep its port, start closed
    yield proxy
    proxy.close()


def through(proxy: TcpProxy, schema: str) -> str:
    """The demo schema's URL, but via ``proxy``."""
    return make_url(pg_schema_url(schema)).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


def wait_until(check, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except requests.RequestException:
            pass
        time.sleep(0.25)
    return False
