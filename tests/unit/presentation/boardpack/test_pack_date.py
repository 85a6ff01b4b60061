"""The pack is dated by its data release: a real date that is the same every time it is rebuilt."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
import weasyprint  # noqa: F401  (loaded at collection, outside the unit guard: its first import runs ldconfig)

from presentation.boardpack.html_doc import document
from presentation.boardpack.pdf import release_moment, write_pdf


def _pdf(loaded_at) -> bytes:
    html = document("<h1>A pack</h1><p>Text.</p>", title="t", created=release_moment(loaded_at), footer="f",
                    licence="l", demo=False)
    return write_pdf(html)


def _dates(pdf: bytes) -> set[bytes]:
    """The document's creation and modification dates (the information dictionary sits in a compressed stream)."""
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {bytes(document.docinfo[key])[:16] for key in ("/CreationDate", "/ModDate") if key in document.docinfo}


def test_the_pack_carries_its_release_load_time():
    pdf = _pdf(datetime(2026, 11, 30, 14, 5, 9))
    assert _dates(pdf) == {b"D:20261130140509"}


def test_the_same_release_gives_the_same_bytes_and_another_release_another_date():
    assert _pdf("2026-11-30T14:05:09") == _pdf("2026-11-30T14:05:09")
    assert _dates(_pdf("2026-12-01T08:00:00")) == {b"D:20261201080000"}


def test_an_unknown_load_time_writes_no_date_and_stays_reproducible():
    assert release_moment(None) is None and release_moment("not a date") is None
    assert _dates(_pdf(None)) == set()
    assert _pdf(None) == _pdf(None)


def test_an_aware_time_is_written_in_utc():
    assert _dates(_pdf("2026-06-01T10:00:00+01:00")) == {b"D:20260601090000"}
