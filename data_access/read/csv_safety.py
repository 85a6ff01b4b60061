"""Spreadsheet-safe CSV cells: no text the app writes can run as a formula where the file is opened.

Notes and other text in the store come from loaded files, so a note such as ``=HYPERLINK(…)`` or
``@SUM(1)`` would otherwise reach public CSV downloads and be evaluated by Excel or LibreOffice.
OWASP's rule for CSV injection is applied to every text cell (and header) of every CSV the app
writes: a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single
quote ``'`` in front, which spreadsheets show as text. Numbers stay numbers: numeric cells are never
touched, and a text cell that is a plain negative number (``-3.5``) is left as it is, since a
spreadsheet reads it as that number and nothing more.

The store keeps what it was given; the neutralising happens only here, on the way out, so every
writer (the download route and each download callback) calls ``safe_frame`` before ``to_csv``.
"""

from __future__ import annotations

import re

import pandas as pd

#: The first characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: A negative number written as text: harmless, so it keeps its form.
_NEGATIVE_NUMBER = re.compile(r"-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula; else unchanged."""
    if not isinstance(value, str) or not value.startswith(TRIGGERS):
        return value
    if _NEGATIVE_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are safe to open in a spreadsheet.

    Numeric, boolean and date columns are returned as they are; only text cells can change.
    """
    out = frame.copy()
    out.columns = [safe_cell(name) for name in out.columns]
    for position, dtype in enumerate(out.dtypes):
        if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
            out.isetitem(position, out.iloc[:, position].map(safe_cell))
    return out


def safe_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index) with every text cell neutralised by ``safe_frame``.

    Lines end in CRLF (RFC 4180), so a cell holding a carriage return or a line break is quoted and
    stays one cell; with bare ``\\n`` line ends a lone carriage return went out unquoted and split the row.
    """
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
