"""Write validated rows into the store: the release, any missing periods, and the observations in bulk.

Observations go in as one compiled Core INSERT executed over chunks of row tuples (PostgreSQL:
``COPY``), not one ORM object per row: a million ORM objects cost minutes and gigabytes. Rows are
converted to driver values one chunk at a time, so the write needs memory for a chunk, not for a
second copy of the file. Every column of the normalised frame that ``observation`` also has is
written, so a column added to both flows through without a change here. All of it happens in the
caller's transaction, so the caller decides commit or rollback.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
from psycopg import sql
from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from data_access.models import Observation, Period, Release

CHUNK_ROWS = 50_000
#: Observation columns the writer fills itself; the rest come from the frame's columns of the same name.
_DERIVED = ("release_id", "period_id")
_NUMBERS = ("value", "numerator", "denominator", "lower_ci", "upper_ci")


def observation_columns(frame: pd.DataFrame) -> list[str]:
    """The ``observation`` columns written for ``frame``: the derived ones, then those it carries."""
    return [column.key for column in Observation.__table__.columns
            if column.key in _DERIVED or (column.key in frame.columns and not column.primary_key)]


def write_release(session: Session, release: Release, frame: pd.DataFrame,
                  chunk_rows: int = CHUNK_ROWS) -> tuple[int, int]:
    """Add ``release`` and the normalised ``frame`` as its observations; returns (rows, new periods)."""
    release.row_count = len(frame)
    session.add(release)
    session.flush()
    period_ids, new_periods = ensure_periods(session, frame)
    columns = observation_columns(frame)
    chunks = _chunks(frame, columns, release.id, period_ids, max(1, chunk_rows))
    if session.get_bind().dialect.name == "postgresql":
        _copy_postgresql(session, columns, chunks)
    else:
        _executemany(session, columns, chunks)
    return len(frame), new_periods


def _chunks(frame: pd.DataFrame, columns: list[str], release_id: int, period_ids: dict[str, int],
            chunk_rows: int) -> Iterator[list[tuple]]:
    """Row tuples in ``columns`` order, ``chunk_rows`` at a time, with NULL for missing values."""
    for start in range(0, len(frame), chunk_rows):
        part = frame.iloc[start:start + chunk_rows]
        keys = part["period_type"].astype(str) + "|" + part["period_label"].astype(str)
        values = {"release_id": np.full(len(part), release_id, dtype=object),
                  "period_id": keys.map(period_ids).to_numpy(dtype=object)}
        for name in columns:
            if name in values:
                continue
            if name in _NUMBERS:
                values[name] = _nullable(part[name])
            elif name == "suppressed":
                values[name] = part[name].astype(bool).to_numpy(dtype=object)
            else:
                values[name] = part[name].astype(object).where(part[name].notna(), None).to_numpy(dtype=object)
        yield list(zip(*(values[name] for name in columns), strict=True))


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


def _executemany(session: Session, columns: list[str], chunks: Iterator[list[tuple]]) -> None:
    """The Core INSERT compiled once, executed with plain row tuples a chunk at a time.

    Passing tuples straight to the driver skips SQLAlchemy's per-row parameter processing, which
    measured 2.5 times slower on SQLite (and the ORM bulk path 4.5 times) for the same rows.
    """
    connection = session.connection()
    compiled = insert(Observation.__table__).compile(dialect=connection.dialect, column_keys=columns)
    order = compiled.positiontup or columns  # the driver's parameter order
    positions = [columns.index(name) for name in order]
    for chunk in chunks:
        rows = chunk if positions == list(range(len(columns))) else [tuple(r[i] for i in positions) for r in chunk]
        connection.exec_driver_sql(str(compiled), rows)


def _copy_postgresql(session: Session, columns: list[str], chunks: Iterator[list[tuple]]) -> None:
    """``COPY … FROM STDIN`` on the session's own connection, so it stays inside the transaction."""
    driver = session.connection().connection.driver_connection
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(Observation.__table__.name), sql.SQL(", ").join(map(sql.Identifier, columns)))
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for chunk in chunks:
            for row in chunk:
                copy.write_row(row)
