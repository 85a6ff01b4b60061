"""Bounds on every store call, so a store that stops answering costs a request seconds and never freezes the site.

A store that refuses connections fails fast by itself; one that goes silent (a network partition, a hung
server, sockets open and nothing answered) does not: without bounds a pooled connection's next query
waits for ever and every worker thread ends up stuck behind one. So, on PostgreSQL:

- the server ends a statement after ``statement`` seconds (``statement_timeout``);
- the client gives up on any round trip the server has not answered a second after that (the
  server's own timeout would have spoken first), or on the pool's "are you there" ping after the
  connect timeout, closes that connection and marks the store failed;
  ``connect_timeout`` bounds connecting, and TCP keepalives and ``tcp_user_timeout`` let the kernel
  notice a peer that has vanished from the network;
- after a failure the store is skipped for ``retry`` seconds (``data_access.breaker``): requests get
  "unavailable" at once instead of each waiting out a connect timeout, and one request at a time tries
  again, so the site recovers by itself when the store comes back.

On SQLite, ``timeout`` bounds waiting for another process's lock and a progress handler interrupts a
statement running past ``statement`` seconds. Everywhere, the pool's ``checkout`` bounds waiting for a
free connection. ``flask`` commands (loads, migrations) get ``CDP_STORE_COMMAND_TIMEOUT`` per statement.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import click
import psycopg
from sqlalchemy import Connection, Engine, event

from config import get_settings
from data_access.breaker import Breaker

log = logging.getLogger(__name__)

#: How many SQLite virtual-machine steps run between two looks at the clock.
SQLITE_STEPS_PER_CHECK = 10_000
_DEADLINE = "cdp_statement_deadline"
_LONG = "cdp_long_statement_seconds"


@dataclass(frozen=True)
class Bounds:
    """Seconds: connecting, one statement, waiting for a pooled connection, skipping a failed store."""

    connect: float
    statement: float
    checkout: float
    retry: float

    @property
    def round_trip(self) -> float:
        """The client's limit on one unanswered round trip: the server's statement timeout speaks first."""
        return self.statement + 1.0


def current_bounds() -> Bounds:
    """The configured bounds; a ``flask`` command (a load, a migration) gets the command statement timeout."""
    settings = get_settings()
    in_command = click.get_current_context(silent=True) is not None
    return Bounds(connect=settings.store_connect_timeout,
                  statement=settings.store_command_timeout if in_command else settings.store_statement_timeout,
                  checkout=settings.store_checkout_timeout, retry=settings.store_retry_seconds)


def postgres_connect_args(bounds: Bounds, options: str) -> dict:
    """libpq parameters bounding connecting, each statement and a silent peer, with ``options`` kept."""
    statement_ms = int(bounds.statement * 1000)
    return {
        "connect_timeout": max(2, math.ceil(bounds.connect)),  # libpq's unit is whole seconds, at least 2
        "options": f"{options} -c statement_timeout={statement_ms}".strip(),
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": int(bounds.round_trip * 1000),
    }


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose every round trip ends within ``round_trip_timeout`` seconds.

    psycopg waits for the server in ``Connection.wait``, with no limit unless one is passed; this passes
    one. When it runs out the connection is closed (its protocol state is unknown) and the error says
    so; SQLAlchemy then sees a closed connection, treats the error as a disconnect and replaces every
    pooled connection. The fault tests (``tests/integration/faults/test_silent_store.py``) hold this to psycopg's
    pinned version.
    """

    round_trip_timeout: float | None = None
    breaker: Breaker | None = None

    def wait(self, gen, *args, timeout: float | None = None, **kwargs):  # noqa: ANN001, ANN201 - psycopg's signature
        limit = self.round_trip_timeout if timeout is None else timeout
        started = time.monotonic()
        try:
            return super().wait(gen, *args, timeout=limit, **kwargs)
        except psycopg.OperationalError as error:
            if timeout is not None or limit is None or time.monotonic() - started < limit:
                raise
            self.close()
            silent = psycopg.OperationalError(f"the store did not answer within {limit:g} s")
            if self.breaker is not None:
                self.breaker.failed(silent)
            raise silent from error


def bound_postgres(engine: Engine, bounds: Bounds) -> Breaker:
    """Connect ``engine`` through :class:`BoundedConnection` behind a breaker; returns the breaker."""
    def failed(name: str, reason: BaseException | str) -> None:
        log.warning("%s unavailable (%s); requests answer 'unavailable' and one tries it again every %g s",
                    name, _describe(reason), bounds.retry)

    breaker = Breaker("store", bounds.retry, failed, on_close=_store_back)

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect, _record, cargs, cparams):  # noqa: ANN001, ANN202 - SQLAlchemy's event signature
        if not breaker.allow():
            raise psycopg.OperationalError(f"the store failed recently; trying again within {bounds.retry:g} s")
        try:
            connection = BoundedConnection.connect(*cargs, **cparams)
        except Exception as error:
            breaker.failed(error)
            raise
        breaker.succeeded()
        connection.round_trip_timeout = bounds.round_trip
        connection.breaker = breaker
        return connection

    # The pool asks a pooled connection whether the server is there before lending it; a healthy server
    # answers that at once, so a silent one is given up on after the connect timeout, not a statement's.
    ping = engine.dialect.do_ping

    def _bounded_ping(dbapi_connection) -> bool:  # noqa: ANN001 - SQLAlchemy's signature
        usual = getattr(dbapi_connection, "round_trip_timeout", None)
        if usual is None:
            return ping(dbapi_connection)
        dbapi_connection.round_trip_timeout = min(usual, bounds.connect)
        try:
            return ping(dbapi_connection)
        finally:
            dbapi_connection.round_trip_timeout = usual

    engine.dialect.do_ping = _bounded_ping  # this engine's own dialect instance
    return breaker


def bound_sqlite(engine: Engine, bounds: Bounds) -> None:
    """Interrupt any statement of ``engine`` still running ``bounds.statement`` seconds after it started."""

    @event.listens_for(engine, "connect")
    def _watch(dbapi_connection, record) -> None:  # noqa: ANN001 - SQLAlchemy's event signature
        info = record.info
        dbapi_connection.set_progress_handler(lambda: time.monotonic() > info.get(_DEADLINE, math.inf),
                                              SQLITE_STEPS_PER_CHECK)

    @event.listens_for(engine, "before_cursor_execute")
    def _arm(conn, *_args) -> None:  # noqa: ANN001 - SQLAlchemy's event signature
        seconds = conn.info.get(_LONG, bounds.statement)
        conn.info[_DEADLINE] = time.monotonic() + seconds  # rows are fetched within the same bound

    @event.listens_for(engine, "checkin")
    def _disarm(_dbapi_connection, record) -> None:  # noqa: ANN001 - SQLAlchemy's event signature
        record.info.pop(_DEADLINE, None)


@contextmanager
def long_statements(connection: Connection) -> Iterator[None]:
    """Let ``connection``'s statements run for the command timeout while inside the block.

    A load writes a whole file in one transaction (one ``COPY`` or a long ``executemany``), which a
    page's five-second bound would cut off whether it comes from ``flask data load`` or the upload page.
    PostgreSQL gets ``SET LOCAL statement_timeout`` (it ends with the transaction) and the client's
    round-trip limit is raised to match; SQLite's statement deadline is raised the same way.
    """
    seconds = get_settings().store_command_timeout
    raw = connection.connection.driver_connection
    usual = getattr(raw, "round_trip_timeout", None)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(seconds * 1000)}")
        if usual is not None:
            raw.round_trip_timeout = seconds + 1.0
    connection.info[_LONG] = seconds
    try:
        yield
    finally:
        connection.info.pop(_LONG, None)
        if usual is not None:
            raw.round_trip_timeout = usual


def _store_back(name: str) -> None:
    log.info("%s reachable again", name)


def _describe(reason: BaseException | str) -> str:
    if isinstance(reason, str):
        return reason
    text = " ".join(str(reason).split())
    return f"{reason.__class__.__name__}: {text[:200]}" if text else reason.__class__.__name__
