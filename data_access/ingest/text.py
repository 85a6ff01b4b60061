"""Which bytes a CSV file may hold: text in an accepted encoding, never binary data or NUL bytes.

People upload the wrong file: a spreadsheet (.xlsx is a zip archive, .xls an OLE document), a
PDF, an image, or a CSV damaged on the way. Such bytes must be refused with a place to look, not
fed to the CSV parser, which raised on them. A NUL byte inside an otherwise good CSV is not text
either: SQLite stored it and PostgreSQL refused it with an error part way through a load, so it is
refused here, on every store alike, naming its line and column.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable
from typing import BinaryIO

import pandas as pd

from data_access.ingest.report import Problem

SNIFF = 8192  # bytes looked at to tell binary data from text
_BINARY_SHARE = 0.05  # control bytes in text are rare; random or compressed data has about 10%
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}
_NUL_MESSAGE = ("holds a NUL byte (00), which is not text: the file is damaged or not a CSV; remove the byte or "
                "re-save the file")
_SIGNATURES = {
    b"PK\x03\x04": "a zip archive (an .xlsx or .ods spreadsheet is one)",
    b"\xd0\xcf\x11\xe0": "an Excel 97-2003 (.xls) or other Office document",
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive", b"BZh": "a bzip2 archive", b"PAR1": "a Parquet file",
    b"SQLite format 3\x00": "a SQLite database", b"7z\xbc\xaf": "a 7-Zip archive", b"Rar!": "a RAR archive",
}


def binary_problem(head: bytes) -> Problem | None:
    """A problem naming where the file's binary data starts, when ``head`` (its first bytes) is not text.

    Files starting with a UTF-16 byte-order mark are text whatever their zero bytes.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = head[:SNIFF]
    kind = next((name for signature, name in _SIGNATURES.items() if head.startswith(signature)), None)
    controls = [i for i, byte in enumerate(head) if byte in _CONTROL]
    if kind is None and (not controls or len(controls) < _BINARY_SHARE * len(head)):
        return None
    if kind is not None:
        return Problem(1, "", f"the file is not CSV text but {kind} (from its first bytes); save it as CSV UTF-8 "
                              "and load that")
    offset = controls[0]
    line = head.count(b"\n", 0, offset) + 1
    position = offset - (head.rfind(b"\n", 0, offset) + 1) + 1
    return Problem(line, "", f"the file is not CSV text but binary data, or UTF-16 text without a byte-order mark "
                             f"(byte {head[offset]:02x} at character {position} of the line); save it as CSV UTF-8 "
                             "and load that")


def _cells(raw: bytes) -> list[str]:
    text = raw.decode("utf-8", errors="replace").replace("\r", " ").replace("\x00", " ")
    try:
        return next(csv.reader([text]), [])
    except csv.Error:
        return text.split(",")


def contains_nul(open_binary: Callable[[], BinaryIO], block: int = 1 << 20) -> bool:
    """True when the stream holds a NUL byte anywhere (read block by block, nothing kept)."""
    with open_binary() as stream:
        while chunk := stream.read(block):
            if b"\x00" in chunk:
                return True
    return False


def nul_problems(frame: pd.DataFrame, labels: list[str], header: list[str]) -> list[Problem]:
    """A problem for every cell of ``frame`` (text columns ``labels``, named ``header``) holding a NUL."""
    problems = []
    for label, name in zip(labels, header, strict=True):
        hit = frame[label].str.contains("\x00", regex=False, na=False)
        problems.extend(Problem(int(line), name or label, _NUL_MESSAGE) for line in frame["line"][hit])
    return problems


def header_nul_problems(header: list[str]) -> list[Problem]:
    """A problem for every header cell holding a NUL byte, named by its position."""
    return [Problem(1, f"#{position}", _NUL_MESSAGE) for position, name in enumerate(header, start=1) if "\x00" in name]


def decode(content: bytes) -> tuple[str, str, list[Problem]]:
    """Decode ``content``; returns the text, the encoding used and a problem per undecodable byte."""
    if content.startswith(codecs.BOM_UTF8):
        return _decode_strict(content[len(codecs.BOM_UTF8):], "utf-8", "utf-8-sig")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
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
    header = _cells(lines[0]) if codec != "utf-16" else []
    for number, raw in enumerate(lines, start=1):
        try:
            raw.decode(codec)
        except UnicodeDecodeError as error:
            prefix = raw[: error.start]
            field_index = len(_cells(prefix)) - 1 if prefix and codec != "utf-16" else 0
            column = header[field_index].strip() if 0 <= field_index < len(header) else ""
            bad = raw[error.start: error.end].hex(" ")
            problems.append(Problem(number, column, f"byte(s) {bad} cannot be read as UTF-8 or Windows-1252 "
                                                    "text; save the file as CSV UTF-8"))
    return content.decode(codec, errors="replace"), label, problems
