"""Loading the demonstration release: one transaction, one marked release, idempotent, never deleting."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from data_access.cli import data
from data_access.db import make_engine
from data_access.demo import DemoLoadError, load_demo
from data_access.demo import cli as demo_cli
from data_access.demo import load as demo_load
from data_access.models import Observation, Period, Release
from data_access.schema import upgrade
from data_access.setup import init_store


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def test_load_demo_creates_one_demo_release_and_a_second_call_is_a_no_op(store):
    first = load_demo(store, seed=2022)
    assert first["status"] == "created" and first["rows"] > 40_000
    assert count(store, Observation) == first["rows"]
    with store.connect() as conn:
        release = conn.execute(select(Release)).one()
        treated = conn.execute(
            select(Observation.numerator, Observation.denominator, Observation.lower_ci, Observation.suppressed)
            .join(Period, Period.id == Observation.period_id)
            .where(Observation.metric_id == "numbers_in_treatment", Observation.area_code == "E92000001",
                   Period.label == "2021/22")).one()
        missing = conn.scalar(select(func.count()).select_from(Observation).where(Observation.value.is_(None),
                                                                                  Observation.note.is_not(None)))
    assert release.is_demo and release.visibility == "published" and release.row_count == first["rows"]
    assert release.source == "Demonstration data (generated, seed 2022)"
    assert release.publisher == "CDP Outcomes Dashboard (demonstration)"
    assert tuple(treated) == (286_545, 45_219_492, None, False)
    assert missing > 0

    second = load_demo(store, seed=2022)
    assert second == {**first, "status": "exists", "periods_created": 0}
    assert count(store, Release) == 1 and count(store, Observation) == first["rows"]


@pytest.fixture
def sqlite_store(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    init_store(engine)
    yield engine
    engine.dispose()


def test_cli_demo_then_replace_adds_a_release_and_keeps_the_old(sqlite_store, monkeypatch):
    assert data.commands["demo"] is demo_cli.demo_command
    monkeypatch.setattr(demo_cli, "get_engine", lambda read_only=None: sqlite_store)
    # the command's behaviour does not depend on the amount of data: one metric keeps this test quick
    full = demo_load.generate_demo_frame

    def one_metric(seed: int):
        frame = full(seed)
        return frame[frame.metric_id == "numbers_in_treatment"]

    monkeypatch.setattr(demo_load, "generate_demo_frame", one_metric)
    runner = CliRunner()
    created = runner.invoke(demo_cli.demo_command, [])
    assert created.exit_code == 0 and "Demo release 1 created" in created.output
    again = runner.invoke(demo_cli.demo_command, ["--seed", "2022"])
    assert again.exit_code == 0 and "already loaded as release 1" in again.output
    rows = count(sqlite_store, Observation)
    assert rows == 1532
    replaced = runner.invoke(demo_cli.demo_command, ["--replace"])
    assert replaced.exit_code == 0 and "Demo release 2 created" in replaced.output
    with sqlite_store.connect() as conn:
        releases = conn.execute(select(Release.id, Release.is_demo, Release.file_hash).order_by(Release.id)).all()
    assert [r.id for r in releases] == [1, 2] and all(r.is_demo for r in releases)
    assert releases[0].file_hash != releases[1].file_hash
    assert count(sqlite_store, Observation) == 2 * rows


def test_a_store_without_the_catalogue_is_refused_and_nothing_is_written(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bare.sqlite3'}")
    upgrade(engine)
    with pytest.raises(DemoLoadError, match="data init"):
        load_demo(engine)
    assert count(engine, Release) == 0 and count(engine, Period) == 0
    engine.dispose()
