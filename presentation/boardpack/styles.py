"""Fonts, paragraph styles and colours of the board pack, taken from the app's one theme.

The pack embeds Bitstream Vera, which ships inside reportlab (so the image needs no system fonts)
and has the minus sign, en dash, curly quotes and "≈" the formatters use. Glyphs it lacks (arrows,
ticks) are never used in the pack: judgements are written in words.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from presentation import theme

FONT = "CDPVera"
FONT_BOLD = "CDPVera-Bold"
PAGE_MARGIN = 15 * mm
LICENCE_LINE = ("Contains data from the Office for National Statistics licensed under the Open Government "
                "Licence v3.0")
# Characters outside Vera's repertoire, replaced so no box or gap appears in print.
_REPLACEMENTS = str.maketrans({"▲": "up", "▼": "down", "►": "", "✓": "", "✗": "", "○": "", "→": "to",
                               "↗": "", "↘": ""})


def colour(hex_value: str) -> colors.Color:
    """A reportlab colour from a theme colour string: six hex digits, or rgba with an alpha."""
    if hex_value.startswith("rgba"):
        red, green, blue, alpha = (float(v) for v in hex_value[5:-1].split(","))
        return colors.Color(red / 255, green / 255, blue / 255, alpha=alpha)
    return colors.HexColor(hex_value)


TEXT = colour(theme.TEXT)
SECONDARY = colour(theme.SECONDARY_TEXT)
BORDER = colour(theme.BORDER)
GRID = colour(theme.GRID)
PANEL = colour(theme.PANEL)
BRAND = colour(theme.BRAND)
BRAND_DARK = colour(theme.BRAND_DARK)
DEMO_BACKGROUND = colour(theme.DEMO_BACKGROUND)
DEMO_BORDER = colour(theme.DEMO_BORDER)


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the embedded fonts once per process."""
    pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, "VeraBd.ttf"))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def clean(text: object) -> str:
    """Plain text safe for a reportlab Paragraph: XML escaped and limited to the font's glyphs."""
    value = "" if text is None else str(text)
    value = value.translate(_REPLACEMENTS)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=1)
def paragraph_styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles: body, small, title, subtitle, h1-h3, value, tile, cell(_num)(_bold), banner."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=TEXT, alignment=TA_LEFT,
                          spaceAfter=4)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=SECONDARY, spaceAfter=2),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=24, leading=29, spaceAfter=8),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=18, spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceBefore=2,
                             spaceAfter=6, textColor=BRAND_DARK),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=8,
                             spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=13.5, spaceAfter=2),
        "value": ParagraphStyle("value", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2),
        "tile": ParagraphStyle("tile", parent=base, fontSize=8.5, leading=11, spaceAfter=1.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5,
                                    spaceAfter=0),
        "cell_num": ParagraphStyle("cell_num", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0,
                                   alignment=TA_RIGHT),
        "cell_num_bold": ParagraphStyle("cell_num_bold", parent=base, fontName=FONT_BOLD, fontSize=8.5,
                                        leading=10.5, spaceAfter=0, alignment=TA_RIGHT),
        "banner": ParagraphStyle("banner", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=14,
                                 spaceAfter=0),
    }
