"""The upload page's functions, called as plain functions on a store (SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from callbacks import upload
from data_access import uploads
from data_access.ingest import validate_bytes
from data_access.models import Observation, Release, UploadAudit
from tests.support.fixtures.security import long_csv, marker_csv


def counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return tuple(conn.scalar(select(func.count()).select_from(table)) for table in (Release, Observation,
                                                                                        UploadAudit))


@pytest.fixture
def upload_dir(tmp_path, monkeypatch):
    import config

    monkeypatch.setenv("CDP_UPLOAD_DIR", str(tmp_path / "uploads"))
    config.get_settings.cache_clear()
    yield tmp_path / "uploads"
    config.get_settings.cache_clear()


def received(content: bytes, name: str = "local.csv", user: str = "alice") -> dict:
    """What the page holds after ``/upload/file`` took ``content`` from ``user``."""
    got = uploads.receive(io.BytesIO(content), user=user, file_name=name)
    return {"upload": got.token, "file_name": got.file_name, "size": got.size, "sha256": got.sha256}


def test_a_refusal_the_server_or_script_gave_is_shown_on_the_page(upload_dir):
    block, disabled, checked, _ = upload.preview({"error": "The file is too large (50.0 MB): files up to 20 MB "
                                                           "can be uploaded."}, "alice")
    assert "too large (50.0 MB)" in str(block) and disabled is True and checked is None


@pytest.mark.parametrize(("value", "message"), [(None, "No file"), ("x", "No file"), ({"upload": "../../etc"}, "no longer"),
                                                ({"upload": "A" * 22}, "no longer")])
def test_a_missing_or_unknown_upload_is_explained(upload_dir, value, message):
    block, disabled, checked, _ = upload.preview(value, "alice")
    assert message in str(block) and disabled is True and checked is None


def test_another_users_upload_cannot_be_checked(upload_dir):
    mine = received(marker_csv(), user="alice")
    block, _, checked, _ = upload.preview(mine, "bob")
    assert "no longer waiting" in str(block) and checked is None


def test_the_check_is_the_cli_loaders_validation(store):
    bad = marker_csv().replace(b"E06000002", b"E99999999").replace(b",2,40", b",two,40")
    check = upload.check_upload(bad, "bad.csv", store)
    with Session(store) as session:
        assert check.problems == validate_bytes(bad, session).problems
    assert {(p.row, p.column) for p in check.problems} >= {(3, "area_code"), (4, "numerator")}
    assert not check.ok


def test_preview_lists_every_problem_by_line_and_column_and_writes_nothing(store, app_store, store_url, upload_dir):
    app_store(url=store_url, mode="internal")
    before = counts(store)
    rows = [("successful_completions_adults", f"E0600000{i}", "2024/25", "x", 1, 2) for i in range(1, 8)]
    block, disabled, checked, result = upload.preview(received(long_csv(rows), "bad.csv"), "alice")
    text = str(block)
    assert disabled is True and checked is None and result is None
    assert "7 problem(s)" in text and all(f"'{line}'" in text or f"{line}" in text for line in range(2, 9))
    assert counts(store) == before


def test_confirm_loads_an_internal_release_and_audits_it(store, app_store, store_url, upload_dir):
    app_store(url=store_url, mode="internal")
    before = counts(store)
    sent = received(marker_csv())
    block, disabled, checked, _ = upload.preview(sent, "alice")
    assert disabled is False and "No problems" in str(block) and counts(store) == before
    assert upload.confirm(None, sent, checked, "", "alice") == (upload.no_update, upload.no_update)
    message, disabled = upload.confirm(1, sent, checked, "Q2", "alice")
    assert "as internal release #" in str(message) and disabled is True
    with store.connect() as conn:
        release = conn.execute(select(Release).order_by(Release.id.desc())).first()
        audit = conn.execute(select(UploadAudit)).one()
    assert release.visibility == "internal" and release.loaded_by == "alice" and release.row_count == 5
    assert release.source == "local.csv" and release.description == "Q2"
    assert (audit.user_name, audit.release_id, audit.rows, audit.outcome) == ("alice", release.id, 5, "loaded")
    assert uploads.path_of("alice", sent["upload"]) is None  # a loaded file does not wait on disk
    again = received(marker_csv(), user="bob")
    _, _, checked_again, _ = upload.preview(again, "bob")
    repeat, _ = upload.confirm(2, again, checked_again, "", "bob")
    assert "loaded before" in str(repeat)
    with store.connect() as conn:
        assert conn.scalars(select(UploadAudit.outcome).order_by(UploadAudit.id)).all() == ["loaded", "already_loaded"]
    assert "alice" in str(upload.history(None)) and "bob" in str(upload.history(None))


def test_confirm_refuses_without_a_user_or_with_a_file_that_was_not_checked(store, app_store, store_url, upload_dir):
    app_store(url=store_url, mode="internal")
    sent = received(marker_csv())
    _, _, checked, _ = upload.preview(sent, "alice")
    before = counts(store)
    assert "sign in again" in str(upload.confirm(1, sent, checked, "", None)[0])
    other = received(marker_csv().replace(b"7771", b"7772"))
    assert "not been checked" in str(upload.confirm(1, other, checked, "", "alice")[0])
    assert "not been checked" in str(upload.confirm(1, sent, None, "", "alice")[0])
    uploads.path_of("alice", sent["upload"]).write_bytes(marker_csv().replace(b"7771", b"7779"))
    assert "not been checked" in str(upload.confirm(1, sent, checked, "", "alice")[0])
    assert counts(store) == before


def test_a_second_upload_of_the_same_user_at_once_is_refused_and_says_why(store, app_store, store_url, upload_dir):
    app_store(url=store_url, mode="internal")
    sent = received(marker_csv())
    with uploads.user_turn("alice"):
        block, disabled, checked, _ = upload.preview(sent, "alice")
        assert "still being sent, checked or loaded" in str(block) and disabled is True and checked is None
        assert "No problems" in str(upload.preview(received(marker_csv(), user="bob"), "bob")[0])
    assert "No problems" in str(upload.preview(sent, "alice")[0])


def test_every_problem_can_be_downloaded(store, app_store, store_url, upload_dir):
    app_store(url=store_url, mode="internal")
    rows = [("successful_completions_adults", "E06000001", "2024/25", "x", 1, 2)] * 1500
    sent = upload.problems_csv(1, received(long_csv(rows), "many.csv"), "alice")
    lines = sent["content"].strip().splitlines()
    assert lines[0] == "line,column,problem" and len(lines) > 1500
