"""Lay the board pack out as an accessible, tagged A4 PDF: the status summary, a cover, then each outcome.

Why WeasyPrint and not reportlab: board papers are published with the council's meeting papers, so the
pack must be usable with a screen reader, which needs a tagged PDF (a structure tree of headings, tables
with header cells, figures with alternative text, the document's language and title, a reading order).
reportlab cannot write a structure tree; WeasyPrint renders HTML to PDF/UA-1, tagging the document from
its HTML (reading order is the HTML's order). reportlab still draws the charts (``charts``), exported as
SVG, so their look and their tests are unchanged.

Reproducible: the PDF's creation and modification dates are the release's load time (the pack is a view
of that release, and the date is the same every rebuild), the fonts are embedded from fixed files, and
the file identifier is a hash of the content, so the same release gives the same bytes.
"""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

import pandas as pd

from presentation.boardpack import styles
from presentation.boardpack.charts import trend_drawing
from presentation.boardpack.gather import PackData
from presentation.boardpack.html_doc import document
from presentation.boardpack.html_sections import cover, outcome_section
from presentation.boardpack.html_status import status_section

__all__ = ["release_moment", "render_pack", "trend_drawing", "write_pdf"]


def release_moment(loaded_at: Any) -> str | None:
    """``loaded_at`` (a datetime or ISO text, taken as UTC when naive) in W3C form; None if unknown."""
    try:
        moment = pd.Timestamp(loaded_at)
    except (TypeError, ValueError):
        return None
    if pd.isna(moment):
        return None
    moment = moment.tz_localize(UTC) if moment.tzinfo is None else moment.tz_convert(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def pack_html(pack: PackData, *, meeting: date | None = None, pack_url: str = "") -> str:
    """The pack as one HTML document, in reading order."""
    title = f"{pack.name}: board pack, data release {pack.release['id']}"
    body = "" if pack.summary is None else status_section(pack.summary, title=f"{pack.name}: status summary")
    body += cover(pack, meeting, pack_url)
    # Looked up here, not bound at import, so a chart failure can be exercised in the tests.
    draw = globals()["trend_drawing"]
    body += "".join(outcome_section(outcome, pack, draw) for outcome in pack.outcomes)
    return document(body, title=title, created=release_moment(pack.release.get("loaded_at")), footer=title,
                    licence=styles.LICENCE_LINE + ".", demo=bool(pack.release.get("any_demo")))


def write_pdf(html: str) -> bytes:
    """``html`` as tagged PDF/UA-1 bytes; the file identifier is a hash of the content (never random)."""
    # Imported here: WeasyPrint loads the system's Pango when imported, and only a pack needs it, so the
    # dashboard itself starts on a machine without Pango.
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)


def render_pack(pack: PackData, *, meeting: date | None = None, pack_url: str = "") -> bytes:
    """The pack as PDF/UA-1 bytes (the same bytes for the same inputs)."""
    return write_pdf(pack_html(pack, meeting=meeting, pack_url=pack_url))
