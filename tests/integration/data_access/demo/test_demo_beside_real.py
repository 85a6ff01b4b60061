"""``flask data demo`` on a store holding real data: refused (one line, exit 1, nothing written) unless
``--alongside-real`` asks for the mix; ``--skip-if-real`` succeeds without writing (``make run``)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from data_access.demo import DemoBesideRealError, load_demo
from data_access.ingest import load_bytes
from data_access.models import Observation, Release
from tests.support.small_demo import small_demo  # noqa: F401

REAL_CSV = (b"metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note\n"
            b"successful_completions_adults,E06000001,2021/22,21.5,215,1000,,,\n")


@pytest.fixture
def run(data_cli, small_demo):  # noqa: F811
    """``flask data …`` against the test store (see ``tests/conftest.py``)."""
    return data_cli


def _releases(engine) -> list[tuple[int, bool]]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(select(Release.id, Release.is_demo).order_by(Release.id))]


def _observations(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Observation))


def test_demo_into_a_store_with_a_real_release_is_refused_unless_asked_for(run, store):
    real = load_bytes(REAL_CSV, store, source="real.csv", visibility="internal").release_id
    refused = run("demo")
    assert refused.exit_code == 1
    message = refused.stderr.strip()
    assert len(message.splitlines()) == 1
    assert f"real data (release {real})" in message and "--alongside-real" in message
    assert _releases(store) == [(real, False)] and _observations(store) == 1

    skipped = run("demo", "--skip-if-real")
    assert skipped.exit_code == 0 and "no demonstration data added" in skipped.output
    assert _releases(store) == [(real, False)]

    added = run("demo", "--alongside-real")
    assert added.exit_code == 0, added.output
    assert f"Demo release {real + 1} created: 20 observations" in added.output
    assert _releases(store) == [(real, False), (real + 1, True)]


def test_demo_into_a_store_without_real_data_needs_no_flag(run, store):
    assert run("demo").exit_code == 0
    again = run("demo", "--replace")
    assert again.exit_code == 0 and "Demo release 2 created" in again.output
    assert _releases(store) == [(1, True), (2, True)]


def test_load_demo_refuses_a_store_with_real_data_and_writes_nothing(store, small_demo):  # noqa: F811
    load_bytes(REAL_CSV, store, source="real.csv")
    with pytest.raises(DemoBesideRealError, match="alongside-real"):
        load_demo(store)
    assert _releases(store) == [(1, False)] and _observations(store) == 1
    assert load_demo(store, alongside_real=True)["status"] == "created"
