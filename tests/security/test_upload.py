"""The upload page's functions, called as plain functions on a store (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from callbacks import upload
from data_access.ingest import validate_bytes
from data_access.models import Observation, Release, UploadAudit
from layouts import _upload_parts as parts
from tests.security.conftest import long_csv, marker_csv


def data_url(content: bytes, kind: str = "text/csv") -> str:
    return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.scalar(select(func.count()).select_from(table)) for table in (Release, Observation,
                                                                                        UploadAudit))


@pytest.mark.parametrize(("contents", "message"), [
    (None, "No file"), ("not a data url", "No file"), ("data:text/csv,plain", "could not be received"),
    ("data:text/csv;base64,@@@@", "could not be received"), ("data:text/csv;base64,", "empty"),
])
def test_unreadable_uploads_are_explained(contents, message):
    with pytest.raises(upload.UploadRejected, match=message):
        upload.decode_upload(contents)


def test_files_over_the_limit_are_refused_with_the_limit_named(monkeypatch):
    monkeypatch.setattr(parts, "UPLOAD_LIMIT_BYTES", 1000)
    with pytest.raises(upload.UploadRejected, match="too large"):
        upload.decode_upload(data_url(b"x" * 1001))
    assert upload.decode_upload(data_url(b"x" * 1000)) == b"x" * 1000


@pytest.mark.parametrize(("name", "clean"), [("C:\\Users\\me\\local.csv", "local.csv"), ("../../etc/passwd", "passwd"),
                                             ("a\x00b\nc.csv", "abc.csv"), ("", "upload.csv"), (None, "upload.csv")])
def test_file_names_are_reduced_to_a_bare_name(name, clean):
    assert upload.clean_file_name(name) == clean


def test_the_check_is_the_cli_loaders_validation(store):
    bad = marker_csv().replace(b"E06000002", b"E99999999").replace(b",2,40", b",two,40")
    check = upload.check_upload(bad, "bad.csv", store)
    with Session(store) as session:
        assert check.problems == validate_bytes(bad, session).problems
    assert {(p.row, p.column) for p in check.problems} >= {(3, "area_code"), (4, "numerator")}
    assert not check.ok


def test_preview_lists_every_problem_by_line_and_column_and_writes_nothing(store, app_store, store_url):
    app_store(url=store_url, mode="internal")
    before = counts(store)
    rows = [("successful_completions_adults", f"E0600000{i}", "2024/25", "x", 1, 2) for i in range(1, 8)]
    block, disabled, checked, result = upload.preview(data_url(long_csv(rows)), "bad.csv")
    text = str(block)
    assert disabled is True and checked is None and result is None
    assert "7 problem(s)" in text and all(f"'{line}'" in text or f"{line}" in text for line in range(2, 9))
    assert counts(store) == before


def test_confirm_loads_an_internal_release_and_audits_it(store, app_store, store_url):
    app_store(url=store_url, mode="internal")
    before = counts(store)
    contents = data_url(marker_csv())
    block, disabled, checked, _ = upload.preview(contents, "local.csv")
    assert disabled is False and "No problems" in str(block) and counts(store) == before
    assert upload.confirm(None, contents, "local.csv", checked, "", "alice") == (upload.no_update, upload.no_update)
    message, disabled = upload.confirm(1, contents, "local.csv", checked, "Q2", "alice")
    assert "as internal release #" in str(message) and disabled is True
    with store.connect() as conn:
        release = conn.execute(select(Release).order_by(Release.id.desc())).first()
        audit = conn.execute(select(UploadAudit)).one()
    assert release.visibility == "internal" and release.loaded_by == "alice" and release.row_count == 5
    assert (audit.user_name, audit.release_id, audit.rows, audit.outcome) == ("alice", release.id, 5, "loaded")
    repeat, _ = upload.confirm(2, contents, "local.csv", checked, "", "bob")
    assert "loaded before" in str(repeat)
    with store.connect() as conn:
        assert conn.scalars(select(UploadAudit.outcome).order_by(UploadAudit.id)).all() == ["loaded", "already_loaded"]
    assert "alice" in str(upload.history(None)) and "bob" in str(upload.history(None))


def test_confirm_refuses_without_a_user_or_with_a_file_that_was_not_checked(store, app_store, store_url):
    app_store(url=store_url, mode="internal")
    contents = data_url(marker_csv())
    _, _, checked, _ = upload.preview(contents, "local.csv")
    before = counts(store)
    assert "sign in again" in str(upload.confirm(1, contents, "local.csv", checked, "", None)[0])
    other = data_url(marker_csv().replace(b"7771", b"7772"))
    assert "not been checked" in str(upload.confirm(1, other, "local.csv", checked, "", "alice")[0])
    assert "not been checked" in str(upload.confirm(1, contents, "local.csv", None, "", "alice")[0])
    assert counts(store) == before


def test_every_problem_can_be_downloaded(store, app_store, store_url):
    app_store(url=store_url, mode="internal")
    rows = [("successful_completions_adults", "E06000001", "2024/25", "x", 1, 2)] * 1500
    sent = upload.problems_csv(1, data_url(long_csv(rows)), "many.csv")
    lines = sent["content"].strip().splitlines()
    assert lines[0] == "line,column,problem" and len(lines) > 1500
