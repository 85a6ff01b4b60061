"""What validation and loading hand back: problems with their place in the file, and load results.

A problem always names the 1-based line of the file (the header is line 1) and the column as the
file spells it, so the person who made the file can find and fix every one in a single pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

#: Columns of the normalised frame that validation produces and the writer consumes.
NORMALISED_COLUMNS = ("line", "metric_id", "area_code", "period_label", "period_type", "period_start",
                      "period_end", "breakdown", "value", "numerator", "denominator", "lower_ci", "upper_ci",
                      "suppressed", "note", "geography")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the file; ``row`` is the file line (header = 1), 0 for the file as a whole."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.row}" if self.row else "file"
        column = f", column {self.column}" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass
class ValidationReport:
    """The outcome of validating a whole file: every problem, or the rows ready to write.

    ``skipped`` counts rows deliberately not loaded (for example Welsh areas), by reason, so the
    summary can say so: nothing is dropped without being counted.
    """

    layout: str
    encoding: str
    rows_read: int
    problems: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(NORMALISED_COLUMNS)))
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_summary(self) -> str:
        """One line per kind of problem with its count: the overview when there are thousands."""
        kinds = Counter((p.column, _kind(p.message)) for p in self.problems)
        return "\n".join(f"{count:>8} × {column or 'file'}: {kind}" for (column, kind), count in kinds.most_common())


def _kind(message: str) -> str:
    """The message without its specifics (quoted text, codes, numbers), so similar problems group together."""
    text = re.sub(r"'[^']*'", "'…'", message.split(": ")[0])
    text = re.sub(r"\b[A-Z]\d{8}\b", "CODE", text)
    return re.sub(r"-?\d+(\.\d+)?(/\d+)?", "N", text).strip()


@dataclass(frozen=True)
class LoadResult:
    """A finished load: the release that holds the rows (new or, for a repeated file, the existing one)."""

    release_id: int
    created: bool
    rows: int
    layout: str
    skipped: dict[str, int]
    new_periods: int = 0


class ValidationFailed(Exception):
    """The data has problems; nothing was written. ``report.problems`` lists every one."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"{len(report.problems)} problem(s) found; nothing was written")
        self.report = report


class FetchFailed(Exception):
    """Data could not be obtained from a remote source (network, server or response error)."""
