"""A built chart restyled for a projector: large type, thick lines, and the size left to the screen.

A meeting room reads a chart from several metres away, so a slide's chart needs type of at least
24 px and lines and markers that survive a washed-out projector. ``projector_figure`` takes any
figure from the builders here (the trend chart, England's chart, with or without the ambition line)
and restyles a copy of it, so the builders stay one design for pages and the pack and the slide adds
only its own scale. The height is left to the slide (``autosize``): the stylesheet sizes the chart
from the viewport, so one deck fills a 1920×1080 projector and a 1366×768 laptop alike.

The footer lines a builder writes under its plot (the source, the change since baseline, what a
mark means) are taken off the chart and returned as text: the slide states the source and the
change in its own larger HTML, and ``footnotes`` gives the rest for the slide to print under the
chart, so nothing a mark means is lost.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

#: Every piece of chart text is at least this size (px): readable from the back of a meeting room.
CHART_FONT = 24
#: Lines are at least this wide (px), and markers at least this size, on a slide.
MIN_LINE = 4.5
MIN_MARKER = 14
#: Footer annotations the builders add (``_common.finish_figure``): the slide says these in HTML.
FOOTER_NAMES = ("source", "change", "provisional", "estimate", "small_numbers")
#: Footer lines the slide already states in its own words (the source line, the change chip).
SAID_ON_SLIDE = ("source", "change")


def _plain(text: str | None) -> str:
    """Annotation text as one plain line: Plotly's ``<br>`` breaks and tags removed."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", text or "")).strip()


def footnotes(fig: go.Figure) -> list[str]:
    """What the figure's footer says about its marks (estimates, provisional periods, small numbers),
    as plain sentences, leaving out the source and the change since baseline the slide shows itself."""
    return [_plain(a.text) for a in fig.layout.annotations or ()
            if a.name in FOOTER_NAMES and a.name not in SAID_ON_SLIDE and _plain(a.text)]


def _bigger(size: float | None, minimum: float) -> float:
    return max(float(size or 0) * 1.5, minimum)


def _restyle_trace(trace: go.BaseTraceType) -> None:
    mode = getattr(trace, "mode", None) or ""
    line = getattr(trace, "line", None)
    # A zero-width line is a band's edge (the confidence interval): it stays invisible.
    if line is not None and "lines" in mode and (line.width is None or line.width > 0):
        trace.line.width = _bigger(line.width, MIN_LINE)
    marker = getattr(trace, "marker", None)
    if marker is not None and "markers" in mode:
        size = marker.size
        if isinstance(size, int | float) and size > 1:  # size 1: the carrier of an isolated error bar
            trace.marker.size = _bigger(size, MIN_MARKER)
        elif size is None:
            trace.marker.size = MIN_MARKER
    error = getattr(trace, "error_y", None)
    if error is not None and error.thickness is not None:
        trace.error_y.thickness = _bigger(error.thickness, 3)
        trace.error_y.width = _bigger(error.width, 12)


def projector_figure(figure: go.Figure, *, show_title: bool = False) -> go.Figure:
    """A copy of ``figure`` for a slide: all text ≥ ``CHART_FONT`` px, lines and markers thicker, the footer
    taken off (see ``footnotes``), the title left to the slide's heading unless ``show_title``, and the
    size left to its box (``autosize``, no fixed height)."""
    fig = go.Figure(figure)
    font = {"size": CHART_FONT}
    kept = [a for a in fig.layout.annotations or () if a.name not in FOOTER_NAMES]
    for annotation in kept:
        annotation.font.size = max(annotation.font.size or 0, CHART_FONT)
    fig.layout.annotations = kept
    for shape in fig.layout.shapes or ():
        if shape.line is not None and shape.line.width:
            shape.line.width = _bigger(shape.line.width, 3)
    for trace in fig.data:
        _restyle_trace(trace)
    title = fig.layout.title
    if show_title:
        fig.update_layout(title={"font": font, "subtitle": {"font": font}})
    else:
        fig.update_layout(title={"text": None, "subtitle": {"text": None}})
    fig.update_layout(
        font=font, hovermode=False, height=None, width=None, autosize=True,
        legend={"font": font, "orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
                "yref": "paper", "title": {"text": None}},
        margin={"l": 12, "r": 32, "t": 24 if not show_title else 24 + 2 * CHART_FONT * (1 + (title.text or "")
                                                                                          .count("<br>")),
                "b": 12, "autoexpand": True},
    )
    fig.update_xaxes(tickfont=font, title_font=font, automargin=True)
    fig.update_yaxes(tickfont=font, title_font=font, automargin=True)
    return fig


def smallest_font(fig: go.Figure) -> float:
    """The smallest text size the figure sets anywhere (layout, axes, legend, title, annotations), in px:
    what a slide's chart is checked against."""
    sizes = [fig.layout.font.size, fig.layout.legend.font.size]
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        sizes += [axis.tickfont.size, axis.title.font.size]
    if fig.layout.title.text:
        sizes.append(fig.layout.title.font.size)
    sizes += [a.font.size for a in fig.layout.annotations or ()]
    known = [float(s) for s in sizes if s is not None]
    return min(known) if known else 0.0
