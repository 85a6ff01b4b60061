"""A load's one transaction is not cut off by the statement bound pages get (it gets the command bound)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

import config
from data_access.db import make_engine
from data_access.ingest import load_bytes
from data_access.store_bounds import long_statements
from tests.support.ingest_helpers import counts, long_csv

SCA = "successful_completions_adults"
#: Longer than the page bound set below; on SQLite a recursive count of the same order of time.
SLOW = {"postgresql": "SELECT pg_sleep(0.6)",
        "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) "
                  "SELECT count(*) FROM n"}


@pytest.fixture
def bounded(store, store_url, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """An engine on the test store whose page statements are cut off after 0.2 s."""
    monkeypatch.setenv("CDP_STORE_STATEMENT_TIMEOUT", "0.2")
    config.get_settings.cache_clear()
    engine = make_engine(store_url)
    yield engine
    engine.dispose()
    config.get_settings.cache_clear()


def test_a_slow_statement_is_cut_off_except_inside_long_statements(bounded):
    slow = SLOW[bounded.dialect.name]
    with pytest.raises(DBAPIError), bounded.connect() as conn:
        conn.execute(text(slow))
    with bounded.begin() as conn, long_statements(conn):
        conn.execute(text(slow))


def test_a_load_runs_under_the_command_bound(bounded, store):
    rows = [f"{SCA},E92000001,{year}/{str(year + 1)[2:]},21.5,215,1000,,," for year in range(2010, 2024)]
    result = load_bytes(long_csv(*rows).encode(), bounded, source="bounded.csv")
    assert result.created and counts(store)["observation"] == len(rows)
