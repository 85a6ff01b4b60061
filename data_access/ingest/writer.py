"""Write validated rows into the store: the release, any missing periods, and the observations in bulk.

Observations go in as one compiled Core INSERT executed over chunks of row tuples (PostgreSQL:
``COPY``), not one ORM object per row: a million ORM objects cost minutes and gigabytes. All of
it happens in the caller's transaction, so the caller decides commit or rollback.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from psycopg import sql
from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from data_access.models import Observation, Period, Release

CHUNK_ROWS = 20_000
OBSERVATION_COLUMNS = ("release_id", "metric_id", "area_code", "period_id", "breakdown", "value", "numerator",
                       "denominator", "lower_ci", "upper_ci", "suppressed", "note", "geography")


def write_release(session: Session, release: Release, frame: pd.DataFrame) -> tuple[int, int]:
    """Add ``release`` and the normalised ``frame`` as its observations; returns (rows, new periods)."""
    release.row_count = len(frame)
    session.add(release)
    session.flush()
    period_ids, new_periods = ensure_periods(session, frame)
    keys = frame["period_type"].astype(str) + "|" + frame["period_label"].astype(str)
    columns = {
        "release_id": np.full(len(frame), release.id, dtype=object),
        "metric_id": frame["metric_id"].to_numpy(dtype=object),
        "area_code": frame["area_code"].to_numpy(dtype=object),
        "period_id": keys.map(period_ids).to_numpy(dtype=object),
        "breakdown": frame["breakdown"].to_numpy(dtype=object),
        **{c: _nullable(frame[c]) for c in ("value", "numerator", "denominator", "lower_ci", "upper_ci")},
        "suppressed": frame["suppressed"].astype(bool).to_numpy(dtype=object),
        "note": frame["note"].astype(object).where(frame["note"].notna(), None).to_numpy(dtype=object),
        "geography": frame["geography"].to_numpy(dtype=object),
    }
    if session.get_bind().dialect.name == "postgresql":
        _copy_postgresql(session, columns)
    else:
        _executemany(session, columns, len(frame))
    return len(frame), new_periods


def ensure_periods(session: Session, frame: pd.DataFrame) -> tuple[dict[str, int], int]:
    """Ids of every period in ``frame`` keyed ``type|label``, creating the ones the store lacks."""
    wanted = frame[["period_label", "period_type", "period_start", "period_end"]].drop_duplicates(
        subset=["period_label", "period_type"])
    pairs = list(zip(wanted["period_label"], wanted["period_type"], strict=True))
    existing = _period_ids(session, pairs)
    missing = [{"label": r.period_label, "type": r.period_type, "start": r.period_start, "end": r.period_end}
               for r in wanted.itertuples() if f"{r.period_type}|{r.period_label}" not in existing]
    if missing:
        session.execute(insert(Period), missing)
        existing = _period_ids(session, pairs)
    return existing, len(missing)


def _period_ids(session: Session, pairs: list[tuple[str, str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(pairs), 500):
        batch = pairs[start:start + 500]
        rows = session.execute(select(Period.id, Period.label, Period.type)
                               .where(tuple_(Period.label, Period.type).in_(batch)))
        found.update({f"{r.type}|{r.label}": r.id for r in rows})
    return found


def _nullable(series: pd.Series) -> np.ndarray:
    """Floats with NaN as None, which the drivers write as NULL."""
    values = series.astype(float).to_numpy(dtype=object)
    values[series.isna().to_numpy()] = None
    return values


def _executemany(session: Session, columns: dict[str, np.ndarray], rows: int) -> None:
    """The Core INSERT compiled once, executed with plain row tuples in chunks.

    Passing tuples straight to the driver skips SQLAlchemy's per-row parameter processing, which
    measured 2.5 times slower on SQLite (and the ORM bulk path 4.5 times) for the same rows.
    """
    connection = session.connection()
    compiled = insert(Observation.__table__).compile(dialect=connection.dialect, column_keys=list(OBSERVATION_COLUMNS))
    order = compiled.positiontup or list(OBSERVATION_COLUMNS)  # the driver's parameter order
    for start in range(0, rows, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, rows)
        chunk = list(zip(*(columns[n][start:stop] for n in order), strict=True))
        connection.exec_driver_sql(str(compiled), chunk)


def _copy_postgresql(session: Session, columns: dict[str, np.ndarray]) -> None:
    """``COPY … FROM STDIN`` on the session's own connection, so it stays inside the transaction."""
    driver = session.connection().connection.driver_connection
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(Observation.__table__.name), sql.SQL(", ").join(map(sql.Identifier, OBSERVATION_COLUMNS)))
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in zip(*(columns[n] for n in OBSERVATION_COLUMNS), strict=True):
            copy.write_row(row)
