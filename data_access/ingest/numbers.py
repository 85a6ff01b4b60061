"""Read numbers written as text the way publishers write them, flagging what is not a number.

Spreadsheets export large counts with thousands separators ("12,345"), so those are accepted;
anything else that is not a finite decimal number is flagged, never coerced to a guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"


def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Floats for ``text`` (NaN where empty) and a mask of cells that are present but not numbers."""
    numbers = pd.to_numeric(text, errors="coerce").astype(float)
    failed = numbers.isna() & (text != "")
    if failed.any():
        grouped = text[failed].str.fullmatch(_THOUSANDS, na=False)
        numbers[grouped[grouped].index] = pd.to_numeric(text[grouped[grouped].index].str.replace(",", "",
                                                                                                    regex=False))
    bad = (numbers.isna() & (text != "")) | ~np.isfinite(numbers.fillna(0.0))
    numbers = numbers.where(~bad)
    return numbers, bad
