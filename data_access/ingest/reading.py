"""Turn the bytes of an uploaded CSV into a table of text cells with the file line of every row.

Publishers' files arrive as UTF-8, UTF-8 with a byte-order mark (Excel's "CSV UTF-8") or
Windows-1252 (Excel's plain "CSV"), so all three are decoded; bytes that fit none are reported
with their line instead of being guessed at. Cells stay text here: deciding what is a number, a
period or a code is validation's job, and it needs the original text to quote in its messages.
The standard ``csv`` module is used rather than ``pandas.read_csv`` because it reports the line on
which each record starts (quoted cells may span lines) and lets ragged rows be reported, not
silently padded or dropped.

A file is read as a stream, a chunk of records at a time, and never held whole as bytes, text or
a list of records: a million-row export is 200 MB of bytes but over 2 GB as Python lists of
strings. Within each column, repeated text (codes, names, periods, notes) is kept as one shared
string, so a whole table costs little more than one pointer per cell.

Bytes that are not CSV text are refused before parsing (``text``): binary data such as a
spreadsheet or image is one problem for the whole file, and each cell holding a NUL byte is a
problem at its line and column, so no store ever receives one.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from data_access.ingest.report import Problem
from data_access.ingest.text import SNIFF, binary_problem, contains_nul, decode, header_nul_problems, nul_problems

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
CHUNK_ROWS = 50_000
_BLOCK = 1 << 20
_POOL_LIMIT = 20_000  # distinct texts a column shares before it is treated as all-different (numbers)


@dataclass
class RawTable:
    """The file as text: stripped header names, one text column per header, and ``line`` per row."""

    header: list[str]
    frame: pd.DataFrame
    encoding: str
    problems: list[Problem]


def opener(source: bytes | str | Path) -> Callable[[], BinaryIO]:
    """A function opening ``source`` (bytes in memory or a file path) as a fresh binary stream."""
    if isinstance(source, bytes):
        return lambda: io.BytesIO(source)
    return lambda: Path(source).open("rb")


def _decodes(open_binary: Callable[[], BinaryIO], codec: str) -> bool:
    """True when the whole stream decodes with ``codec`` (checked block by block, nothing kept)."""
    decoder = codecs.getincrementaldecoder(codec)()
    with open_binary() as stream:
        try:
            while block := stream.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


class CsvReader:
    """A CSV source read in chunks: ``header``, ``encoding`` and file-level ``problems`` are known
    after ``chunks()`` has started; ragged rows and unreadable bytes are added to ``problems``."""

    def __init__(self, source: bytes | str | Path, chunk_rows: int = CHUNK_ROWS) -> None:
        self.open_binary = opener(source)
        self.chunk_rows = max(1, chunk_rows)
        self.header: list[str] = []
        self.labels: list[str] = []
        self.encoding = ""
        self.problems: list[Problem] = []
        self.rows = 0
        self._pools: list[dict[str, str] | None] = []
        #: Set when the bytes are not CSV text at all (binary data): nothing is parsed.
        self.unreadable = False
        self._nul = False

    def _text(self) -> io.TextIOBase:
        with self.open_binary() as stream:
            head = stream.read(SNIFF)
        if (binary := binary_problem(head)) is not None:
            self.problems.append(binary)
            self.unreadable = True
            return io.StringIO("")
        self._nul = contains_nul(self.open_binary)
        self.encoding = "utf-8"
        if head.startswith(codecs.BOM_UTF8):
            codec, self.encoding = "utf-8-sig", "utf-8-sig"
        elif head.startswith(_UTF16_BOMS):
            codec, self.encoding = "utf-16", "utf-16"
        elif _decodes(self.open_binary, "utf-8"):
            return io.TextIOWrapper(self.open_binary(), encoding="utf-8", newline="")
        else:
            # Not UTF-8: Windows-1252 is what Excel writes on English-language Windows.
            codec = self.encoding = "cp1252"
        if _decodes(self.open_binary, codec):
            return io.TextIOWrapper(self.open_binary(), encoding=codec, newline="")
        # Bytes no accepted encoding can read: the file will be refused, so read it whole to say where.
        with self.open_binary() as stream:
            text, self.encoding, problems = decode(stream.read())
        self.problems.extend(problems)
        return io.StringIO(text, newline="")

    def chunks(self) -> Iterator[pd.DataFrame]:
        """Frames of at most ``chunk_rows`` rows: a text column per header label, then ``line``."""
        with self._text() as text:
            records = self._records(csv.reader(text))
            for record, _ in records:
                self.header = [cell.strip() for cell in record]
                self.labels = unique_labels(self.header)
                self.problems.extend(_header_problems(self.header))
                if self._nul:
                    self.problems.extend(header_nul_problems(self.header))
                break
            self._pools = [{} for _ in self.labels]
            while (frame := self._next_frame(records)) is not None:
                yield frame
        self._pools = []

    def _next_frame(self, records: Iterator[tuple[list[str], int]]) -> pd.DataFrame | None:
        """The next ``chunk_rows`` rows of the right width as a frame (None at the end)."""
        rows: list[list[str]] = []
        lines: list[int] = []
        # Paused while this chunk's lists are built only: between chunks the collector must run,
        # or the previous chunks' frames (which hold reference cycles) are never freed.
        with _gc_paused():
            for record, line in records:
                if len(record) != len(self.header):
                    self.problems.append(Problem(line, "", f"the row has {len(record)} cells but the header has "
                                                           f"{len(self.header)}"))
                    continue
                rows.append(record)
                lines.append(line)
                if len(rows) >= self.chunk_rows:
                    break
            return self._frame(rows, lines) if rows else None

    def _records(self, reader) -> Iterator[tuple[list[str], int]]:
        """Records with text and the line each starts on; blank lines and rows of empty cells carry nothing."""
        previous_end, seen_text = 0, False
        try:
            for record in reader:
                line, previous_end = previous_end + 1, reader.line_num
                if "".join(record).strip():
                    seen_text = True
                    yield record, line
                elif len(record) > 1 or (record and not record[0]):
                    seen_text = True  # separators or quotes: text, but no cell has any
        except csv.Error as error:
            self.problems.append(Problem(reader.line_num, "", f"the CSV cannot be read from here on: {error}"))
        if not self.header and not self.unreadable:
            self.problems.append(Problem(0, "", "the file has no cells with text" if seen_text else "the file is empty"))

    def _frame(self, rows: list[list[str]], lines: list[int]) -> pd.DataFrame:
        columns = {"line": np.asarray(lines, dtype="int64")}
        for position, (label, cells) in enumerate(zip(self.labels, zip(*rows, strict=True), strict=True)):
            columns[label] = self._shared(position, cells)
        frame = pd.DataFrame(columns, index=range(self.rows, self.rows + len(rows)))
        self.rows += len(rows)
        if self._nul:
            self.problems.extend(nul_problems(frame, self.labels, self.header))
        return frame

    def _shared(self, position: int, cells: tuple[str, ...]) -> np.ndarray:
        """The column's cells as an object array in which equal texts are one string object."""
        values = np.empty(len(cells), dtype=object)
        values[:] = cells
        pool = self._pools[position]
        if pool is None:
            return values
        codes, uniques = pd.factorize(values)
        if len(pool) + len(uniques) > _POOL_LIMIT or len(uniques) > len(values) // 4:
            # Mostly different texts (numbers, free text): sharing would only add a dictionary.
            self._pools[position] = None
            return values
        shared = np.empty(len(uniques), dtype=object)
        shared[:] = [pool.setdefault(text, text) for text in uniques]
        return shared[codes]


@dataclass
class ChunkedTable:
    """A source read a chunk at a time: ``chunks()`` yields RawTables sharing header and encoding."""

    source: bytes | str | Path
    chunk_rows: int = CHUNK_ROWS
    reader: CsvReader | None = field(default=None, init=False)

    def chunks(self) -> Iterator[RawTable]:
        """Every chunk; the first is yielded even when empty, so header problems are always seen."""
        self.reader = reader = CsvReader(self.source, self.chunk_rows)
        started = False
        for frame in reader.chunks():
            started = True
            yield RawTable(reader.header, frame, reader.encoding, [])
        if not started:
            yield RawTable(reader.header, _empty(reader.labels) if reader.header else pd.DataFrame(),
                           reader.encoding, [])

    def problems(self) -> list[Problem]:
        """File-level problems once ``chunks()`` is exhausted: decoding, header, ragged rows, no rows."""
        reader = self.reader
        assert reader is not None, "read the chunks first"
        problems = list(reader.problems)
        if reader.header and reader.rows == 0 and not any(p.row > 1 for p in problems):
            problems.append(Problem(1, "", "the file has a header but no data rows"))
        return problems


def _empty(labels: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"line": pd.Series([], dtype="int64"), **{label: pd.Series([], dtype=object) for label in labels}})


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of small lists trigger repeated full garbage collections that find nothing to free;
    pausing the collector while they are built makes parsing about a third faster."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def raw_from_frame(frame: pd.DataFrame) -> RawTable:
    """A DataFrame as the text table a CSV reader would give: numbers as their shortest exact text,
    missing values as empty cells, and lines numbered as if written with a header (first row = 2)."""
    header = [str(c).strip() for c in frame.columns]
    cells = {label: frame.iloc[:, i].astype(object).where(frame.iloc[:, i].notna(), "").astype(str).to_numpy()
             for i, label in enumerate(unique_labels(header))}
    text = pd.DataFrame(cells, index=range(len(frame)), dtype=object)
    if not header:
        return RawTable([], pd.DataFrame(), "dataframe", [Problem(0, "", "the table has no columns")])
    text.insert(0, "line", pd.array(range(2, len(frame) + 2), dtype="int64"))
    labels = unique_labels(header)
    return _finish(header, text, "dataframe", [*_header_problems(header), *header_nul_problems(header),
                                               *nul_problems(text, labels, header)])


def _finish(header: list[str], frame: pd.DataFrame, encoding: str, problems: list[Problem]) -> RawTable:
    if frame.empty and not any(p.row > 1 for p in problems):
        problems.append(Problem(1, "", "the file has a header but no data rows"))
    return RawTable(header, frame, encoding, problems)


def _header_problems(header: list[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(1, f"#{position}", "the header cell is empty"))
        elif name.lower() in seen:
            problems.append(Problem(1, name, "the column appears more than once"))
        seen.add(name.lower())
    return problems


def unique_labels(header: list[str]) -> list[str]:
    """Column labels pandas can hold even when the header repeats or omits names (already reported)."""
    out, seen = [], set()
    for position, name in enumerate(header, start=1):
        label = name or f"#{position}"
        while label in seen or label == "line":
            label = f"{label}#{position}"
        seen.add(label)
        out.append(label)
    return out
