"""Validate a CSV file a chunk of rows at a time, so memory is bounded by the chunk, not the file.

A million-row Fingertips export is 200 MB on disk but took 2.4 GB held whole as text cells and
their intermediate columns. Here each chunk is read, mapped to the canonical columns and validated
on its own, and only its normalised rows are kept, with repeated texts stored once; the read cells
and the intermediate columns of a chunk are freed before the next is read. The rule that the
whole file is validated before anything is written is unchanged: the caller writes only a report
without problems, and the report covers every row.

What a row means can depend on the rest of the file (the usual age of a Fingertips indicator, the
one geography a file states), so a file of more than one chunk is read twice: the first pass only
gathers that context (``layouts.FileContext``). Duplicates across chunks are found at the end on
the kept rows. A file that fits in one chunk is read once and validated exactly as a whole table.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from data_access.catalogue import Catalogue
from data_access.ingest.areas import AreaResolver
from data_access.ingest.checks import scale_problems
from data_access.ingest.layouts import FileContext, file_context, to_canonical
from data_access.ingest.reading import CHUNK_ROWS, ChunkedTable
from data_access.ingest.report import NORMALISED_COLUMNS, Problem, ValidationReport
from data_access.ingest.validate import duplicate_problems, finish_report, validate_table


def validate_source(source: bytes | str | Path, catalogue: Catalogue, known_metrics: set[str],
                    resolver: AreaResolver, *, geography: str | None = None,
                    chunk_rows: int = CHUNK_ROWS) -> ValidationReport:
    """Validate the CSV ``source`` (bytes or a path) in chunks of ``chunk_rows`` rows; never writes.

    The report is the one whole-table validation gives: every problem in file order, the skipped
    counts, and the normalised rows (``report.frame``) of the whole file.
    """
    table = ChunkedTable(source, chunk_rows)
    chunks = table.chunks()
    first = next(chunks)
    if table.reader is not None and table.reader.unreadable:
        # Not CSV text (binary data): the one problem saying so is the whole report.
        return finish_report(ValidationReport("unknown", "", 0, table.problems()))
    second = next(chunks, None)
    if second is None:
        canonical = to_canonical(first, catalogue)
        return validate_table(canonical, catalogue, known_metrics, resolver, encoding=first.encoding,
                              rows_read=len(first.frame), earlier=table.problems(), geography=geography)
    context = file_context(first)
    for raw in itertools.chain([second], chunks):
        context.add(file_context(raw))
    del first, second, raw, chunks, table
    return _validate_chunks(ChunkedTable(source, chunk_rows), context, catalogue, known_metrics, resolver,
                            geography)


def _validate_chunks(table: ChunkedTable, context: FileContext, catalogue: Catalogue, known_metrics: set[str],
                     resolver: AreaResolver, geography: str | None) -> ValidationReport:
    problems: list[Problem] = []
    skipped: dict[str, int] = {}
    kept: list[pd.DataFrame] = []
    pools: dict[str, dict] = {}
    layout, encoding, display = "unknown", "", {}
    for number, raw in enumerate(table.chunks()):
        canonical = to_canonical(raw, catalogue, context)
        if number == 0:
            layout, encoding, display = canonical.layout, raw.encoding, canonical.display
        if canonical.frame.empty and canonical.problems:
            # The header is refused: every chunk would repeat the same problems; read on for the rest.
            if number == 0:
                problems.extend(canonical.problems)
            continue
        report = validate_table(canonical, catalogue, known_metrics, resolver, encoding=raw.encoding, rows_read=0,
                                geography=geography, context=context)
        problems.extend(report.problems)
        for reason, count in report.skipped.items():
            skipped[reason] = skipped.get(reason, 0) + count
        if not report.frame.empty:
            kept.append(_shared(report.frame, pools))
        del canonical, report
    frame = pd.concat(kept) if kept else pd.DataFrame(columns=list(NORMALISED_COLUMNS))
    del kept
    problems.extend(duplicate_problems(frame, display))
    problems.extend(scale_problems(frame, display, catalogue))
    reader = table.reader
    rows_read = reader.rows if reader is not None else 0
    report = ValidationReport(layout, encoding, rows_read, [*table.problems(), *problems], frame, skipped)
    return finish_report(report)


def _shared(frame: pd.DataFrame, pools: dict[str, dict]) -> pd.DataFrame:
    """``frame`` with each text column's equal values as one object shared with earlier chunks."""
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        pool = pools.setdefault(column, {})
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
        if len(pool) + len(uniques) > 20_000 or len(uniques) > len(frame) // 4:
            continue  # mostly different texts: sharing would only add a dictionary
        shared = np.empty(len(uniques) + 1, dtype=object)
        shared[:-1] = [pool.setdefault(value, value) for value in uniques]
        shared[-1] = None
        frame[column] = shared[codes]
    return frame
