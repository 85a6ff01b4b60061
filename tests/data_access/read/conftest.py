"""A store with a few hand-made observations, and the read layer pointed at it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert

import config
from data_access import db
from data_access.db import session_scope
from data_access.models import Observation, Period, Release
from data_access.periods import parse_period
from data_access.vintages import in_force_on


@pytest.fixture
def read_store(store, store_url, monkeypatch):
    """The initialised store, with the app's settings and engine pointed at it."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.setenv("CDP_MODE", "internal")
    config.get_settings.cache_clear()
    db.reset_engines()
    yield store
    db.reset_engines()
    config.get_settings.cache_clear()


def add_release(engine, rows: list[dict], *, visibility: str = "published", name: str = "test") -> int:
    """Store ``rows`` (metric_id, area_code, period, numerator, denominator, value, …) as one release."""
    with session_scope(engine) as session:
        release = Release(source=name, publisher="test", extracted_date=date(2026, 1, 1), visibility=visibility,
                          file_hash=f"hash-{name}", row_count=len(rows))
        session.add(release)
        session.flush()
        periods: dict[str, int] = {}
        vintages: dict[str, str] = {}
        for label in {r["period"] for r in rows}:
            spec = parse_period(label)
            period = session.query(Period).filter_by(label=spec.label, type=spec.type).one_or_none()
            if period is None:
                period = Period(label=spec.label, type=spec.type, start=spec.start, end=spec.end)
                session.add(period)
                session.flush()
            periods[label] = period.id
            vintages[label] = in_force_on(spec.end).code
        session.execute(insert(Observation), [
            {"release_id": release.id, "metric_id": r["metric_id"], "area_code": r["area_code"],
             "period_id": periods[r["period"]], "breakdown": r.get("breakdown", "all"), "value": r.get("value"),
             "numerator": r.get("numerator"), "denominator": r.get("denominator"), "lower_ci": r.get("lower_ci"),
             "upper_ci": r.get("upper_ci"), "suppressed": r.get("suppressed", False), "note": r.get("note"),
             "geography": r.get("geography", vintages[r["period"]])}
            for r in rows])
        return release.id
