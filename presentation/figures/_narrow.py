"""Titles and source lines that fit a phone-width chart, re-wrapped after ``finish_figure``.

A chart on a 375 px screen is about 340 px wide: a 45-character title line or an 80-character
source line runs off its edge and is cut. The compare page's charts re-wrap both at widths that
fit, and size the top and bottom margins to the number of lines, so neither is ever clipped (the
fixed-size PNG export is wider, and shows the same lines).
"""

from __future__ import annotations

import plotly.graph_objects as go

from presentation.figures._common import wrap

TITLE_CHARS = 32
SOURCE_CHARS = 48
SUBTITLE_CHARS = 44
_SUBTITLE_LINE = 19
_TITLE_LINE = 26
_TITLE_PAD = 14
_SOURCE_LINE = 16


def _plain(text: str | None) -> str:
    return (text or "").replace("<br>", " ")


def narrow_text(fig: go.Figure, *, footer_offset: int) -> go.Figure:
    """Re-wrap the title, its subtitle and the source footer (annotation 0) narrowly, growing the margins to hold them."""
    title = fig.layout.title.text
    if title:
        before = title.count("<br>")
        fig.layout.title.text = wrap(_plain(title), TITLE_CHARS)
        grown = _TITLE_LINE * (fig.layout.title.text.count("<br>") - before)
        if "<br>" in fig.layout.title.text:  # Plotly lifts a several-line title by about half a line: pad it down
            fig.layout.title.pad.t = (fig.layout.title.pad.t or 0) + _TITLE_PAD
            grown += _TITLE_PAD
        fig.update_layout(margin={"t": fig.layout.margin.t + grown})
    subtitle = fig.layout.title.subtitle.text
    if subtitle:
        before = subtitle.count("<br>")
        fig.layout.title.subtitle.text = wrap(_plain(subtitle), SUBTITLE_CHARS)
        grown = fig.layout.title.subtitle.text.count("<br>") - before
        fig.update_layout(margin={"t": fig.layout.margin.t + _SUBTITLE_LINE * grown})
    if fig.layout.annotations and fig.layout.annotations[0].name == "source":
        source = wrap(_plain(fig.layout.annotations[0].text), SOURCE_CHARS)
        fig.layout.annotations[0].text = source
        lines = source.count("<br>") + 1 if source else 0
        fig.update_layout(margin={"b": max(fig.layout.margin.b, footer_offset + _SOURCE_LINE * lines + 16)})
        if fig.layout.height:
            fig.update_layout(height=fig.layout.height + _SOURCE_LINE * max(0, lines - 2))
    return fig
