"""Slide 1 of a partnership's deck: the status summary, before one slide per headline measure.

The same block as the profile, the overview and page 1 of the board pack
(``presentation.blocks.status_summary``), so the room sees first what the pack opens with. England's
deck has no such slide: its figures are all England's, which the measure slides already show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import html

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from layouts.present.parts import slide_chart_id, slide_id
from presentation.blocks.static import html_block, markup
from presentation.blocks.status_summary import status_block

if TYPE_CHECKING:
    from data_access.read.status import StatusSummary

ENGLAND_WORDS = ("england", ENGLAND.lower())
TITLE = "Status summary"


def has_summary_slide(code: str | None) -> bool:
    """A partnership's deck (anything but England's) opens with the status summary."""
    return str(code or "").strip().lower() not in ("", *ENGLAND_WORDS)


def deck_size(code: str | None) -> int:
    """How many slides the deck for ``code`` has: the headline measures, and the summary for a partnership."""
    return len(get_catalogue().headline_metrics()) + (1 if has_summary_slide(code) else 0)


def summary_slide(summary: StatusSummary, count: int, *, current: int) -> html.Section:
    """Slide 1 (index 0): "1 of N · Status summary", the sentence and the table; ``current`` is 0-based.

    It has an empty chart box like every slide, so the deck's paging (one chart box per slide) still lines up.
    """
    return html.Section([
        html_block(markup([
            html.P([html.Span(f"1 of {count}", className="present-slide__position"), " · ", TITLE],
                   className="present-slide__outcome"),
        ]), class_name="present-slide__head"),
        html_block(markup(status_block(summary, heading_level=2, title=f"{summary.area_name}: status summary")),
                   class_name="present-slide__status"),
        html.Div(id=slide_chart_id(0), hidden=True),
    ], id=slide_id(0), hidden=current != 0, className="present-slide present-slide--summary",
        **{"aria-roledescription": "slide", "aria-label": f"1 of {count}: {TITLE}"})
