"""The board pack's HTML document: its language, title, dates, fonts, page furniture and print styles.

The pack embeds Bitstream Vera (it ships inside reportlab, so the image needs no system fonts and every
build lays out the same). The furniture (demonstration warning, partnership and release, page number,
licence line) sits in the page margins, which the PDF marks as artifacts, so a screen reader does not
read it on every page.
"""

from __future__ import annotations

from pathlib import Path

import reportlab

from presentation import theme
from presentation.boardpack.html_text import esc

FONTS = Path(reportlab.__file__).parent / "fonts"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stylesheet(footer: str, licence: str, demo: bool) -> str:
    """The print CSS: A4, the theme's colours, and the furniture in the margin boxes."""
    top = ('@top-right { content: "Demonstration data: not real figures."; font: bold 8pt CDPVera; '
           f"color: {theme.DEMO_BORDER}; }}") if demo else ""
    return f"""
@font-face {{ font-family: CDPVera; src: url("{(FONTS / 'Vera.ttf').as_uri()}"); }}
@font-face {{ font-family: CDPVera; font-weight: bold; src: url("{(FONTS / 'VeraBd.ttf').as_uri()}"); }}
@page {{ size: A4; margin: 15mm 15mm 19mm 15mm;
  {top}
  @bottom-left {{ content: {_quoted(footer)} "\\A" {_quoted(licence)}; white-space: pre; font: 7.5pt/1.45 CDPVera;
    color: {theme.SECONDARY_TEXT}; vertical-align: top; padding-top: 3mm; }}
  @bottom-right {{ content: "Page " counter(page); font: 7.5pt CDPVera; color: {theme.SECONDARY_TEXT};
    vertical-align: top; padding-top: 3mm; }} }}
html {{ font: 10pt/1.35 CDPVera; color: {theme.TEXT}; }}
body {{ margin: 0; }}
p {{ margin: 0 0 4pt; }}
h1, h2, h3 {{ font-weight: bold; margin: 0; bookmark-level: none; }}
h1 {{ font-size: 17pt; line-height: 1.25; color: {theme.BRAND_DARK}; margin: 2pt 0 6pt; bookmark-level: 1; }}
h2 {{ font-size: 12.5pt; line-height: 1.3; margin: 8pt 0 4pt; break-after: avoid; }}
h3 {{ font-size: 10.5pt; margin: 0 0 2pt; break-after: avoid; }}
h1.title {{ font-size: 24pt; color: {theme.TEXT}; margin: 6pt 0 6pt; }}
h1.status-title {{ font-size: 12.5pt; color: {theme.TEXT}; }}
.subtitle {{ font-size: 14pt; line-height: 1.3; margin-bottom: 8pt; }}
.meeting {{ font-size: 12.5pt; font-weight: bold; margin-top: 8pt; }}
.small {{ font-size: 8pt; line-height: 1.3; color: {theme.SECONDARY_TEXT}; margin-bottom: 2pt; }}
.lead {{ font-size: 10.5pt; font-weight: bold; margin-bottom: 5pt; }}
.banner {{ font-size: 10.5pt; font-weight: bold; border: 1.5pt solid {theme.DEMO_BORDER};
  background: {theme.DEMO_BACKGROUND}; padding: 5pt 8pt; margin: 6pt 0; }}
ul, ol {{ margin: 0 0 4pt; padding-left: 14pt; }}
li {{ margin-bottom: 2pt; }}
section.cover, section.outcome {{ break-before: page; }}
.tiles {{ display: flex; border: 0.6pt solid {theme.BORDER}; border-top: 3pt solid {theme.BRAND}; margin-bottom: 11pt; }}
.tile {{ flex: 1 1 0; padding: 5pt 6pt; border-left: 0.6pt solid {theme.BORDER}; }}
.tile:first-child {{ border-left: none; }}
.tile-title {{ font-size: 10.5pt; font-weight: bold; margin-bottom: 2pt; }}
.value {{ font-size: 17pt; font-weight: bold; line-height: 1.25; margin-bottom: 2pt; }}
.tile-line {{ font-size: 8.5pt; line-height: 1.3; margin-bottom: 1.5pt; }}
.measure {{ break-inside: avoid; margin-bottom: 6pt; }}
img.chart {{ width: 100%; display: block; margin: 2pt 0 4pt; }}
.table-block {{ margin-bottom: 14pt; }}
.table-block.keep {{ break-inside: avoid; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.25; margin-bottom: 3pt; }}
table.narrow {{ width: 60%; }}
th, td {{ text-align: left; vertical-align: top; padding: 2.5pt 4pt 2.5pt 3pt; border-bottom: 0.4pt solid {theme.BORDER}; }}
tbody th {{ font-weight: normal; }}
thead th {{ font-weight: bold; border-bottom: 1pt solid {theme.TEXT}; }}
tr.strong th, tr.strong td {{ font-weight: bold; }}
.num {{ text-align: right; }}
.address {{ white-space: nowrap; }}
.rebuild {{ break-inside: avoid; }}
.cover h2 {{ margin-top: 6pt; }}
table.status {{ table-layout: fixed; font-size: 8pt; }}
table.status th, table.status td {{ padding: 1.5pt 2pt; }}
table.status tbody th {{ font-weight: bold; }}
table.status tr.group th {{ background: {theme.PANEL}; }}
table.status tr.england-only th, table.status tr.england-only td {{ background: {theme.PANEL}; }}
.chip {{ display: block; font-size: 7.5pt; font-weight: bold; line-height: 1.2; padding: 1.5pt 2pt;
  border: 0.5pt solid {theme.SECONDARY_TEXT}; background-repeat: no-repeat; background-size: 7pt 7pt;
  background-position: 2pt 50%; }}
.chip.marked {{ padding-left: 11pt; }}
.note {{ display: block; font-size: 6.8pt; line-height: 1.2; font-weight: normal; color: {theme.SECONDARY_TEXT};
  margin-top: 1pt; }}
"""


def document(body: str, *, title: str, created: str | None, footer: str, licence: str, demo: bool) -> str:
    """The whole HTML page: ``lang="en-GB"``, the title, and the creation/modification dates (W3C format)."""
    dates = "".join(f'<meta name="dcterms.{name}" content="{created}">' for name in ("created", "modified")
                    ) if created else ""
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            '<meta name="author" content="Combating Drugs Outcomes Dashboard">'
            '<meta name="description" content="Combating Drugs Partnership board pack">'
            f'<meta name="generator" content="Combating Drugs Outcomes Dashboard">{dates}'
            f"<style>{stylesheet(footer, licence, demo)}</style></head><body>{body}</body></html>")
