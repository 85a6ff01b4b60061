"""Loaders: validate published data files whole, then write each as one release.

Public API (everything else in the package is internal):

- ``validate_file(path, session) -> ValidationReport`` — every problem (line, column, message) and
  the normalised rows; never writes.
- ``load_file(path, engine, *, publisher, published_date, visibility) -> LoadResult`` — validate and
  load one file as one release; raises ``ValidationFailed`` (nothing written) when it has problems.
  Files are read, validated and written ``chunk_rows`` rows at a time (default 50,000), so memory is
  bounded by the chunk, not the file.
- ``load_frame(frame, engine, *, source, file_hash, …) -> LoadResult`` — the same for a DataFrame in
  either layout (web upload, demo generator).
- ``fetch_fingertips(indicator_ids, area_type_id, …)`` / ``load_fingertips(…)`` — pull indicators
  with ``fingertips_py`` and load them through the same path.

Accepted layouts are described in ``layouts``; area aliases live in ``area_aliases.csv``.
"""

from data_access.ingest.fingertips import fetch_fingertips, load_fingertips
from data_access.ingest.load import load_bytes, load_file, load_frame, validate_bytes, validate_file
from data_access.ingest.report import FetchFailed, LoadResult, Problem, ValidationFailed, ValidationReport

__all__ = [
    "FetchFailed", "LoadResult", "Problem", "ValidationFailed", "ValidationReport", "fetch_fingertips",
    "load_bytes", "load_file", "load_fingertips", "load_frame", "validate_bytes", "validate_file",
]
