"""The demonstration data passes the loader's plausibility checks, as if it were a published file.

The demonstration release is written directly, not through file validation, so this holds the
generator to the same rules a publisher's file meets: percentages within 0–100, values agreeing
with their own numerators and denominators, whole counts, and no series written as fractions.
"""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from data_access.demo.frame import generate_demo_frame
from data_access.ingest.checks import check_measures, scale_problems

NUMBERS = ("value", "numerator", "denominator", "lower_ci", "upper_ci")


class _Problems:
    def __init__(self, table: pd.DataFrame) -> None:
        self.table, self.found = table, []

    def add(self, mask, column, message, *values) -> None:
        for line in self.table["line"][mask]:
            self.found.append((int(line), column))


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_demo_frame(2022)


def test_the_demonstration_data_meets_every_plausibility_rule(frame):
    catalogue = get_catalogue()
    table = frame.rename(columns={"metric_id": "metric"}).reset_index(drop=True)
    table["line"] = range(2, len(table) + 2)
    for column in ("lower_ci", "upper_ci"):
        table[column] = float("nan")
    numbers = {c: table[c].astype(float) for c in NUMBERS}
    text = table.assign(**{c: numbers[c].map(lambda v: "" if pd.isna(v) else repr(float(v))) for c in NUMBERS})
    problems = _Problems(text)
    check_measures(problems, text, numbers, pd.Series(True, index=text.index), catalogue)
    assert problems.found == [], text.loc[[line - 2 for line, _ in problems.found[:5]]].to_string()
    normalised = table.rename(columns={"metric": "metric_id"})
    assert scale_problems(normalised, {}, catalogue) == []
