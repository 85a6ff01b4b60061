"""The one visual theme: every colour, the font stack and the registered Plotly template.

Nothing else in the app writes a colour literal: figures, blocks and the CSS custom properties in
``assets/theme.css`` all take their values from here (a test checks the CSS mirrors
``CSS_VARIABLES``). Categorical colours are chosen to stay apart for the common colour-vision
deficiencies *and* in greyscale (dark blue / pale yellow / orange differ in lightness, not only in
hue), and every category also carries a symbol and words, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = '"Helvetica Neue", Helvetica, Arial, sans-serif'

# Core palette (GOV.UK-like, without the crown or GDS Transport).
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
BACKGROUND = "#ffffff"
PANEL = "#f3f2f1"
BORDER = "#b1b4b6"
GRID = "#dee0e2"
BRAND = "#1d70b8"
BRAND_DARK = "#003078"
HEADER_TEXT = "#ffffff"
LINK = "#1d70b8"
LINK_VISITED = "#4c2c92"
LINK_HOVER = "#003078"
FOCUS = "#ffdd00"
FOCUS_TEXT = "#0b0c0c"
ERROR = "#d4351c"
DEMO_BACKGROUND = "#fff2cc"
DEMO_BORDER = "#d55e00"

# Benchmark comparison (polarity-aware "better/similar/worse"), colour-blind safe: no red/green.
BETTER = "#12436d"
SIMILAR = "#ffd966"
WORSE = "#d55e00"
NOT_COMPARED = "#f3f2f1"
NOT_COMPARED_OUTLINE = "#505a5f"
# No-judgement metrics: two blues, as Fingertips' "BOB" benchmark scheme.
HIGHER = "#12436d"
LOWER = "#8fc3ea"

# Five-step sequential scale for quintiles (single hue, lightest = lowest values).
QUINTILES = ("#cbc9e2", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486")

# Lines and marks on charts.
SELECTED = "#1d70b8"
SELECTED_OUTLINE = "#0b0c0c"
ENGLAND = "#0b0c0c"
REGION = "#505a5f"
CI_BAND = "rgba(29, 112, 184, 0.18)"
#: A period with no value on a trend: the border grey, faint enough that lines drawn over it read.
GAP_FILL = "rgba(177, 180, 182, 0.18)"
#: No fill at all, e.g. behind a map drawn over the page's own background.
TRANSPARENT = "rgba(0, 0, 0, 0)"
BASELINE = "#505a5f"
AMBITION = "#4c2c92"
PROVISIONAL = "#f3f2f1"
MAP_BOUNDARY = "#505a5f"
LIMIT_95 = "#505a5f"
LIMIT_998 = "#0b0c0c"

COLORWAY = ("#1d70b8", "#0b0c0c", "#d55e00", "#28a197", "#801650", "#505a5f")


@dataclass(frozen=True)
class CategoryStyle:
    """How one category is drawn: fill colour, the text colour that reads on it, glyph, marker, words."""

    key: str
    colour: str
    text_colour: str
    symbol: str
    marker: str
    text: str


_COMPARISON = {
    "better": CategoryStyle("better", BETTER, BACKGROUND, "✓", "diamond", "Better than England"),
    "similar": CategoryStyle("similar", SIMILAR, TEXT, "≈", "circle", "Similar to England"),
    "worse": CategoryStyle("worse", WORSE, TEXT, "✗", "square", "Worse than England"),
    "higher": CategoryStyle("higher", HIGHER, BACKGROUND, "▲", "triangle-up", "Higher than England"),
    "lower": CategoryStyle("lower", LOWER, TEXT, "▼", "triangle-down", "Lower than England"),
    "not_compared": CategoryStyle("not_compared", NOT_COMPARED, TEXT, "○", "circle-open", "Not compared"),
}

_CHANGE = {
    "improved": CategoryStyle("improved", BETTER, BACKGROUND, "✓", "diamond", "Improved since baseline"),
    "worsened": CategoryStyle("worsened", WORSE, TEXT, "✗", "square", "Worsened since baseline"),
    "no_significant_change": CategoryStyle(
        "no_significant_change", SIMILAR, TEXT, "≈", "circle", "No significant change since baseline"
    ),
    "increased": CategoryStyle("increased", HIGHER, BACKGROUND, "▲", "triangle-up", "Increased since baseline"),
    "decreased": CategoryStyle("decreased", LOWER, TEXT, "▼", "triangle-down", "Decreased since baseline"),
    "not_tested": CategoryStyle("not_tested", NOT_COMPARED, TEXT, "○", "circle-open", "Not tested"),
}

QUINTILE_LABELS = ("Lowest 20%", "Second lowest 20%", "Middle 20%", "Second highest 20%", "Highest 20%")


def comparison_style(label: str | None) -> dict[str, str]:
    """Colour, glyph, Plotly marker and words for a benchmark comparison label.

    Unknown or missing labels fall back to "not compared" so a new label from the read layer can
    never be drawn as if it were a judgement.
    """
    style = _COMPARISON.get(label or "", _COMPARISON["not_compared"])
    return _as_dict(style)


def change_style(label: str | None) -> dict[str, str]:
    """Colour, glyph, marker and words for a change-since-baseline significance label."""
    style = _CHANGE.get(label or "", _CHANGE["not_tested"])
    return _as_dict(style)


def quintile_style(quintile: int) -> dict[str, str]:
    """Colour and words for quintile 1 (lowest values) to 5 (highest)."""
    if quintile not in range(1, 6):
        raise ValueError(f"quintile must be 1..5, not {quintile!r}")
    fill = QUINTILES[quintile - 1]
    text_colour = TEXT if quintile <= 3 else BACKGROUND
    return {"colour": fill, "text_colour": text_colour, "symbol": str(quintile), "marker": "circle",
            "text": QUINTILE_LABELS[quintile - 1]}


def _as_dict(style: CategoryStyle) -> dict[str, str]:
    return {"colour": style.colour, "text_colour": style.text_colour, "symbol": style.symbol,
            "marker": style.marker, "text": style.text}


# CSS custom properties mirrored in assets/theme.css (checked by tests/unit/presentation/test_layout_theme.py).
CSS_VARIABLES: dict[str, str] = {
    "--cdp-text": TEXT,
    "--cdp-secondary-text": SECONDARY_TEXT,
    "--cdp-background": BACKGROUND,
    "--cdp-panel": PANEL,
    "--cdp-border": BORDER,
    "--cdp-grid": GRID,
    "--cdp-brand": BRAND,
    "--cdp-brand-dark": BRAND_DARK,
    "--cdp-header-text": HEADER_TEXT,
    "--cdp-link": LINK,
    "--cdp-link-visited": LINK_VISITED,
    "--cdp-link-hover": LINK_HOVER,
    "--cdp-focus": FOCUS,
    "--cdp-focus-text": FOCUS_TEXT,
    "--cdp-error": ERROR,
    "--cdp-demo-background": DEMO_BACKGROUND,
    "--cdp-demo-border": DEMO_BORDER,
    "--cdp-better": BETTER,
    "--cdp-similar": SIMILAR,
    "--cdp-worse": WORSE,
    "--cdp-higher": HIGHER,
    "--cdp-lower": LOWER,
    "--cdp-not-compared": NOT_COMPARED,
    "--cdp-not-compared-outline": NOT_COMPARED_OUTLINE,
    "--cdp-selected": SELECTED,
    "--cdp-selected-outline": SELECTED_OUTLINE,
    "--cdp-font": FONT_FAMILY,
}

TEMPLATE_NAME = "cdp"


def plotly_template() -> go.layout.Template:
    """The chart template: large readable type (projected in meeting rooms), light grid, our colorway."""
    return go.layout.Template(
        layout=go.Layout(
            font={"family": FONT_FAMILY, "size": 15, "color": TEXT},
            title={"font": {"size": 20, "color": TEXT}, "x": 0, "xanchor": "left", "xref": "container",
                   "pad": {"l": 12}},
            paper_bgcolor=BACKGROUND,
            plot_bgcolor=BACKGROUND,
            colorway=list(COLORWAY),
            hoverlabel={"font": {"family": FONT_FAMILY, "size": 15, "color": TEXT}, "bgcolor": BACKGROUND,
                        "bordercolor": SECONDARY_TEXT},
            xaxis={"gridcolor": GRID, "linecolor": BORDER, "zerolinecolor": BORDER, "ticks": "outside",
                   "tickcolor": BORDER, "automargin": True, "title": {"standoff": 8}},
            yaxis={"gridcolor": GRID, "linecolor": BORDER, "zerolinecolor": BORDER, "automargin": True,
                   "title": {"standoff": 8}},
            legend={"bgcolor": BACKGROUND, "font": {"size": 14}},
            separators=".,",
        )
    )


def register_plotly_template() -> str:
    """Register the template under ``TEMPLATE_NAME`` (idempotent) and return the name to use."""
    pio.templates[TEMPLATE_NAME] = plotly_template()
    return TEMPLATE_NAME


register_plotly_template()
