"""The status summary block: one sentence, then one table of every headline measure, for any page.

The profile, the overview (with a partnership chosen) and slide 1 of presentation mode place this same
block; the board pack prints a table of the same cells (``presentation.status_words``). Each judgement
is a chip with the theme's colour, a symbol and a word, so it reads in black and white too. Local
measures come first; the England-only ones follow under their own heading row, marked as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dash import html

from presentation import theme
from presentation.blocks.static import static_html
from presentation.status_words import HEADERS, NO_TARGET, Cell, headline_sentence, row_cells

if TYPE_CHECKING:
    from data_access.read.status import StatusRow, StatusSummary

BLOCK_CLASS = "status-summary"


def _chip(cell: Cell) -> html.Span:
    style = {"display": "inline-block", "padding": "0.05rem 0.45rem", "borderRadius": "0.25rem",
             "fontWeight": 700, "border": f"1px solid {theme.SECONDARY_TEXT}"}
    if cell.colour:
        style.update({"backgroundColor": cell.colour, "color": cell.text_colour or theme.TEXT})
    symbol = [html.Span(cell.symbol + " ", **{"aria-hidden": "true"})] if cell.symbol else []
    return html.Span([*symbol, cell.text], className="status-summary__chip", style=style)


def _cell(cell: Cell, *, header: bool = False, judged: bool = False) -> Any:
    body: list[Any] = [_chip(cell) if judged else html.Span(cell.text, className="fw-bold")]
    if cell.note:
        # A note that repeats its chip's words ("no numeric target") or only says how it was tested ("95%"):
        # a slide, short of room, leaves it to the chip.
        extra = " status-summary__note--repeat" if cell.note == NO_TARGET or cell.routine else ""
        body.append(html.Div(cell.note, className=f"small text-secondary fw-normal status-summary__note{extra}"))
    return html.Th(body, scope="row") if header else html.Td(body)


def _row(row: StatusRow) -> html.Tr:
    cells = row_cells(row)
    out = [_cell(cells[0], header=True), _cell(cells[1]), _cell(cells[2])]
    out += [_cell(cell, judged=True) for cell in cells[3:]]
    return html.Tr(out, style=None if row.local else {"backgroundColor": theme.PANEL})


def _group(title: str) -> html.Tr:
    return html.Tr(html.Th(title, colSpan=len(HEADERS), scope="colgroup",
                           style={"backgroundColor": theme.PANEL}))


def status_table(summary: StatusSummary) -> html.Table:
    """Every headline measure: local ones, then a heading row and the England-only ones."""
    local_title = f"Measures with a {summary.area_name} figure" if summary.area_type == "partnership" else None
    body: list[Any] = [_group(local_title)] if local_title and summary.local_rows else []
    body += [_row(row) for row in summary.local_rows]
    if summary.england_rows and summary.local_rows:
        body.append(_group("Measured for England only"))
    body += [_row(row) for row in summary.england_rows]
    headers = [h if h != "Latest" else summary.area_name for h in HEADERS]
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in headers]))
    caption = (f"Status of every headline measure for {summary.area_name}: latest value, England, the comparison "
               "with England and the change since baseline (both tested at 95%), the recent trend, and whether "
               "England is on track for the framework's ambition.")
    return html.Table([html.Caption(caption, className="status-summary__caption"), head, html.Tbody(body)],
                      className="data-table status-summary__table")


def status_block(summary: StatusSummary, *, heading_level: int = 2, title: str = "Status summary") -> html.Section:
    """The generated sentence over the table, in a labelled section a page places where a board looks first."""
    heading = getattr(html, f"H{heading_level}")(title, className="status-summary__title")
    return html.Section([
        heading,
        html.P(headline_sentence(summary), className="lead status-summary__sentence"),
        html.Div(status_table(summary), className="table-scroll", tabIndex=0, role="region",
                 style={"position": "relative"}, **{"aria-label": f"{title}: table"}),
    ], className=BLOCK_CLASS, **{"aria-label": title})


def status_static(summary: StatusSummary | None, *, heading_level: int = 2) -> html.Div | None:
    """The block as one static piece of HTML (``blocks.static``): a read-only table of some 200 components
    the renderer need not track. None when there is no summary (no partnership chosen)."""
    if summary is None:
        return None
    return static_html(status_block(summary, heading_level=heading_level), class_name=f"{BLOCK_CLASS}-frame mb-4")
