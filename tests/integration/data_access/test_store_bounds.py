"""Every store call is bounded: a slow statement, a silent server, a full pool and a busy SQLite file all end in
seconds with an error the app turns into "unavailable", and the store is used again once it answers."""

from __future__ import annotations

import time

import click
import pytest
from sqlalchemy import exc, text
from sqlalchemy.engine import make_url

from data_access.db import make_engine
from data_access.store_bounds import Bounds, current_bounds
from tests.conftest import PG_URL, _require_pg
from tests.support.proxy import TcpProxy

TIGHT = Bounds(connect=2, statement=1, checkout=1, retry=0.5)


def _elapsed(fn) -> tuple[float, BaseException | None]:
    started = time.monotonic()
    try:
        fn()
    except Exception as error:  # noqa: BLE001 - the test inspects it
        return time.monotonic() - started, error
    return time.monotonic() - started, None


def _select_one(engine) -> None:
    with engine.connect() as conn:
        assert conn.execute(text("select 1")).scalar() == 1


@pytest.fixture
def pg_through_proxy():
    _require_pg()
    target = make_url(PG_URL)
    proxy = TcpProxy((target.host or "127.0.0.1", target.port or 5432)).open()
    engine = make_engine(target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
                         read_only=True, bounds=TIGHT)
    yield proxy, engine
    engine.dispose()
    proxy.close()


def test_postgres_ends_a_long_statement_and_keeps_the_connection():
    _require_pg()
    engine = make_engine(PG_URL, bounds=TIGHT)
    try:
        with engine.connect() as conn:
            took, error = _elapsed(lambda: conn.execute(text("select pg_sleep(10)")))
            assert isinstance(error, exc.OperationalError) and "statement timeout" in str(error)
            assert took < 5
            conn.rollback()
            assert conn.execute(text("select 1")).scalar() == 1
    finally:
        engine.dispose()


def test_a_silent_postgres_fails_within_the_bounds_is_skipped_then_recovers(pg_through_proxy):
    proxy, engine = pg_through_proxy
    _select_one(engine)  # a pooled connection the pool will ping
    proxy.silence()
    took, error = _elapsed(lambda: _select_one(engine))
    assert isinstance(error, exc.OperationalError) and took < 6
    took, error = _elapsed(lambda: _select_one(engine))  # skipped at once while the breaker is open
    assert isinstance(error, exc.OperationalError) and took < 0.5
    proxy.resume()
    deadline = time.monotonic() + 15
    while _elapsed(lambda: _select_one(engine))[1] is not None:
        assert time.monotonic() < deadline, "the store did not come back"
        time.sleep(0.2)


def test_a_query_on_a_connection_already_lent_is_cut_when_the_server_goes_silent(pg_through_proxy):
    proxy, engine = pg_through_proxy
    with engine.connect() as conn:
        conn.execute(text("select 1"))
        proxy.silence()
        took, error = _elapsed(lambda: conn.execute(text("select 1")))
    assert isinstance(error, exc.OperationalError) and "did not answer" in str(error)
    assert TIGHT.round_trip - 0.5 < took < TIGHT.round_trip + 3


def test_waiting_for_a_pooled_connection_is_bounded():
    _require_pg()
    engine = make_engine(PG_URL, bounds=TIGHT)
    held = [engine.connect() for _ in range(10)]  # pool_size + max_overflow
    try:
        took, error = _elapsed(engine.connect)
        assert isinstance(error, exc.TimeoutError) and took < 4
    finally:
        for conn in held:
            conn.close()
        engine.dispose()


def test_sqlite_interrupts_a_runaway_statement_and_keeps_the_connection(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bounded.sqlite3'}", bounds=TIGHT)
    endless = text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
    with engine.connect() as conn:
        took, error = _elapsed(lambda: conn.execute(endless))
        assert isinstance(error, exc.OperationalError) and "interrupted" in str(error)
        assert took < 5
        conn.rollback()
        assert conn.execute(text("select 1")).scalar() == 1  # the next statement gets its own bound
    engine.dispose()


def test_commands_get_the_command_statement_bound(monkeypatch):
    import config

    monkeypatch.setenv("CDP_STORE_STATEMENT_TIMEOUT", "4")
    monkeypatch.setenv("CDP_STORE_COMMAND_TIMEOUT", "600")
    config.get_settings.cache_clear()
    try:
        assert current_bounds().statement == 4
        with click.Context(click.Command("load")):
            assert current_bounds().statement == 600
    finally:
        config.get_settings.cache_clear()


def test_bounds_must_be_positive_seconds(monkeypatch):
    import config

    monkeypatch.setenv("CDP_STORE_STATEMENT_TIMEOUT", "0")
    config.get_settings.cache_clear()
    try:
        with pytest.raises(ValueError, match="CDP_STORE_STATEMENT_TIMEOUT"):
            config.get_settings()
    finally:
        config.get_settings.cache_clear()
