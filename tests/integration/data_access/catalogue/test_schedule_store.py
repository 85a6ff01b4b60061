"""The release schedule in the store, on SQLite and PostgreSQL: seeded at init, replaced whole by
``flask data schedule`` in one transaction with the old version kept, and nothing written on a problem."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from data_access.catalogue.schedule_models import ReleaseScheduleRow, ReleaseScheduleVersion
from data_access.catalogue.schedule_store import current_schedule
from data_access.setup import init_store

HEADER = "metric_id,release_date,date_precision,covers,source,recorded_on\n"
FUTURE = date.today() + timedelta(days=400)


@pytest.fixture
def run(data_cli):
    """``flask data …`` against the test store (see ``tests/conftest.py``)."""
    return data_cli


def counts(store) -> tuple[int, int]:
    with store.connect() as conn:
        return (conn.scalar(select(func.count()).select_from(ReleaseScheduleVersion)),
                conn.scalar(select(func.count()).select_from(ReleaseScheduleRow)))


def test_init_seeds_the_committed_schedule_once(store):
    assert counts(store) == (1, 10)
    init_store(store)
    assert counts(store) == (1, 10)


def test_the_command_replaces_the_schedule_and_keeps_the_old_version(run, store, tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_text(HEADER + f"drug_misuse_deaths,{FUTURE.isoformat()},day,2025 registrations,"
                             "ONS release calendar,2026-12-01\n", encoding="utf-8")
    result = run("schedule", path)
    assert result.exit_code == 0, result.output
    assert "Release schedule version 2 loaded: 1 metric has an announced release" in result.output
    with store.connect() as conn:
        version, entries = current_schedule(conn)
    assert version.id == 2 and version.source == "schedule.csv"
    assert [(e.metric_id, e.release_date, e.covers) for e in entries] == [
        ("drug_misuse_deaths", FUTURE, "2025 registrations")]
    assert counts(store) == (2, 11)  # version 1's ten rows are kept
    again = run("schedule", path)
    assert again.exit_code == 0 and "already the current release schedule (version 2)" in again.output
    assert counts(store) == (2, 11)
    shown = run("schedule", "--show")
    assert shown.exit_code == 0 and "drug_misuse_deaths" in shown.output and "scheduled" in shown.output


def test_a_bad_file_lists_every_problem_and_writes_nothing(run, store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "nope,2027-10-22,day,2025,ONS,2026-12-01\n"
                             "drug_misuse_deaths,2027-02-30,day,2025,ONS,2026-12-01\n", encoding="utf-8")
    result = run("schedule", path)
    assert result.exit_code == 1
    assert "line 2, column metric_id: 'nope' is not a metric in the catalogue" in result.stderr
    assert "line 3, column release_date: '2027-02-30' is not a date written YYYY-MM-DD" in result.stderr
    missing = tmp_path / "missing.csv"
    missing.write_text("metric_id,release_date,date_precision,covers,source\n", encoding="utf-8")
    result = run("schedule", missing)
    assert result.exit_code == 1 and "line 1, column recorded_on: column is missing" in result.stderr
    assert counts(store) == (1, 10)


def test_the_command_needs_a_file_or_show(run, store):
    assert run("schedule").exit_code == 2
