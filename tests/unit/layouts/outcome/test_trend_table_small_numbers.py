"""The trend's table agrees with its chart: a rate OHID would not publish (fewer than 10 events) is not printed."""

from __future__ import annotations

from datetime import date

import pandas as pd

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from layouts.outcome.tables import trend_table
from presentation.figures.gaps import SMALL_NUMBERS_NOTE


def markup_of(block) -> str:
    return str(block.to_plotly_json())


def series(count: float) -> pd.DataFrame:
    rows = []
    for code, name, kind, numerator, value in (("P1", "Calderdale", "partnership", count, 1.284),
                                               (ENGLAND, "England", "country", 9000.0, 5.2)):
        rows.append({"area_code": code, "area_name": name, "area_type": kind, "period": "2013-15",
                     "period_start": date(2013, 1, 1), "period_end": date(2015, 12, 31), "value": value,
                     "lower_ci": None, "upper_ci": None, "numerator": numerator, "suppressed": False, "note": None})
    return pd.DataFrame(rows)


def test_a_dsr_from_eight_deaths_is_not_printed_and_the_note_says_why():
    text = markup_of(trend_table(series(8.0), get_catalogue().metric("drug_misuse_deaths"), "P1", "Trend"))
    assert "1.3" not in text
    assert SMALL_NUMBERS_NOTE.split(":")[0] in text and "Suppressed" in text


def test_a_dsr_from_ten_deaths_is_printed():
    text = markup_of(trend_table(series(10.0), get_catalogue().metric("drug_misuse_deaths"), "P1", "Trend"))
    assert "1.3" in text and SMALL_NUMBERS_NOTE.split(":")[0] not in text
