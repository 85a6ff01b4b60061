"""What every figure shares: the export config, the title and source/date footer, gap-aware values.

Every builder finishes through ``finish_figure`` so a PNG export from the mode bar carries the
title, the source and the "data up to" line (image files leave the page and its captions behind).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.formatting import is_missing

EXPORT_WIDTH = 1200
EXPORT_HEIGHT = 675
# Plotly does not wrap text: titles, subtitles and source lines are broken at these widths
# (characters) so they fit a phone-width chart as well as a 1200 px export.
TITLE_WRAP = 45
SUBTITLE_WRAP = 70
SOURCE_WRAP = 80
#: Footnotes under a chart (what a mark means, the change since baseline) stay visible on a phone, where
#: the card hides the source (it says it in HTML), so they are broken to fit a 320 px wide chart: about 44
#: characters of 12 px text fit beside its y axis.
NOTE_WRAP = 42
#: Height of one line of footer text (12 px font) and the room kept under the last line.
FOOTER_LINE = 16
FOOTER_PAD = 12
#: The bottom room (below ``footer_offset``) a figure's ``height`` already allows for: two lines of source.
FOOTER_ROOM = 2 * FOOTER_LINE + FOOTER_PAD

_REMOVED_BUTTONS = [
    "select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "hoverClosestCartesian",
    "hoverCompareCartesian", "zoomIn2d", "zoomOut2d",
]


def export_filename(*parts: Any) -> str:
    """A safe, meaningful file stem: ("drug_misuse_deaths", "Cleveland", "2019-21") ->
    "drug_misuse_deaths_cleveland_2019-21". Slashes in periods become hyphens."""
    words = []
    for part in parts:
        if part is None or str(part).strip() == "":
            continue
        text = str(part).lower().replace("/", "-").replace("&", "and")
        text = re.sub(r"[^a-z0-9-]+", "_", text).strip("_-")
        if text:
            words.append(text)
    return "_".join(words) or "chart"


def chart_config(filename: str, title: str) -> dict[str, Any]:
    """The ``dcc.Graph`` ``config``: a fixed-size 2x PNG export with a meaningful file name, trimmed mode bar.

    ``title`` names the file when ``filename`` is empty, so an export is never called "newplot".
    """
    stem = export_filename(filename) if filename.strip() else export_filename(title)
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": list(_REMOVED_BUTTONS),
        "toImageButtonOptions": {
            "format": "png",
            "filename": stem,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
            "scale": 2,
        },
    }


def static_config() -> dict[str, Any]:
    """Config for decorative charts (sparklines): no interaction, no mode bar."""
    return {"staticPlot": True, "displayModeBar": False, "responsive": True}


def finish_figure(
    fig: go.Figure,
    *,
    title: str,
    source_line: str,
    height: int | None = None,
    subtitle: str | None = None,
    footer_offset: int = 48,
    legend_on_top: bool = False,
    legend_rows: int = 1,
    notes: Sequence[tuple[str, str]] = (),
) -> go.Figure:
    """Apply the template, the (wrapped) title, an optional subtitle, footnotes and the source/date footer.

    The title block is pinned to the top of the figure and the top margin sized to hold it (and a
    horizontal legend of ``legend_rows`` rows under it when ``legend_on_top``), so nothing overlaps.
    The footer sits ``footer_offset`` px below the plotting area (beneath the tick labels): first the
    ``notes`` (``(name, text)`` pairs: what a mark means, the change since baseline), then the source.
    The bottom margin is sized from the wrapped lines, so a long source is never cut off.
    """
    title_text = wrap(title, TITLE_WRAP)
    title_spec: dict[str, Any] = {"text": title_text, "y": 1, "yref": "container", "yanchor": "top",
                                  "pad": {"t": 12}}
    top = 24 + 26 * (title_text.count("<br>") + 1)
    if subtitle:
        subtitle_text = wrap(subtitle, SUBTITLE_WRAP)
        title_spec["subtitle"] = {"text": subtitle_text, "font": {"size": 14, "color": theme.SECONDARY_TEXT}}
        top += 8 + 19 * (subtitle_text.count("<br>") + 1)
    if legend_on_top:
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                                  "yref": "paper"})
        top += 32 * legend_rows + 4
    below = footer_offset
    footnotes = []
    for name, text in notes:
        wrapped = wrap(text, NOTE_WRAP)
        footnotes.append(_footer_line(wrapped, name, below))
        below += FOOTER_LINE * (wrapped.count("<br>") + 1) + 4
    source_text = wrap(source_line, SOURCE_WRAP)
    lines = source_text.count("<br>") + 1 if source_text else 0
    bottom = below + FOOTER_LINE * max(lines, 1) + FOOTER_PAD
    fig.update_layout(template=theme.TEMPLATE_NAME, title=title_spec,
                      margin={"l": 12, "r": 24, "t": top, "b": bottom})
    if height is not None:
        # The plot keeps its height: footer lines beyond the usual two lines of source are added below it.
        fig.update_layout(height=height + max(0, bottom - (footer_offset + FOOTER_ROOM)))
    # Always present (possibly empty) and always first, so a Patch can address annotations[0].
    source = _footer_line(source_text, "source", below)
    fig.layout.annotations = (source, *fig.layout.annotations, *footnotes)
    return fig


def _footer_line(text: str, name: str, offset: int) -> go.layout.Annotation:
    """One block of footer text, ``offset`` px below the plotting area, left-aligned with the figure."""
    return go.layout.Annotation(
        text=text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-offset,
        showarrow=False, align="left", font={"size": 12, "color": theme.SECONDARY_TEXT}, name=name,
    )


def gap_values(values: Iterable[Any], suppressed: Iterable[Any] | None = None) -> list[float | None]:
    """Numbers with ``None`` wherever a value is missing or suppressed, so lines break (never drop to 0)."""
    values = list(values)
    flags = list(suppressed) if suppressed is not None else [False] * len(values)
    return [None if (bool(flag) if not is_missing(flag) else False) or is_missing(v) else float(v)
            for v, flag in zip(values, flags, strict=True)]


def suppressed_flags(frame: pd.DataFrame) -> list[bool]:
    """The ``suppressed`` column as plain bools (absent or NA counts as not suppressed)."""
    if "suppressed" not in frame:
        return [False] * len(frame)
    return [False if is_missing(v) else bool(v) for v in frame["suppressed"]]


def wrap(text: str, width: int = 90) -> str:
    """Break long annotation text into ``<br>``-separated lines (Plotly does not wrap)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)
