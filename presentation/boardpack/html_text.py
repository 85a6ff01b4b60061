"""Text for the pack's HTML: escaped, so a value or a name can never become markup."""

from __future__ import annotations

from presentation.boardpack.styles import clean


def esc(text: object) -> str:
    """``text`` HTML-escaped (None is empty), with the same glyph substitutions as the rest of the pack, so
    the words a reader extracts are the words the pack has always printed."""
    return clean(text).replace('"', "&quot;")


def para(text: object, kind: str = "") -> str:
    """One paragraph, with an optional class."""
    return f'<p class="{kind}">{esc(text)}</p>' if kind else f"<p>{esc(text)}</p>"


def table(header: list[str], rows: list[list[str]], *, numeric: tuple[int, ...] = (), bold_first_row: bool = False,
          row_headers: bool = True, kind: str = "data") -> str:
    """A table with ``<th scope="col">`` headers (repeated on each page) and, by default, each row's first cell
    as its ``<th scope="row">``; ``numeric`` columns are right-aligned so numbers line up."""
    def cls(column: int) -> str:
        return ' class="num"' if column in numeric else ""

    head = "".join(f'<th scope="col"{cls(j)}>{esc(h)}</th>' for j, h in enumerate(header))
    body = []
    for i, row in enumerate(rows):
        cells = []
        for j, value in enumerate(row):
            tag = "th" if j == 0 and row_headers else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}{cls(j)}>{esc(value)}</{tag}>")
        body.append(f"<tr{' class=strong' if bold_first_row and i == 0 else ''}>{''.join(cells)}</tr>")
    return f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
