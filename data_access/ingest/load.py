"""The public load path: validate a whole file or frame, then write it as one release in one transaction.

A load either writes everything (one new ``release``, any new ``period`` rows, every
``observation``) or nothing: validation happens before the first write and any error rolls the
transaction back. Loading identical bytes again is recognised by the SHA-256 of the file and
answers with the existing release, so re-running a load is harmless. Releases are never deleted
here; a revision is a new release.

Files are read, validated and written ``chunk_rows`` rows at a time (``chunks``, ``writer``), so
the memory a load needs is bounded by the chunk and the compact validated rows, not by the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_access.catalogue import Catalogue, get_catalogue
from data_access.db import session_scope
from data_access.generation import renew_generation
from data_access.ingest.areas import AreaResolver, store_areas
from data_access.ingest.chunks import validate_source
from data_access.ingest.layouts import to_canonical
from data_access.ingest.reading import CHUNK_ROWS, RawTable, raw_from_frame
from data_access.ingest.report import LoadResult, ValidationFailed, ValidationReport
from data_access.ingest.validate import validate_table
from data_access.ingest.writer import write_release
from data_access.models import Metric, Release
from data_access.store_bounds import long_statements

VISIBILITIES = ("published", "internal")
DEFAULT_PUBLISHERS = {"fingertips": "Office for Health Improvement and Disparities (Fingertips)",
                      "long": "Not stated"}


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of the file at ``path``, read in blocks (the file is never held whole)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def validate_raw(raw: RawTable, session: Session, catalogue: Catalogue | None = None,
                 geography: str | None = None) -> ValidationReport:
    """Validate an already-read table against the catalogue and the areas in ``session``'s store.

    ``geography`` is the vintage the file is on when the file does not say (``data_access.vintages``).
    """
    catalogue = catalogue or get_catalogue()
    known = set(session.scalars(select(Metric.id))) & set(catalogue.metrics)
    canonical = to_canonical(raw, catalogue)
    return validate_table(canonical, catalogue, known, AreaResolver(store_areas(session)), encoding=raw.encoding,
                          rows_read=len(raw.frame), earlier=raw.problems, geography=geography)


def validate_csv(source: bytes | str | Path, session: Session, geography: str | None = None,
                 chunk_rows: int = CHUNK_ROWS) -> ValidationReport:
    """Validate CSV ``source`` (bytes, or the path of a file read as a stream) ``chunk_rows`` rows at a time."""
    catalogue = get_catalogue()
    known = set(session.scalars(select(Metric.id))) & set(catalogue.metrics)
    return validate_source(source, catalogue, known, AreaResolver(store_areas(session)), geography=geography,
                           chunk_rows=chunk_rows)


def validate_bytes(content: bytes, session: Session, geography: str | None = None,
                   chunk_rows: int = CHUNK_ROWS) -> ValidationReport:
    """Validate CSV ``content`` (either layout, any accepted encoding) without writing anything."""
    return validate_csv(content, session, geography, chunk_rows)


def validate_file(path: str | Path, session: Session, geography: str | None = None,
                  chunk_rows: int = CHUNK_ROWS) -> ValidationReport:
    """Validate the whole file at ``path``: every problem with its line and column, and the normalised rows."""
    return validate_csv(Path(path), session, geography, chunk_rows)


def load_file(path: str | Path, engine: Engine, *, publisher: str | None = None, published_date: date | None = None,
              visibility: str = "published", extracted_date: date | None = None, loaded_by: str = "cli",
              geography: str | None = None, chunk_rows: int = CHUNK_ROWS) -> LoadResult:
    """Validate and load the file at ``path`` as one release (source = the file's name).

    The file is read as a stream, ``chunk_rows`` rows at a time, and never held whole.

    Raises:
        ValidationFailed: the file has problems; nothing was written.
    """
    path = Path(path)
    return _load(lambda session: validate_csv(path, session, geography, chunk_rows), engine,
                 file_hash=file_sha256(path), source=path.name, publisher=publisher, published_date=published_date,
                 visibility=visibility, extracted_date=extracted_date, loaded_by=loaded_by, description="",
                 is_demo=False, chunk_rows=chunk_rows)


def load_bytes(content: bytes, engine: Engine, *, source: str, publisher: str | None = None,
               published_date: date | None = None, visibility: str = "published", extracted_date: date | None = None,
               loaded_by: str = "cli", description: str = "", geography: str | None = None,
               chunk_rows: int = CHUNK_ROWS) -> LoadResult:
    """Validate and load CSV ``content``; the release's ``file_hash`` is the SHA-256 of these bytes."""
    return _load(lambda session: validate_csv(content, session, geography, chunk_rows), engine,
                 file_hash=sha256(content), source=source, publisher=publisher, published_date=published_date,
                 visibility=visibility, extracted_date=extracted_date, loaded_by=loaded_by, description=description,
                 is_demo=False, chunk_rows=chunk_rows)


def load_frame(frame: pd.DataFrame, engine: Engine, *, source: str, file_hash: str, publisher: str | None = None,
               published_date: date | None = None, visibility: str = "published", extracted_date: date | None = None,
               is_demo: bool = False, loaded_by: str = "cli", description: str = "") -> LoadResult:
    """Validate and load a DataFrame in either layout (e.g. a web upload or the demo generator).

    ``file_hash`` identifies the content (same hash → the existing release is returned); line numbers
    in problems count as if the frame were a CSV file with a header (first row = line 2).

    Raises:
        ValidationFailed: the frame has problems; nothing was written.
    """
    return _load(lambda session: validate_raw(raw_from_frame(frame), session), engine, file_hash=file_hash,
                 source=source, publisher=publisher, published_date=published_date, visibility=visibility,
                 extracted_date=extracted_date, loaded_by=loaded_by, description=description, is_demo=is_demo)


def _load(validate: Callable[[Session], ValidationReport], engine: Engine, *, file_hash: str, source: str,
          publisher: str | None, published_date: date | None, visibility: str, extracted_date: date | None,
          loaded_by: str, description: str, is_demo: bool, chunk_rows: int = CHUNK_ROWS) -> LoadResult:
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
    try:
        with session_scope(engine) as session, long_statements(session.connection()):
            existing = _existing(session, file_hash)
            if existing is not None:
                return existing
            report = validate(session)
            if not report.ok:
                raise ValidationFailed(report)
            release = Release(source=source, publisher=publisher or DEFAULT_PUBLISHERS.get(report.layout, "Not stated"),
                              published_date=published_date, extracted_date=extracted_date or date.today(),
                              is_demo=is_demo, visibility=visibility, file_hash=file_hash, loaded_by=loaded_by,
                              description=description or _describe(report))
            rows, new_periods = write_release(session, release, report.frame, chunk_rows)
            renew_generation(session)
            return LoadResult(release.id, True, rows, report.layout, dict(report.skipped), new_periods)
    except IntegrityError:
        # Another load of the same content committed first: answer with its release.
        with session_scope(engine) as session:
            existing = _existing(session, file_hash)
        if existing is None:
            raise
        return existing


def _existing(session: Session, file_hash: str) -> LoadResult | None:
    release = session.scalar(select(Release).where(Release.file_hash == file_hash))
    if release is None:
        return None
    return LoadResult(release.id, False, release.row_count, "", {})


def _describe(report: ValidationReport) -> str:
    skipped = "; ".join(f"{count} {reason}" for reason, count in report.skipped.items())
    return f"{report.layout} layout, {report.rows_read} rows read ({report.encoding})" + (
        f"; skipped: {skipped}" if skipped else "")
