"""Compare areas: every area's value as a horizontal bar with its interval, against England.

Bars are sorted from highest to lowest and coloured by the comparison with England; each area's
label also carries the comparison glyph (✓ ≈ ✗ …) so the chart reads without colour. Suppressed and
missing areas are listed at the end with the words "Suppressed" / "No data" and no bar.

Each bar's value and interval are printed in a column at its right (past the widest whisker, so
the numbers never sit on a bar or a whisker), England is a dashed line named in the legend (a label
on the plot would cover the top bar), and a long chart repeats its value axis along the top so
the scale is in view wherever the reader is.

On a phone the names' column and the value column would leave the bars a few dozen pixels, and cut
the values off at the right edge. So the figure also carries its narrow form in ``layout.meta``
(``narrow_form``): names shortened (the full name stays in the hover label and the table) and the value
column printing the value alone (its interval is drawn as the whisker and kept in the hover label and
the table), in a right margin sized to those values. ``assets/narrow_charts.js`` applies it to a chart
drawn narrower than ``NARROW_BELOW`` pixels and takes it back off should the chart widen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.figures._categories import NO_DATA, hover_text
from presentation.figures._common import finish_figure, suppressed_flags, wrap
from presentation.figures._narrow import SUBTITLE_CHARS, narrow_text
from presentation.formatting import SUPPRESSED, axis_title, format_value, is_missing

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

ROW_HEIGHT = 22
#: Labels wrapped over several lines (names on narrow screens) need this much height per line.
LINE_HEIGHT = 16
#: More rows than this and the value axis is repeated along the top.
TOP_AXIS_ROWS = 12
MIN_PLOT_HEIGHT = 140
TOP_AXIS_SPACE = 56
#: Room at the right for the printed values and intervals ("18.1 (15.1–21.4)").
VALUES_MARGIN = 112
#: Charts drawn narrower than this (CSS px) take their narrow form.
NARROW_BELOW = 500
#: A name longer than this is shortened with "…" in the narrow form.
NARROW_NAME_CHARS = 16
#: Pixels per character of the printed values (12 px type) and the room around them, in the narrow form.
VALUE_CHAR_PX = 7
VALUE_PAD_PX = 14
_CATEGORY_ORDER = ("better", "lower", "similar", "worse", "higher", "not_compared")


def compare_order(area_values: pd.DataFrame) -> pd.DataFrame:
    """Rows in chart order (top first): valued areas by value, highest first; then suppressed; then no data."""
    frame = area_values
    if "area_type" in frame:
        frame = frame[~frame["area_type"].isin(["country", "region"])]
    frame = frame.reset_index(drop=True).assign(_suppressed=suppressed_flags(frame.reset_index(drop=True)))
    frame["_value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame["_state"] = [2 if s else (3 if is_missing(v) else 1) for s, v in zip(frame["_suppressed"], frame["_value"],
                                                                               strict=True)]
    frame["_sort_value"] = -frame["_value"].fillna(0)
    known = frame["comparison"] if "comparison" in frame else pd.Series(None, index=frame.index, dtype=object)
    frame["_comparison"] = known.where(known.isin(_CATEGORY_ORDER), "not_compared")
    return frame.sort_values(["_state", "_sort_value", "area_name"], kind="stable").reset_index(drop=True)


def _error(rows: pd.DataFrame, spec: MetricSpec) -> dict[str, Any] | None:
    if not spec.has_interval or "upper_ci" not in rows or rows[["lower_ci", "upper_ci"]].isna().all().all():
        return None
    upper = [None if is_missing(u) else float(u) - v for u, v in zip(rows["upper_ci"], rows["_value"], strict=True)]
    lower = [None if is_missing(lo) else v - float(lo) for lo, v in zip(rows["lower_ci"], rows["_value"],
                                                                         strict=True)]
    return {"type": "data", "array": upper, "arrayminus": lower, "color": theme.TEXT, "thickness": 1.5, "width": 3}


def interval_text(row: pd.Series, spec: MetricSpec) -> str:
    """ "5.5 (4.8–6.2)": the value and, when it has one, its interval, as printed beside the bar."""
    if row["_state"] != 1:
        return ""
    text = format_value(row["_value"], spec, short=True)
    low, high = row.get("lower_ci"), row.get("upper_ci")
    if spec.has_interval and not is_missing(low) and not is_missing(high):
        text += f" ({format_value(low, spec, short=True)}–{format_value(high, spec, short=True)})"
    return text


def _label(name: str, glyph: str, width: int | None) -> str:
    """The y-axis label: the name (wrapped at ``width`` characters when given) and the comparison glyph."""
    text = wrap(name, width) if width else name
    return f"{text} {glyph}".rstrip()


def _value_axes(fig: go.Figure, rows: pd.DataFrame, spec: MetricSpec, codes: list[str], top_axis: bool) -> None:
    """The right-hand column of values and intervals and, for a long chart, the value axis along the top.

    The values are a text trace placed just past the widest whisker and drawn outside the plotting
    area (the right margin holds them). A long chart's value axis moves to the top, with its tick
    marks repeated along the bottom.
    """
    valued = rows["_state"] == 1
    ends = pd.concat([rows["_value"], pd.to_numeric(rows.get("upper_ci"), errors="coerce")], axis=1).max(axis=1)
    right = float(ends[valued].max()) if valued.any() else 1.0
    right = right if right > 0 else 1.0
    fig.add_trace(go.Scatter(
        x=[right * 1.03] * int(valued.sum()), y=[c for c, v in zip(codes, valued, strict=True) if v], mode="text",
        text=[interval_text(r, spec) for _, r in rows[valued].iterrows()], textposition="middle right",
        textfont={"size": 12, "color": theme.TEXT}, cliponaxis=False, hoverinfo="skip", showlegend=False,
        name="values"))
    fig.update_xaxes(range=[0, right * 1.03])
    if top_axis:  # a long chart's scale is read from the top, where the reader starts
        fig.update_xaxes(side="top", ticks="outside", mirror="allticks", showline=True)


def _short_name(name: str) -> str:
    return name if len(name) <= NARROW_NAME_CHARS else name[:NARROW_NAME_CHARS - 1].rstrip() + "…"


def narrow_form(fig: go.Figure, rows: pd.DataFrame, spec: MetricSpec, labels: list[str],
                selected_code: str | None, level: str = "95") -> dict[str, Any]:
    """The figure's narrow form and the wide one to go back to, as ``assets/narrow_charts.js`` applies them:
    ``layout`` (relayout keys) and, for the value column (trace ``trace``), its ``text``."""
    trace = next(i for i, t in enumerate(fig.data) if t.name == "values")
    valued = rows[rows["_state"] == 1]
    values = [format_value(v, spec, short=True) for v in valued["_value"]]
    glyphs = [theme.comparison_style(k)["symbol"] if state == 1 else "" for k, state in
              zip(rows["_comparison"], rows["_state"], strict=True)]
    short = [_label(_short_name(str(n)), g, None) for n, g in zip(rows["area_name"], glyphs, strict=True)]
    short = [f"<b>{t}</b>" if c == selected_code else t for c, t in zip(rows["area_code"].astype(str), short,
                                                                          strict=True)]
    margin = VALUE_PAD_PX + VALUE_CHAR_PX * max((len(v) for v in values), default=1)
    narrow: dict[str, Any] = {"margin.r": margin, "yaxis.ticktext": short}
    wide: dict[str, Any] = {"margin.r": VALUES_MARGIN, "yaxis.ticktext": labels}
    subtitle = fig.layout.title.subtitle.text
    if subtitle and spec.has_interval:  # the subtitle says what the column prints, in no more lines
        said = wrap(f"Values printed on the right; whiskers: {level}% confidence intervals; dashed line: England",
                    SUBTITLE_CHARS)
        if said.count("<br>") <= subtitle.count("<br>"):
            narrow["title.subtitle.text"], wide["title.subtitle.text"] = said, subtitle
    return {"below": NARROW_BELOW, "trace": trace, "narrow": {"layout": narrow, "text": values},
            "wide": {"layout": wide, "text": list(fig.data[trace].text)}}


def compare_figure(
    area_values: pd.DataFrame,
    *,
    spec: MetricSpec,
    england_value: Any,
    selected_code: str | None = None,
    title: str | None = None,
    source_line: str = "",
    level: str = "95",
    label_width: int | None = None,
) -> go.Figure:
    """Sorted horizontal bars with ``level``% intervals, an England line and the selected area highlighted.

    The y axis is keyed by area code (names can repeat across boundary sets) and labelled with
    names; the selected area's label is bold and its bar outlined and starred. ``label_width``
    wraps names at that many characters, so the bars keep their width on a phone.
    """
    rows = compare_order(area_values)
    valued = rows[rows["_state"] == 1]
    fig = go.Figure()
    for key in _CATEGORY_ORDER:
        part = valued[valued["_comparison"] == key]
        if part.empty:
            continue
        style = theme.comparison_style(key)
        selected = [code == selected_code for code in part["area_code"]]
        outline = {"color": [theme.SELECTED_OUTLINE if s else theme.NOT_COMPARED_OUTLINE for s in selected],
                   "width": [3 if s else 0.5 for s in selected]}
        fig.add_trace(go.Bar(
            orientation="h", x=part["_value"].tolist(), y=part["area_code"].astype(str).tolist(),
            name=f"{style['symbol']} {style['text']}", error_x=_error(part, spec),
            marker={"color": style["colour"], "line": outline},
            hovertext=[hover_text(r, spec, suppressed=False) for _, r in part.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))
    gaps = rows[rows["_state"] > 1]
    if not gaps.empty:
        fig.add_trace(go.Scatter(
            x=[0] * len(gaps), y=gaps["area_code"].astype(str).tolist(), mode="text", name="Suppressed or no data",
            text=[SUPPRESSED if s == 2 else NO_DATA for s in gaps["_state"]], textposition="middle right",
            textfont={"color": theme.SECONDARY_TEXT, "size": 13}, hoverinfo="skip", showlegend=False,
        ))
    chosen = valued[valued["area_code"] == selected_code]
    if not chosen.empty:
        fig.add_trace(go.Scatter(
            x=chosen["_value"].tolist(), y=chosen["area_code"].astype(str).tolist(), mode="markers",
            name=f"{chosen['area_name'].iloc[0]} (selected)", hoverinfo="skip",
            marker={"symbol": "star", "size": 16, "color": theme.SELECTED_OUTLINE,
                    "line": {"color": theme.BACKGROUND, "width": 1}},
        ))
    if not is_missing(england_value):
        # Named in the legend, not on the plot, where a label would cover the top bar.
        line = {"color": theme.ENGLAND, "dash": "dash", "width": 2}
        fig.add_vline(x=float(england_value), line=line)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line, hoverinfo="skip", legendrank=1,
                                 name=f"England {format_value(england_value, spec, short=True)}"))
    codes = rows["area_code"].astype(str).tolist()
    # The comparison glyph follows each name, so the ranking reads without colour.
    glyphs = [theme.comparison_style(k)["symbol"] if state == 1 else "" for k, state in
              zip(rows["_comparison"], rows["_state"], strict=True)]
    labels = [_label(n, g, label_width) for n, g in zip(rows["area_name"], glyphs, strict=True)]
    labels = [f"<b>{text}</b>" if c == selected_code else text for c, text in zip(codes, labels, strict=True)]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=codes, tickvals=codes, ticktext=labels,
                     title_text=None, tickfont={"size": 13},
                     # Top row first, as a fixed range: text traces pad an automatic one, which left a band
                     # of empty rows above the bars.
                     range=[len(codes) - 0.5, -0.5], autorange=False)
    fig.update_xaxes(title_text=axis_title(spec), rangemode="tozero")
    top_axis = len(rows) > TOP_AXIS_ROWS
    _value_axes(fig, rows, spec, codes, top_axis)
    fig.update_layout(barmode="overlay", bargap=0.25, hovermode="closest", showlegend=True)
    periods = rows["period"].dropna().unique().tolist() if "period" in rows else []
    default_title = f"{spec.name}, {periods[0]}" if len(periods) == 1 else spec.name
    lines = max((t.count("<br>") + 1 for t in labels), default=1)
    row_height = ROW_HEIGHT if lines == 1 else LINE_HEIGHT * lines + 8
    legend_rows = -(-sum(1 for t in fig.data if t.showlegend is not False) // 3)
    fig = finish_figure(fig, title=title or default_title, source_line=source_line,
                        legend_on_top=True,
                        footer_offset=72, legend_rows=legend_rows,
                        subtitle=f"Bars show values with {level}% confidence intervals (printed on the right); "
                        "dashed line: England" if spec.has_interval else "Values printed on the right; dashed line: England")
    fig = narrow_text(fig, footer_offset=72)
    fig.update_layout(margin={"r": VALUES_MARGIN},
                      meta={"narrow_form": narrow_form(fig, rows, spec, labels, selected_code, level)})
    if top_axis:  # room for the top axis's numbers and title between the legend and the bars
        fig.update_layout(margin={"t": fig.layout.margin.t + TOP_AXIS_SPACE})
    # The bars get their rows whatever the title, legend and footer above and below them take.
    plot = max(MIN_PLOT_HEIGHT, row_height * len(rows))
    fig.update_layout(height=plot + fig.layout.margin.t + fig.layout.margin.b,
                      legend={"y": 1 + (TOP_AXIS_SPACE / plot if top_axis else 0), "yanchor": "bottom"})
    return fig
