"""The cache key follows what the store holds: a restored backup and a load after it never meet stale answers.

The scenario from the field: a store is backed up, a file is loaded (40%), the backup is restored at
the same address and a different file is loaded (90%). The new release gets the number the undone one
had, so a key of release numbers alone served 40% from the shared cache. Here the app (public mode,
shared cache on, release key read on every request) must serve 90%, in the same worker and in a worker
whose own memory is empty, on SQLite (SQLite's online backup and restore) and PostgreSQL (pg_dump of the
store's schema restored with psql).
"""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text, update
from sqlalchemy.engine import make_url

from data_access.db import make_engine
from data_access.generation import ROW_ID, StoreGeneration, content_digest
from data_access.ingest import ValidationFailed, load_bytes
from data_access.models import Release
from tests.conftest import PG_URL

METRIC = "successful_completions_adults"
PERIOD = "2022/23"
AREA = "E06000001"


def one_value_csv(numerator: int, denominator: int = 100) -> bytes:
    return (f"metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note\n"
            f"{METRIC},{AREA},{PERIOD},{100 * numerator / denominator},{numerator},{denominator},,,\n").encode()


def token(engine: Engine) -> str:
    with engine.connect() as conn:
        return conn.scalar(text("select token from store_generation where id = 1"))


class Backup:
    """Copy a store aside and put it back at the same address, as an operator undoes a bad load."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.folder = make_url(url), folder

    def take(self) -> None:
        if self.url.get_backend_name() == "sqlite":
            _sqlite_copy(self.url.database, self.folder / "backup.sqlite3")
            return
        dump = subprocess.run(["pg_dump", "--no-owner", "-n", self._schema(), self._libpq()], check=True,
                              capture_output=True)
        (self.folder / "backup.sql").write_bytes(dump.stdout)

    def restore(self) -> None:
        if self.url.get_backend_name() == "sqlite":
            _sqlite_copy(self.folder / "backup.sqlite3", self.url.database)
            return
        script = f'DROP SCHEMA "{self._schema()}" CASCADE;\n'.encode() + (self.folder / "backup.sql").read_bytes()
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", self._libpq()], input=script, check=True,
                       capture_output=True)

    def _schema(self) -> str:
        return str(self.url.query["options"]).rsplit("=", 1)[1]

    def _libpq(self) -> str:
        return make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    """SQLite's online backup (``sqlite3 live.db ".restore backup.db"``): open connections see the new pages.

    Copying the file over a store in use is not a restore SQLite supports: a connection that already
    read the store can keep its cached pages when the copied file's change counter happens to match.
    """
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture
def served(store: Engine, store_url: str, web_env) -> Iterator[str]:
    """The app pointed at ``store`` in public mode, asking for the release key on every request."""
    import app  # noqa: F401  (the shared cache and the callbacks, as when serving)
    import config
    from data_access import db
    from data_access.cache import cache
    from data_access.read.memory import clear

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", store_url)
        patch.setenv("CDP_RELEASE_CHECK_SECONDS", "0")
        config.get_settings.cache_clear()
        db.reset_engines()
        clear()
        assert getattr(cache, "app", None) is not None, "the shared cache must be on for this test"
        yield store_url
    config.get_settings.cache_clear()
    db.reset_engines()
    clear()


def shown_value(client) -> float:
    """The authority's value in the public CSV download (the figure the pages draw from the same table)."""
    response = client.get("/download/observations.csv", query_string={"metric": METRIC, "area_type": "utla"})
    assert response.status_code == 200
    rows = [row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True))) if row["area_code"] == AREA]
    return float(rows[0]["value"])


def test_a_restored_backup_then_a_new_load_is_never_served_from_the_old_cache(served, store, client, tmp_path):
    from data_access.read import area_values
    from data_access.read.memory import clear

    writer = make_engine(served)
    backup = Backup(served, tmp_path)
    backup.take()
    first = load_bytes(one_value_csv(40), writer, source="first.csv")
    writer.dispose()
    assert shown_value(client) == pytest.approx(40.0)
    assert area_values(METRIC, area_type="utla", period=PERIOD).set_index("area_code").loc[AREA, "value"] == 40.0

    backup.restore()
    writer = make_engine(served)
    second = load_bytes(one_value_csv(90), writer, source="second.csv")
    writer.dispose()
    assert second.release_id == first.release_id  # the release number repeats: the old key would match
    assert shown_value(client) == pytest.approx(90.0)
    assert area_values(METRIC, area_type="utla", period=PERIOD).set_index("area_code").loc[AREA, "value"] == 90.0
    clear()  # another worker: nothing in its own memory, the shared cache still holds the 40% answers
    assert shown_value(client) == pytest.approx(90.0)


def test_restoring_a_backup_serves_the_backup(served, store, client, tmp_path):
    writer = make_engine(served)
    load_bytes(one_value_csv(30), writer, source="kept.csv")
    backup = Backup(served, tmp_path)
    backup.take()
    assert shown_value(client) == pytest.approx(30.0)
    load_bytes(one_value_csv(70), writer, source="undone.csv")
    writer.dispose()
    assert shown_value(client) == pytest.approx(70.0)
    backup.restore()
    assert shown_value(client) == pytest.approx(30.0)


def test_every_write_draws_a_new_generation_and_a_refused_load_draws_none(store, tmp_path):
    from data_access.boundaries.footprints import load_footprint_file
    from data_access.catalogue.schedule import SCHEDULE_FILE
    from data_access.catalogue.schedule_store import load_schedule_file
    from data_access.demo import load_demo
    from data_access.geography import DEFAULT_FOOTPRINT_FILE
    from data_access.setup import init_store

    seen = {token(store)}

    def renewed() -> None:
        now = token(store)
        assert now not in seen
        seen.add(now)

    load_bytes(one_value_csv(40), store, source="a.csv")
    renewed()
    load_bytes(one_value_csv(40), store, source="a.csv")  # the same file again changes nothing
    assert token(store) in seen
    with pytest.raises(ValidationFailed):
        load_bytes(one_value_csv(40).replace(b"2022/23", b"1066"), store, source="bad.csv")
    assert token(store) in seen
    load_demo(store, alongside_real=True)
    renewed()
    rows = DEFAULT_FOOTPRINT_FILE.read_text(encoding="utf-8").splitlines()
    footprint = tmp_path / "footprint.csv"
    footprint.write_text("\n".join([*rows, ""]) + "\n", encoding="utf-8")  # other bytes, same list
    load_footprint_file(footprint, engine=store)
    renewed()
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(SCHEDULE_FILE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_schedule_file(schedule, store)
    renewed()
    init_store(store)
    renewed()


def test_the_digest_changes_with_the_content_even_when_the_token_does_not(store):
    load_bytes(one_value_csv(40), store, source="a.csv")
    with store.connect() as conn:
        before = content_digest(conn)
    with store.begin() as conn:  # a change made behind the app's back, without renewing the token
        conn.execute(update(Release).values(visibility="internal"))
    with store.connect() as conn:
        assert content_digest(conn) != before
    with store.begin() as conn:
        conn.execute(update(Release).values(visibility="published"))
        assert content_digest(conn) == before
        conn.execute(update(StoreGeneration).where(StoreGeneration.id == ROW_ID).values(token="restored"))
        assert content_digest(conn) != before


def test_the_release_key_carries_the_generation(served, store):
    from data_access.read.releases import release_key

    before = release_key()
    with store.begin() as conn:
        conn.execute(update(StoreGeneration).values(token="another"))
    assert release_key() != before


def test_cache_clear_empties_the_shared_cache(web_env):
    from app import server
    from data_access.cache import cache

    with server.app_context():
        cache.set("probe", "stale answer")
        assert cache.get("probe") == "stale answer"
    result = server.test_cli_runner().invoke(args=["data", "cache-clear"])
    assert result.exit_code == 0, result.output
    assert "Shared cache cleared." in result.output
    with server.app_context():
        assert cache.get("probe") is None


def test_cache_clear_says_when_the_cache_cannot_be_cleared(web_env, monkeypatch):
    from app import server
    from data_access.cache import cache

    monkeypatch.setattr(cache, "clear", lambda: None)  # what the fail-safe backend answers when Redis is gone
    result = server.test_cli_runner().invoke(args=["data", "cache-clear"])
    assert result.exit_code == 1
    assert "could not be cleared" in result.output
