"""The pack is dated by its data release: a real date that is the same every time it is rebuilt."""

from __future__ import annotations

import io
import re
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from presentation.boardpack.dated_canvas import dated_canvas, release_timestamp


def _pdf(loaded_at) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title="t")
    doc.build([Paragraph("A pack", getSampleStyleSheet()["Normal"])], canvasmaker=dated_canvas(loaded_at))
    return buffer.getvalue()


def _dates(pdf: bytes) -> set[bytes]:
    return set(re.findall(rb"/(?:CreationDate|ModDate) \((D:\d{14})", pdf))


def test_the_pack_carries_its_release_load_time_not_the_year_2000():
    pdf = _pdf(datetime(2026, 11, 30, 14, 5, 9))
    assert _dates(pdf) == {b"D:20261130140509"}


def test_the_same_release_gives_the_same_bytes_and_another_release_another_date():
    assert _pdf("2026-11-30T14:05:09") == _pdf("2026-11-30T14:05:09")
    assert _dates(_pdf("2026-12-01T08:00:00")) == {b"D:20261201080000"}


def test_an_unknown_load_time_keeps_the_fixed_reproducible_date():
    assert release_timestamp(None) is None and release_timestamp("not a date") is None
    assert _dates(_pdf(None)) == {b"D:20000101000000"}


def test_an_aware_time_is_written_in_utc():
    assert _dates(_pdf("2026-06-01T10:00:00+01:00")) == {b"D:20260601090000"}
