"""Lay the board pack out as an A4 PDF: a cover, then each of the six outcomes in order.

Per outcome: its headline tiles, then for each headline metric the trend chart with its
provenance footer, the one-sentence summary and a table. The document is built with
``invariant=1`` (no creation time, fixed document id), so the same data gives the same bytes and
"the same link rebuilds the same pack" can be checked byte for byte.
"""

from __future__ import annotations

import io
import logging
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from data_access.geography import ENGLAND
from presentation.boardpack import compose, styles
from presentation.boardpack.charts import trend_drawing
from presentation.boardpack.dated_canvas import dated_canvas
from presentation.boardpack.gather import MetricData, OutcomeData, PackData
from presentation.boardpack.status_page import status_page

log = logging.getLogger(__name__)
WIDTH = A4[0] - 2 * styles.PAGE_MARGIN
GROUP_WORDS = {"strategic": "Strategic outcome", "intermediate": "Intermediate outcome"}
HOW_TO_READ = [
    "Each headline measure shows its latest value and period. For a partnership, the value pools the member "
    "authorities' numerators and denominators; “compared with England” tests the difference at 95%.",
    "“Change since baseline” tests the difference between the latest value and the framework baseline "
    "(2019/20, 2021/22 or a three-year average, depending on the measure) at 95%.",
    "“Recent trend” tests the latest five periods for a significant rise or fall.",
    "Measures published only for England (the drug use survey, crime and supply measures) show England's figures.",
    "Suppressed values were withheld by the publisher to protect confidentiality; they are never shown as zero.",
]


class Bookmark(Flowable):
    """A zero-size flowable that adds a PDF outline entry (the reader's sidebar) where it is drawn."""

    def __init__(self, key: str, title: str, level: int = 0):
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level)


def _p(text: Any, style: str) -> Paragraph:
    return Paragraph(styles.clean(text), styles.paragraph_styles()[style])


def _table(header: list[str], rows: list[list[str]], widths: list[float], *, bold_first_row: bool = False,
           numeric: tuple[int, ...] = ()) -> Table:
    """A table with a repeated header row; ``numeric`` columns are right-aligned (numbers line up)."""
    def style(column: int, bold: bool) -> str:
        return ("cell_num" if column in numeric else "cell") + ("_bold" if bold else "")

    data = [[_p(h, style(j, True)) for j, h in enumerate(header)]]
    for i, row in enumerate(rows):
        data.append([_p(c, style(j, bold_first_row and i == 0)) for j, c in enumerate(row)])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 1, styles.TEXT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, styles.BORDER),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _banner(text: str) -> Table:
    """The demonstration-data warning: a bordered, tinted box (words first, colour second)."""
    box = Table([[_p(text, "banner")]], colWidths=[WIDTH])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, styles.DEMO_BORDER),
                             ("BACKGROUND", (0, 0), (-1, -1), styles.DEMO_BACKGROUND),
                             ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    return box


def _cover(pack: PackData, meeting: date | None, pack_url: str) -> list[Flowable]:
    release = pack.release
    story: list[Flowable] = [Bookmark("cover", "Cover"), Spacer(1, 10 * mm), _p(pack.name, "title"),
                             _p("Combating Drugs Partnership board pack: headline measures of the National Combating "
                                "Drugs Outcomes Framework", "subtitle")]
    if meeting is not None:
        story.append(_p(f"Prepared for the board meeting on {compose.day(meeting)}.", "h2"))
    extracted = compose.day(release.get("extracted_date")) or "date not recorded"
    story.append(_p(f"Data as at {extracted}: data release {release['id']} ({release.get('source')}), "
                    f"published by {release.get('publisher') or 'not stated'}"
                    + (f" on {compose.day(release.get('published_date'))}" if release.get("published_date") else "")
                    + f", extracted {extracted}, loaded {compose.day(release.get('loaded_at')) or 'date not recorded'}.",
                    "body"))
    if release.get("any_demo"):
        story += [Spacer(1, 3 * mm), _banner(compose.DEMO_WARNING), Spacer(1, 3 * mm)]
    count = len(pack.members[pack.members["valid_to"].isna()])
    where = f" in {pack.region_name}" if pack.region_name else ""
    status = ("sourced: the grouping is taken from a published source" if pack.status == "sourced" else
              "assumed: no published source was found, so the grouping is this service's assumption")
    story += [_p("Footprint", "h2"),
              _p(f"{pack.name} is a partnership of {count} local "
                 f"{'authority' if count == 1 else 'authorities'}{where}. Its footprint is {status}.", "body")]
    story += [_p(line, "body") for line in compose.member_lines(pack)]
    if pack.footprint:
        story.append(_p(f"Footprint version {pack.footprint.get('id')}: {pack.footprint.get('label')}.", "small"))
    story += [_p("Contents", "h2")]
    story += [_p(f"{i}. {o.outcome.name} ({GROUP_WORDS.get(o.outcome.group, o.outcome.group).lower()})", "body")
              for i, o in enumerate(pack.outcomes, start=1)]
    story += [_p("How to read this pack", "h2")] + [_p("• " + text, "body") for text in HOW_TO_READ]
    story += [_p("Rebuild this pack", "h2"),
              _p(f"This pack is pinned to data release {release['id']}: the same link rebuilds the same pack. "
                 f"{pack_url}", "body"),
              _p(styles.LICENCE_LINE + ".", "small")]
    return story


def _tiles(outcome: OutcomeData, pack: PackData) -> Table:
    cells = []
    for metric in outcome.metrics:
        lines = compose.tile(metric)
        cells.append([_p(lines["title"], "h3"), _p(lines["value"], "value"), _p(lines["period"], "tile"),
                      _p(lines["england"], "tile"), _p(lines["comparison"], "tile"), _p(lines["change"], "tile"),
                      _p(lines["trend"], "tile")])
    columns = max(len(cells), 1)
    table = Table([cells], colWidths=[WIDTH / columns] * columns, hAlign="LEFT")
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, styles.BORDER),
                               ("INNERGRID", (0, 0), (-1, -1), 0.6, styles.BORDER),
                               ("LINEABOVE", (0, 0), (-1, 0), 3, styles.BRAND),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return table


def _chart(metric: MetricData, pack: PackData) -> list[Flowable]:
    """The trend drawing, or, if it cannot be drawn, a note (the values are in the table that follows)."""
    code, name = (pack.code, pack.name) if metric.local else (ENGLAND, "England")
    if metric.series.empty or metric.series["value"].notna().sum() == 0:
        return [_p("No values have been published for this measure yet, so there is no chart.", "body")]
    try:
        return [trend_drawing(metric.series, spec=metric.spec, selected_code=code, selected_name=name,
                              summary=metric.summary, width=WIDTH)]
    except Exception:  # a chart must never cost the meeting its pack: fall back to the table
        log.warning("board pack: chart for %s (%s) could not be drawn; table only", metric.spec.id, pack.code,
                    exc_info=True)
        header, rows = compose.trend_table(metric, code, name)
        return [_p("The chart could not be drawn; its values are in this table.", "body"),
                _table(header, rows, [WIDTH / len(header)] * len(header), numeric=tuple(range(1, len(header))))]


def _metric(metric: MetricData, outcome: OutcomeData, pack: PackData) -> list[Flowable]:
    block: list[Flowable] = [_p(compose.chart_title(metric, pack.name), "h2"), *_chart(metric, pack),
                             _p(compose.sentence(metric, pack.name, outcome.outcome), "body")]
    block += [_p(line, "small") for line in compose.provenance(metric, pack)]
    story: list[Flowable] = [CondPageBreak(120 * mm), KeepTogether(block), Spacer(1, 2 * mm)]
    if metric.local and not metric.latest_rows.empty:
        header, rows = compose.latest_table(metric)
        period = metric.summary.get("latest_period")
        table = _table(header, rows, [0.24 * WIDTH, 0.13 * WIDTH, 0.15 * WIDTH, 0.1 * WIDTH, 0.2 * WIDTH,
                                      0.18 * WIDTH], bold_first_row=True, numeric=(1, 2, 3, 5))
        title = _p(f"{metric.spec.short_name}, {period}: the partnership, its member authorities and England", "h3")
        notes = [_p("Note: " + line, "small") for line in compose.table_notes(metric)]
        # A partnership's table is short: keep it whole with its title rather than orphan a row.
        story += [KeepTogether([title, table, *notes])] if len(rows) <= 12 else [title, table, *notes]
    elif not metric.local:
        header, rows = compose.trend_table(metric, ENGLAND, "England")
        story += [KeepTogether([_p(f"{metric.spec.short_name}: England by period", "h3"),
                                _table(header, rows[-8:], [0.3 * WIDTH, 0.3 * WIDTH], numeric=(1,))])]
    return story + [Spacer(1, 5 * mm)]


def _outcome(outcome: OutcomeData, pack: PackData, index: int) -> list[Flowable]:
    spec = outcome.outcome
    story: list[Flowable] = [PageBreak(), Bookmark(f"outcome-{index}", spec.name),
                             _p(GROUP_WORDS.get(spec.group, spec.group), "small"), _p(spec.name, "h1")]
    goal = compose.ambition(spec)
    if goal:
        story.append(_p(f"Ambition: {goal}.", "body"))
    story += [_tiles(outcome, pack), Spacer(1, 4 * mm)]
    for metric in outcome.metrics:
        story += _metric(metric, outcome, pack)
    return story


def _furniture(pack: PackData):
    """Every page: the demonstration warning at the top (when it applies); partnership, release, page number
    and the licence line at the foot."""
    def draw(canvas, doc) -> None:
        canvas.saveState()
        right = A4[0] - styles.PAGE_MARGIN
        if pack.release.get("any_demo"):
            canvas.setFillColor(styles.DEMO_BORDER)
            canvas.setFont(styles.FONT_BOLD, 8)
            canvas.drawRightString(right, A4[1] - 9 * mm, "Demonstration data: not real figures.")
        canvas.setFont(styles.FONT, 7.5)
        canvas.setFillColor(styles.SECONDARY)
        canvas.drawString(styles.PAGE_MARGIN, 10.5 * mm, f"{pack.name}: board pack, data release {pack.release['id']}")
        canvas.drawRightString(right, 10.5 * mm, f"Page {doc.page}")
        canvas.drawString(styles.PAGE_MARGIN, 7 * mm, styles.LICENCE_LINE + ".")
        canvas.restoreState()
    return draw


def render_pack(pack: PackData, *, meeting: date | None = None, pack_url: str = "") -> bytes:
    """The pack as PDF bytes (deterministic for the same inputs)."""
    styles.register_fonts()
    buffer = io.BytesIO()
    title = f"{pack.name}: board pack, data release {pack.release['id']}"
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=styles.PAGE_MARGIN, rightMargin=styles.PAGE_MARGIN,
                            topMargin=styles.PAGE_MARGIN, bottomMargin=styles.PAGE_MARGIN + 4 * mm, title=title,
                            author="Combating Drugs Outcomes Dashboard", subject="Combating Drugs Partnership board pack",
                            creator="Combating Drugs Outcomes Dashboard", lang="en-GB", invariant=1)
    story = [] if pack.summary is None else [
        Bookmark("status", "Status summary"),
        *status_page(pack.summary, title=f"{pack.name}: status summary", width=WIDTH),
        PageBreak()]
    story += _cover(pack, meeting, pack_url)
    for index, outcome in enumerate(pack.outcomes, start=1):
        story += _outcome(outcome, pack, index)
    furniture = _furniture(pack)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture,
              canvasmaker=dated_canvas(pack.release.get("loaded_at")))
    return buffer.getvalue()
