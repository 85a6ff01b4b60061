"""Turn the bytes of an uploaded CSV into a table of text cells with the file line of every row.

Publishers' files arrive as UTF-8, UTF-8 with a byte-order mark (Excel's "CSV UTF-8") or
Windows-1252 (Excel's plain "CSV"), so all three are decoded; bytes that fit none are reported
with their line instead of being guessed at. Cells stay text here: deciding what is a number, a
period or a code is validation's job, and it needs the original text to quote in its messages.
The standard ``csv`` module is used rather than ``pandas.read_csv`` because it reports the line on
which each record starts (quoted cells may span lines) and lets ragged rows be reported, not
silently padded or dropped.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd

from data_access.ingest.report import Problem

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class RawTable:
    """The file as text: stripped header names, one text column per header, and ``line`` per row."""

    header: list[str]
    frame: pd.DataFrame
    encoding: str
    problems: list[Problem]


def decode(content: bytes) -> tuple[str, str, list[Problem]]:
    """Decode ``content``; returns the text, the encoding used and a problem per undecodable byte."""
    if content.startswith(codecs.BOM_UTF8):
        return _decode_strict(content[len(codecs.BOM_UTF8):], "utf-8", "utf-8-sig")
    if content.startswith(_UTF16_BOMS):
        return _decode_strict(content, "utf-16", "utf-16")
    try:
        return content.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Windows-1252 is what Excel writes on English-language Windows.
    return _decode_strict(content, "cp1252", "cp1252")


def _decode_strict(content: bytes, codec: str, label: str) -> tuple[str, str, list[Problem]]:
    try:
        return content.decode(codec), label, []
    except UnicodeDecodeError:
        pass
    problems = []
    lines = content.split(b"\n")
    header = next(csv.reader([lines[0].decode(codec, errors="replace")]), [])
    for number, raw in enumerate(lines, start=1):
        try:
            raw.decode(codec)
        except UnicodeDecodeError as error:
            prefix = raw[: error.start].decode(codec, errors="replace")
            field_index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
            column = header[field_index].strip() if 0 <= field_index < len(header) else ""
            bad = raw[error.start: error.end].hex(" ")
            problems.append(Problem(number, column, f"byte(s) {bad} cannot be read as UTF-8 or Windows-1252 "
                                                    "text; save the file as CSV UTF-8"))
    return content.decode(codec, errors="replace"), label, problems


def read_table(content: bytes) -> RawTable:
    """Parse CSV ``content`` into text cells; structural problems (empty, ragged rows) are listed."""
    text, encoding, problems = decode(content)
    if not text.strip():
        return RawTable([], pd.DataFrame(), encoding, [*problems, Problem(0, "", "the file is empty")])
    records, lines = _records(text, problems)
    # Blank lines (and rows of empty cells that spreadsheets leave at the end) carry nothing.
    kept = [i for i, record in enumerate(records) if "".join(record).strip()]
    if not kept:
        return RawTable([], pd.DataFrame(), encoding, [*problems, Problem(0, "", "the file has no cells with text")])
    header = [cell.strip() for cell in records[kept[0]]] if kept else []
    width = len(header)
    rows: list[list[str]] = []
    row_lines: list[int] = []
    for i in kept[1:]:
        if len(records[i]) != width:
            problems.append(Problem(lines[i], "", f"the row has {len(records[i])} cells but the header has {width}"))
            continue
        rows.append(records[i])
        row_lines.append(lines[i])
    frame = pd.DataFrame(rows, columns=unique_labels(header), dtype=object)
    return _finish(header, frame, row_lines, encoding, problems)


def _records(text: str, problems: list[Problem]) -> tuple[list[list[str]], list[int]]:
    """Every CSV record with the file line it starts on.

    Fast path: when there are as many records as lines, no quoted cell spans lines and record i is
    on line i + 1. Otherwise the records are read again one by one, tracking the reader's line.
    """
    try:
        with _gc_paused():
            records = list(csv.reader(io.StringIO(text, newline="")))
        if len(records) == text.count("\n") + (0 if text.endswith("\n") else 1):
            return records, list(range(1, len(records) + 1))
    except csv.Error:
        pass
    reader = csv.reader(io.StringIO(text, newline=""))
    records, lines, previous_end = [], [], 0
    try:
        for record in reader:
            records.append(record)
            lines.append(previous_end + 1)
            previous_end = reader.line_num
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "", f"the CSV cannot be read from here on: {error}"))
    return records, lines


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
    return _finish(header, text, list(range(2, len(frame) + 2)), "dataframe", [])


def _finish(header: list[str], frame: pd.DataFrame, lines: list[int], encoding: str,
            problems: list[Problem]) -> RawTable:
    problems.extend(_header_problems(header))
    if frame.empty and not any(p.row > 1 for p in problems):
        problems.append(Problem(1, "", "the file has a header but no data rows"))
    frame.insert(0, "line", pd.array(lines, dtype="int64"))
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
