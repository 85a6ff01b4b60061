"""Page 1 of the board pack: the status summary, as the table boards are used to (one row a measure).

The cells are the web block's (``presentation.status_words``), so the pack and the screen say the
same thing. The pack's embedded font (Bitstream Vera) has no ✓, ✗, ▲ or ▼, so each judgement's
symbol is drawn as a small vector mark beside its word, on the theme's colour: the page reads in
colour, in black and white, and by the words alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from presentation import theme
from presentation.boardpack import styles
from presentation.status_words import HEADERS, Cell, headline_sentence, row_cells

if TYPE_CHECKING:
    from data_access.read.status import StatusRow, StatusSummary

MARK = 7  # points: the symbol's box
_WIDTHS = (0.155, 0.085, 0.095, 0.125, 0.15, 0.145, 0.245)


def _mark(symbol: str, colour: str) -> Drawing:
    """The symbol as vector strokes in ``colour`` (the text colour that reads on the cell's fill)."""
    ink = styles.colour(colour)
    drawing = Drawing(MARK, MARK)
    m = MARK
    if symbol == "✓":
        drawing.add(PolyLine([0.5, m * 0.5, m * 0.38, m * 0.12, m - 0.5, m - 0.5], strokeColor=ink, strokeWidth=1.4))
    elif symbol == "✗":
        drawing.add(Line(0.8, 0.8, m - 0.8, m - 0.8, strokeColor=ink, strokeWidth=1.4))
        drawing.add(Line(0.8, m - 0.8, m - 0.8, 0.8, strokeColor=ink, strokeWidth=1.4))
    elif symbol in ("▲", "▼", "↗", "↘"):
        up = symbol in ("▲", "↗")
        points = [0, 0.5, m, 0.5, m / 2, m - 0.5] if up else [0, m - 0.5, m, m - 0.5, m / 2, 0.5]
        drawing.add(Polygon(points, fillColor=ink, strokeColor=ink, strokeWidth=0.5))
    elif symbol == "→":
        drawing.add(Line(0, m / 2, m - 0.5, m / 2, strokeColor=ink, strokeWidth=1.2))
        drawing.add(PolyLine([m * 0.55, m * 0.85, m - 0.5, m / 2, m * 0.55, m * 0.15], strokeColor=ink,
                             strokeWidth=1.2))
    elif symbol == "≈":
        drawing.add(String(0, 0.5, "≈", fontName=styles.FONT_BOLD, fontSize=m + 2, fillColor=ink))
    elif symbol:
        drawing.add(Circle(m / 2, m / 2, m / 2 - 0.7, strokeColor=ink, strokeWidth=1, fillColor=None))
    return drawing


def _styles() -> dict[str, ParagraphStyle]:
    """The pack's styles, with a smaller note under each cell so the page holds every measure."""
    named = styles.paragraph_styles()
    return {**named, "note": ParagraphStyle("status_note", parent=named["small"], fontSize=6.8, leading=8.2),
            "chip": ParagraphStyle("status_chip", parent=named["cell"], fontSize=7.5, leading=9),
            "row": ParagraphStyle("status_row", parent=named["cell_bold"], fontSize=8, leading=9.5),
            "row_plain": ParagraphStyle("status_row_plain", parent=named["cell"], fontSize=8, leading=9.5),
            "lead": ParagraphStyle("status_lead", parent=named["body"], fontName=styles.FONT_BOLD, fontSize=10.5,
                                   leading=13, spaceAfter=5)}


def _text(text: str, style: str) -> Paragraph:
    return Paragraph(styles.clean(text), _styles()[style])


def _judged(cell: Cell, width: float) -> Table:
    """A chip: the mark and the word on the cell's colour, the note under it on white."""
    ink = cell.text_colour or theme.TEXT
    word = Paragraph(f'<font color="{ink}"><b>{styles.clean(cell.text)}</b></font>',
                     _styles()["chip"])
    chip = Table([[_mark(cell.symbol, ink) if cell.symbol else "", word]], colWidths=[MARK + 3, width - MARK - 9],
                 hAlign="LEFT")
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("BOX", (0, 0), (-1, -1), 0.5, styles.SECONDARY)]
    if cell.colour:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), styles.colour(cell.colour)))
    chip.setStyle(TableStyle(commands))
    rows: list[list] = [[chip]]
    if cell.note:
        rows.append([_text(cell.note, "note")])
    box = Table(rows, colWidths=[width - 4], hAlign="LEFT")
    box.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return box


def _plain(cell: Cell, bold: bool = True) -> list[Paragraph]:
    out = [_text(cell.text, "row" if bold else "row_plain")]
    if cell.note:
        out.append(_text(cell.note, "note"))
    return out


def _row(row: StatusRow, widths: list[float]) -> list:
    cells = row_cells(row)
    return ([_plain(cells[0]), _plain(cells[1]), _plain(cells[2], bold=False)]
            + [_judged(cell, widths[i + 3]) for i, cell in enumerate(cells[3:])])


def status_table(summary: StatusSummary, width: float) -> Table:
    """Header, the local measures, a heading row, then the England-only measures (shaded)."""
    widths = [width * share for share in _WIDTHS]
    headers = [h if h != "Latest" else summary.area_name for h in HEADERS]
    data: list[list] = [[_text(h, "cell_bold") for h in headers]]
    data += [_row(row, widths) for row in summary.local_rows]
    group = None
    if summary.england_rows:
        group = len(data)
        data.append([_text("Measured for England only", "cell_bold")] + [""] * (len(headers) - 1))
        data += [_row(row, widths) for row in summary.england_rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = [("LINEBELOW", (0, 0), (-1, 0), 1, styles.TEXT), ("LINEBELOW", (0, 1), (-1, -1), 0.4, styles.BORDER),
                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    if group is not None:
        commands += [("SPAN", (0, group), (-1, group)), ("BACKGROUND", (0, group), (-1, -1), styles.PANEL)]
    table.setStyle(TableStyle(commands))
    return table


def status_page(summary: StatusSummary, *, title: str, width: float) -> list[Flowable]:
    """The page's flowables: its heading, the generated sentence and the table (each judgement's cell says
    how it was tested, so no separate key is needed and the page holds every measure)."""
    return [
        _text(title, "h2"),
        _text(headline_sentence(summary), "lead"),
        status_table(summary, width),
    ]
