"""Helpers for the loader tests: sample paths, small CSVs, and a store fingerprint proving nothing changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from data_access.db import session_scope
from data_access.models import Observation, Period, Release
from tests.support.paths import TESTS_ROOT

FIXTURES = TESTS_ROOT / "fixtures" / "ingest"
FINGERTIPS_DIR = FIXTURES / "fingertips"
FINGERTIPS_SAMPLE = FINGERTIPS_DIR / "by_indicator_id_502_6.csv"
LONG_HEADER = "metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note"


def counts(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Release, Observation, Period)}


def fingerprint(engine: Engine) -> tuple:
    """SQLite: the database file's SHA-256 plus row counts; PostgreSQL: row counts and max ids."""
    engine.dispose()  # no pooled connection may hold pages back from the file
    url = make_url(str(engine.url))
    file_hash = ""
    if url.get_backend_name() == "sqlite":
        file_hash = hashlib.sha256(Path(url.database).read_bytes()).hexdigest()
    with session_scope(engine) as session:
        ids = tuple(session.scalar(select(func.max(m.id))) for m in (Release, Observation, Period))
    return file_hash, tuple(sorted(counts(engine).items())), ids


def long_csv(*rows: str, header: str = LONG_HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"
