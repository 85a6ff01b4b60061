"""Read numbers written as text the way publishers write them, flagging what is not a number.

Spreadsheets export large counts with thousands separators ("12,345"), so those are accepted;
anything else that is not a finite decimal number is flagged, never coerced to a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

_THOUSANDS = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"


@dataclass(frozen=True)
class Numbers:
    """A text column read as numbers: ``values`` (NaN where empty or bad), ``empty`` and ``bad`` masks."""

    values: pd.Series
    empty: pd.Series
    bad: pd.Series


def parse_numbers(text: pd.Series) -> Numbers:
    """Parse ``text`` (cells may carry surrounding spaces); only cells that fail are looked at twice."""
    values = pd.to_numeric(text, errors="coerce").astype(float)
    failed = values.isna().to_numpy()
    empty = np.zeros(len(text), dtype=bool)
    if failed.any():
        stripped = text[failed].astype(str).str.strip()
        empty[failed] = (stripped == "").to_numpy(dtype=bool)
        grouped = stripped[stripped.str.fullmatch(_THOUSANDS)]
        values[grouped.index] = pd.to_numeric(grouped.str.replace(",", "", regex=False)).astype(float)
    empty = pd.Series(empty, index=text.index)
    bad = values.isna() & ~empty
    bad = bad | ~np.isfinite(values.fillna(0.0))
    return Numbers(values.where(~bad), empty, bad)
