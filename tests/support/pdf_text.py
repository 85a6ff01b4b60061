"""Read a PDF's text with poppler's ``pdftotext`` (as a person's PDF reader would extract it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(pdf: bytes, *, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text (or that of pages ``first``..``last``) with every run of whitespace made one space
    (lines wrap anywhere)."""
    if PDFTOTEXT is None:
        if os.environ.get("CI") == "true":
            pytest.fail("poppler-utils (pdftotext) must be installed for the board pack tests in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.pdf"
        path.write_bytes(pdf)
        pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
        out = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True, check=True,
                             timeout=60)
    return " ".join(out.stdout.decode("utf-8").split())


def page_count(pdf: bytes) -> int:
    """The number of pages, from poppler's ``pdfinfo``."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.pdf"
        path.write_bytes(pdf)
        out = subprocess.run([pdfinfo, str(path)], capture_output=True, check=True, timeout=60).stdout.decode()
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))
