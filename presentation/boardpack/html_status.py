"""Page 1 of the board pack as tagged HTML: the status summary table, one row a measure.

The cells are the web block's (``presentation.status_words``), so the pack and the screen say the same
thing. Each judgement is colour, a symbol and a word: the symbol is a small vector mark drawn as the
chip's background (decorative, so a screen reader hears the word once, not "check mark Better"), the
colour is the chip's fill, and the word carries the meaning on its own in black and white.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from presentation import theme
from presentation.boardpack.html_text import esc
from presentation.status_words import HEADERS, Cell, headline_sentence, row_cells

if TYPE_CHECKING:
    from data_access.read.status import StatusRow, StatusSummary

_WIDTHS = (15.5, 8.5, 9.5, 12.5, 15, 14.5, 24.5)  # per cent of the page width, as the screen block weighs them
_PATHS = {
    "✓": '<polyline points="1,5 4,8.5 9,1.5" fill="none" stroke="{c}" stroke-width="1.6"/>',
    "✗": '<path d="M1.5 1.5L8.5 8.5M1.5 8.5L8.5 1.5" stroke="{c}" stroke-width="1.6"/>',
    "▲": '<polygon points="0.5,9 9.5,9 5,1" fill="{c}"/>',
    "↗": '<polygon points="0.5,9 9.5,9 5,1" fill="{c}"/>',
    "▼": '<polygon points="0.5,1 9.5,1 5,9" fill="{c}"/>',
    "↘": '<polygon points="0.5,1 9.5,1 5,9" fill="{c}"/>',
    "→": '<path d="M0.5 5H9M6 2L9 5L6 8" fill="none" stroke="{c}" stroke-width="1.4"/>',
    "≈": '<path d="M1 3.6Q3 2 5 3.6T9 3.6M1 7Q3 5.4 5 7T9 7" fill="none" stroke="{c}" stroke-width="1.3"/>',
}
_CIRCLE = '<circle cx="5" cy="5" r="3.8" fill="none" stroke="{c}" stroke-width="1.1"/>'


def mark_url(symbol: str, colour: str) -> str:
    """A CSS ``url()`` of the symbol's 10×10 vector mark in ``colour``."""
    shape = _PATHS.get(symbol, _CIRCLE).format(c=colour)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">{shape}</svg>'
    return f"url('data:image/svg+xml,{quote(svg)}')"


def _note(cell: Cell) -> str:
    return f'<span class="note">{esc(cell.note)}</span>' if cell.note else ""


def _judged(cell: Cell) -> str:
    ink = cell.text_colour or theme.TEXT
    style = [f"color:{ink}"]
    if cell.colour:
        style.append(f"background-color:{cell.colour}")
    if cell.symbol:
        style.append(f"background-image:{mark_url(cell.symbol, ink)}")
    kind = "chip marked" if cell.symbol else "chip"
    return f'<td><span class="{kind}" style="{";".join(style)}">{esc(cell.text)}</span>{_note(cell)}</td>'


def _row(row: StatusRow, shaded: bool) -> str:
    cells = row_cells(row)
    measure, latest, england = cells[:3]
    return (f"<tr{' class=england-only' if shaded else ''}>"
            f'<th scope="row">{esc(measure.text)}{_note(measure)}</th>'
            f'<td><b>{esc(latest.text)}</b>{_note(latest)}</td><td>{esc(england.text)}{_note(england)}</td>'
            + "".join(_judged(cell) for cell in cells[3:]) + "</tr>")


def status_table(summary: StatusSummary) -> str:
    """Header, the local measures, a heading row, then the England-only measures (shaded)."""
    headers = [h if h != "Latest" else summary.area_name for h in HEADERS]
    columns = "".join(f'<col style="width:{w}%">' for w in _WIDTHS)
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = [_row(row, False) for row in summary.local_rows]
    if summary.england_rows:
        body.append(f'<tr class="group"><th scope="colgroup" colspan="{len(headers)}">Measured for England only'
                    "</th></tr>")
        body += [_row(row, True) for row in summary.england_rows]
    return (f'<table class="status"><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def status_section(summary: StatusSummary, *, title: str) -> str:
    """The page: its heading, the generated sentence and the table (each judgement's note says how it was tested)."""
    return (f'<section class="status-page"><h1 class="status-title">{esc(title)}</h1>'
            f'<p class="lead">{esc(headline_sentence(summary))}</p>{status_table(summary)}</section>')
