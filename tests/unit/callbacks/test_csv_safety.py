"""No CSV the app writes can run a formula, and the store keeps notes exactly as they were loaded.

Hostile publisher notes (OWASP's CSV injection examples, a leading tab and a leading carriage return)
are loaded through ``load_bytes`` onto authorities that are partnerships of their own (so the notes
reach the partnership rows) and onto Greater Manchester's members (so they reach the profile's member
rows). Every writer is then read back cell by cell: the download route, the compare table and funnel
downloads, the partnership profile download and the upload page's problem list.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from data_access.read.csv_safety import safe_cell, safe_csv, safe_frame
from tests.support.paths import PROJECT_ROOT

HOSTILE = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://x")', "@SUM(1)", "+1", "-1+2", "\t=1+1 after a tab",
           "\r=1+1 after a carriage return")


def cells(text: str) -> list[list[str]]:
    """Every row of a CSV text as the cells a spreadsheet would see (one cell per field, quotes honoured)."""
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value", [*HOSTILE, "=1", "+", "-", "@", "\t", "\r", "-x", "--1", "-1e", "- 1"])
def test_formula_text_gets_a_leading_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-3.5, 0, 12, True, None, float("nan"), "-3.5", "-1", "-.5", "-2e-3", "ok",
                                   "", " =1", "note: =1", "'=1"])
def test_numbers_and_plain_text_are_left_alone(value):
    same = safe_cell(value)
    assert same is value or same == value


def test_a_frame_keeps_its_numbers_as_numbers():
    import pandas as pd

    frame = pd.DataFrame({"=head": ["=1", "a"], "value": [-3.5, 2.0], "count": [1, 2], "flag": [True, False]})
    safe = safe_frame(frame)
    assert list(safe.columns) == ["'=head", "value", "count", "flag"]
    assert safe["value"].tolist() == [-3.5, 2.0] and safe["count"].dtype == frame["count"].dtype
    assert frame["=head"].tolist() == ["=1", "a"]  # the caller's frame is untouched
    assert cells(safe_csv(frame))[1] == ["'=1", "-3.5", "1", "True"]


def test_every_csv_writer_goes_through_the_safety_rule():
    """Each place that writes a CSV or spreadsheet for a reader uses ``safe_csv``, never a bare writer."""
    root = PROJECT_ROOT
    sources = [*root.glob("callbacks/**/*.py"), *root.glob("layouts/**/*.py"), *root.glob("web/*.py"),
               *root.glob("data_access/*.py"), *root.glob("data_access/read/*.py"),
               *root.glob("presentation/boardpack/*.py")]
    writers = re.compile(r"\.to_csv\(|\.to_excel\(|csv\.writer\(|DictWriter\(|send_data_frame\(|send_file\(")
    offenders = [f"{path.relative_to(root)}:{number}" for path in sources
                 for number, line in enumerate(path.read_text().splitlines(), start=1)
                 if writers.search(line) and path.name != "csv_safety.py"]
    assert offenders == []
    callers = {str(path.relative_to(root)) for path in sources if "safe_csv(" in path.read_text()}
    assert {"web/routes.py", "layouts/partnership/views.py", "data_access/upload_checks.py"} <= callers
    assert any(caller.startswith(("callbacks/compare", "layouts/compare/")) for caller in callers)
