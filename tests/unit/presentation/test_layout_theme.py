"""The theme: one source of colour, mirrored in CSS, with WCAG AA contrast and no red/green pairing."""

from __future__ import annotations

import re

import plotly.io as pio
import pytest

from presentation import theme
from tests.support.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT
CSS_DIR = ROOT / "assets"
COMPONENTS = ROOT / "presentation"
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\(")


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #rrggbb colour."""
    hex_digits = colour.lstrip("#")
    channels = [int(hex_digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_variables(text: str) -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", text, re.S)
    assert root, "theme.css has no :root block"
    return {name: value.strip() for name, value in re.findall(r"(--cdp-[\w-]+)\s*:\s*([^;]+);", root.group(1))}


class TestContrastHelper:
    def test_known_ratios(self):
        """Given black and white, when compared, then the ratio is 21 (and a colour with itself is 1)."""
        assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
        assert contrast("#1d70b8", "#1d70b8") == pytest.approx(1.0)
        assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


class TestCssMirrorsTheme:
    def test_every_variable_equals_theme_value(self):
        """Given theme.CSS_VARIABLES, then theme.css declares exactly those properties with the same values."""
        declared = css_variables((CSS_DIR / "theme.css").read_text(encoding="utf-8"))
        assert declared == theme.CSS_VARIABLES

    def test_no_colour_literals_outside_root(self):
        """Given our stylesheets (vendored *.min.css excepted), then colour literals appear only in :root."""
        for path in CSS_DIR.glob("*.css"):
            if path.name.endswith(".min.css"):
                continue
            text = path.read_text(encoding="utf-8")
            if path.name == "theme.css":
                text = re.sub(r":root\s*\{.*?\}", "", text, count=1, flags=re.S)
            assert not COLOUR_LITERAL.search(text), f"colour literal in {path.name}"

    def test_no_colour_literals_in_other_python_modules(self):
        """Given the component modules, then only theme.py writes colour values."""
        offenders = [p.name for p in COMPONENTS.rglob("*.py")
                     if p.name != "theme.py" and COLOUR_LITERAL.search(p.read_text(encoding="utf-8"))]
        assert offenders == []


TEXT_PAIRS = [
    ("text on background", theme.TEXT, theme.BACKGROUND),
    ("secondary text on background", theme.SECONDARY_TEXT, theme.BACKGROUND),
    ("secondary text on panel", theme.SECONDARY_TEXT, theme.PANEL),
    ("text on panel", theme.TEXT, theme.PANEL),
    ("link on background", theme.LINK, theme.BACKGROUND),
    ("visited link on background", theme.LINK_VISITED, theme.BACKGROUND),
    ("hover link on background", theme.LINK_HOVER, theme.BACKGROUND),
    ("header text on header", theme.HEADER_TEXT, theme.BRAND_DARK),
    ("focused text on focus", theme.FOCUS_TEXT, theme.FOCUS),
    ("error on background", theme.ERROR, theme.BACKGROUND),
    ("demo banner text", theme.TEXT, theme.DEMO_BACKGROUND),
]


class TestStylesheetRules:
    def test_focus_visible_hidden_utility_and_narrow_screens(self):
        css = (CSS_DIR / "theme.css").read_text(encoding="utf-8")
        assert re.search(r"(^|\n):focus-visible\s*\{[^}]*outline:", css)
        assert re.search(r"\.visually-hidden\s*\{[^}]*clip", css, re.S)
        assert "@media (max-width: 40rem)" in css
        assert re.search(r"\.skip-link:focus", css)

    def test_print_stylesheet(self):
        """Given print.css, then it sets A4, hides navigation and controls and keeps charts whole."""
        css = (CSS_DIR / "print.css").read_text(encoding="utf-8")
        assert "@media print" in css and "size: A4" in css
        assert re.search(r"\.site-nav[^{]*\{[^}]*display:\s*none", css, re.S)
        assert re.search(r"\.chart-card[^{]*\{[^}]*break-inside:\s*avoid", css, re.S)
        assert 'attr(href)' in css


class TestContrast:
    @pytest.mark.parametrize(("label", "fore", "back"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS])
    def test_text_meets_aa(self, label, fore, back):
        """Given a text colour on its background, then the contrast is at least 4.5:1 (WCAG 1.4.3)."""
        assert contrast(fore, back) >= 4.5, label

    @pytest.mark.parametrize("label", ["better", "similar", "worse", "higher", "lower", "not_compared"])
    def test_badge_text_reads_on_comparison_colour(self, label):
        """Given a comparison badge, then its text colour has 4.5:1 contrast with its fill."""
        style = theme.comparison_style(label)
        assert contrast(style["text_colour"], style["colour"]) >= 4.5

    @pytest.mark.parametrize("quintile", [1, 2, 3, 4, 5])
    def test_quintile_glyphs_read(self, quintile):
        style = theme.quintile_style(quintile)
        assert contrast(style["text_colour"], style["colour"]) >= 4.5

    @pytest.mark.parametrize("colour", [theme.SELECTED, theme.ENGLAND, theme.REGION, theme.BASELINE, theme.AMBITION])
    def test_chart_lines_meet_non_text_contrast(self, colour):
        """Given a line drawn on the white chart background, then it has 3:1 contrast (WCAG 1.4.11)."""
        assert contrast(colour, theme.BACKGROUND) >= 3.0

    def test_better_and_worse_differ_in_lightness(self):
        """Given better/similar/worse, then they differ in lightness too, so they survive greyscale and CVD."""
        assert contrast(theme.BETTER, theme.WORSE) >= 2.0
        assert contrast(theme.SIMILAR, theme.WORSE) >= 2.0
        assert contrast(theme.BETTER, theme.SIMILAR) >= 3.0


class TestStyles:
    def test_comparison_style_has_colour_symbol_and_words(self):
        style = theme.comparison_style("worse")
        assert style == {"colour": theme.WORSE, "text_colour": theme.TEXT, "symbol": "✗", "marker": "square",
                         "text": "Worse than England"}

    def test_unknown_comparison_is_not_compared(self):
        """Given a label the theme does not know, then it is drawn as not compared, never as a judgement."""
        assert theme.comparison_style("mystery")["text"] == "Not compared"
        assert theme.comparison_style(None)["colour"] == theme.NOT_COMPARED

    def test_symbols_and_words_are_distinct(self):
        """Colour is never the only cue: every class has its own glyph and its own words."""
        labels = ["better", "similar", "worse", "higher", "lower", "not_compared"]
        symbols = [theme.comparison_style(k)["symbol"] for k in labels]
        words = [theme.comparison_style(k)["text"] for k in labels]
        assert len(set(symbols)) == len(labels) and len(set(words)) == len(labels)

    def test_change_style_maps_judgements(self):
        assert theme.change_style("improved")["colour"] == theme.BETTER
        assert theme.change_style("worsened")["colour"] == theme.WORSE
        assert theme.change_style("bogus")["text"] == "Not tested"

    def test_quintile_out_of_range_is_an_error(self):
        with pytest.raises(ValueError):
            theme.quintile_style(6)


class TestTemplate:
    def test_registered_with_font_stack(self):
        """Given the theme is imported, then the 'cdp' Plotly template exists and uses the system font stack."""
        template = pio.templates[theme.TEMPLATE_NAME]
        assert "Helvetica Neue" in template.layout.font.family
        assert "GDS Transport" not in template.layout.font.family
        assert template.layout.font.color == theme.TEXT
