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
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from data_access.db import make_engine
from data_access.ingest import load_bytes
from data_access.models import Observation
from data_access.read.csv_safety import TRIGGERS
from data_access.setup import init_store

METRIC = "successful_completions_adults"
PERIOD = "2022/23"
HOSTILE = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://x")', "@SUM(1)", "+1", "-1+2", "\t=1+1 after a tab",
           "\r=1+1 after a carriage return")
#: Authorities that are partnerships of their own in the default footprint.
ALONE = ("E09000002", "E08000016", "E06000008", "E06000009", "E08000032", "E06000043", "E08000033")
MANCHESTER = tuple(f"E080000{i:02d}" for i in range(1, 11))
PADDED = "  padded note \t "
NEGATIVE_NUMBER = re.compile(r"-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _rows() -> list[list[object]]:
    rows = []
    for i, code in enumerate((*ALONE, *MANCHESTER)):
        numerator, denominator = 200 + 7 * i, 1000 + 10 * i
        note = HOSTILE[i % len(HOSTILE)] if i < 2 * len(HOSTILE) else (PADDED if i == 2 * len(HOSTILE) else "")
        rows.append([METRIC, code, PERIOD, round(100 * numerator / denominator, 4), numerator, denominator, "", "",
                     note])
    rows.append([METRIC, "E92000001", PERIOD, 20.0, 60000, 300000, "", "", ""])
    return rows


def hostile_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["metric", "area_code", "period", "value", "numerator", "denominator", "lower_ci", "upper_ci",
                     "note"])
    writer.writerows(_rows())
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'store.sqlite3'}"
    engine = make_engine(url)
    init_store(engine)
    load_bytes(hostile_csv(), engine, source="hostile.csv")
    engine.dispose()
    return url


@pytest.fixture
def shown(hostile_store: str, web_env) -> Iterator[str]:
    """The app pointed at the hostile store for one test."""
    import app  # noqa: F401  (the callbacks and their caches, as when serving)
    import config
    from data_access import db
    from data_access.read.memory import clear

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", hostile_store)
        config.get_settings.cache_clear()
        db.reset_engines()
        clear()
        yield hostile_store
    config.get_settings.cache_clear()
    db.reset_engines()
    clear()


def cells(text: str) -> list[list[str]]:
    """Every row of a CSV text as the cells a spreadsheet would see (one cell per field, quotes honoured)."""
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_spreadsheet_safe(text: str) -> list[list[str]]:
    rows = cells(text)
    widths = {len(row) for row in rows}
    assert len(widths) == 1, "a cell broke its row apart"
    for row in rows:
        for cell in row:
            assert not cell.startswith(TRIGGERS) or NEGATIVE_NUMBER.fullmatch(cell), f"formula cell {cell!r}"
    return rows


def assert_notes_neutralised(text: str, expected: tuple[str, ...] = HOSTILE) -> None:
    flat = {cell for row in assert_spreadsheet_safe(text) for cell in row}
    for note in expected:
        assert "'" + note in flat, f"{note!r} is missing or altered"


def test_the_store_keeps_notes_as_given_but_for_surrounding_spaces(hostile_store):
    engine = make_engine(hostile_store)
    try:
        with engine.connect() as conn:
            notes = dict(conn.execute(select(Observation.area_code, Observation.note)).all())
    finally:
        engine.dispose()
    assert {notes[code] for code in ALONE} == set(HOSTILE)
    assert notes[ALONE[5]].startswith("\t") and notes[ALONE[6]].startswith("\r")
    assert notes[MANCHESTER[7]] == "padded note \t"


def test_a_note_of_only_whitespace_does_not_explain_an_empty_value(store):
    from data_access.ingest import ValidationFailed

    content = f"metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note\n" \
              f'{METRIC},{ALONE[0]},{PERIOD},,,,,,"\t"\n'.encode()
    with pytest.raises(ValidationFailed) as failed:
        load_bytes(content, store, source="blank-note.csv")
    assert any("no note says why" in problem.message for problem in failed.value.report.problems)


@pytest.mark.parametrize("area_type", ["utla", "partnership", None])
def test_the_observations_download_neutralises_notes(shown, client, area_type):
    query = {"metric": METRIC, **({"area_type": area_type} if area_type else {})}
    response = client.get("/download/observations.csv", query_string=query)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert_notes_neutralised(text)
    rows = cells(text)
    values = [row[rows[0].index("value")] for row in rows[1:]]
    assert all(float(value) > 0 for value in values if value)  # numbers stay numbers


def test_the_compare_table_download_neutralises_notes(shown):
    from callbacks import compare

    sent = compare.download_table(n_clicks=1, metric=METRIC, period=PERIOD, region="all", sort="name", level="95",
                                  highlight="none")
    assert sent["type"] == "text/csv" and sent["filename"].endswith(".csv")
    assert_notes_neutralised(sent["content"])


def test_the_funnel_download_is_spreadsheet_safe(shown):
    from callbacks import compare

    sent = compare.download_funnel(n_clicks=1, metric=METRIC, period=PERIOD, region="all", level="95",
                                   highlight="none")
    rows = assert_spreadsheet_safe(sent["content"])
    assert len(rows) > len(ALONE)


def test_the_profile_download_neutralises_member_notes(shown):
    from callbacks import partnership

    sent = partnership.download_profile(1, "greater-manchester")
    assert sent["filename"] == "greater-manchester_profile.csv"
    assert_notes_neutralised(sent["content"])


def test_the_upload_problem_list_neutralises_what_the_file_said(shown, monkeypatch, tmp_path):
    import config
    from callbacks import upload
    from data_access import db, uploads

    monkeypatch.setenv("CDP_MODE", "internal")
    monkeypatch.setenv("CDP_UPLOAD_DIR", str(tmp_path / "uploads"))
    config.get_settings.cache_clear()
    db.reset_engines()
    header = "metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note,=HYPERLINK(\"http://x\")"
    bad = f"{header}\n@SUM(1),=cmd|' /C calc'!A0,+1,-1+2,1,2,,,,\n".encode()
    got = uploads.receive(io.BytesIO(bad), user="alice", file_name="=evil.csv")
    received = {"upload": got.token, "file_name": got.file_name, "size": got.size, "sha256": got.sha256}
    sent = upload.problems_csv(1, received, "alice")
    rows = assert_spreadsheet_safe(sent["content"])
    assert rows[0] == ["line", "column", "problem"] and len(rows) > 1
    assert sent["filename"].startswith("problems-") and sent["type"] == "text/csv"
