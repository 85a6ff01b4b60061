"""Ranked rows: each area's name on its own line above a full-width bar, its value and interval at the right.

The compare-areas chart (``compare.compare_figure``) keeps names in a column at the left, which on
a 375 px phone leaves the bars about 80 px. Here each row is a name line over a bar that runs the
whole width of the plot, so the bars read the same on a phone as on a desktop. Everything else is
the compare chart's: the order (``compare_order``), comparison colours and glyphs, intervals, the
value column, England as a dashed line named in the legend, and the axis along the top of a long chart.

Rows sit on a numeric axis (row ``i`` spans ``i - 0.5`` to ``i + 0.5``, top first), so the name and
the bar can share a row; the area codes travel in the names trace's ``customdata``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.figures._categories import hover_text
from presentation.figures._common import finish_figure, wrap
from presentation.figures._narrow import narrow_text
from presentation.figures.compare import _CATEGORY_ORDER, _error, compare_order, interval_text
from presentation.formatting import SUPPRESSED, axis_title, format_value, is_missing

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

ROW_HEIGHT = 34
#: Where in its row the name line and the bar sit (in rows, from the row's centre).
NAME_AT, BAR_AT, BAR_WIDTH = -0.2, 0.17, 0.44
TOP_AXIS_ROWS = 12
TOP_AXIS_TICKS = 34
AXIS_TITLE_LINE = 19
VALUES_MARGIN = 112
FOOTER = 72
#: The value axis's title wraps to fit over a phone-width plot.
AXIS_TITLE_CHARS = 24


def _bars(fig: go.Figure, rows: pd.DataFrame, spec: MetricSpec, selected_code: str | None) -> None:
    valued = rows[rows["_state"] == 1]
    for key in _CATEGORY_ORDER:
        part = valued[valued["_comparison"] == key]
        if part.empty:
            continue
        style = theme.comparison_style(key)
        selected = [code == selected_code for code in part["area_code"]]
        fig.add_trace(go.Bar(
            orientation="h", x=part["_value"].tolist(), y=[i + BAR_AT for i in part.index], width=BAR_WIDTH,
            name=f"{style['symbol']} {style['text']}", error_x=_error(part, spec),
            marker={"color": style["colour"],
                    "line": {"color": [theme.SELECTED_OUTLINE if s else theme.NOT_COMPARED_OUTLINE for s in selected],
                             "width": [3 if s else 0.5 for s in selected]}},
            hovertext=[hover_text(r, spec, suppressed=False) for _, r in part.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
        ))


def _texts(fig: go.Figure, rows: pd.DataFrame, spec: MetricSpec, selected_code: str | None, right: float) -> None:
    """The name lines, the words for gaps, and the value column."""
    glyphs = [theme.comparison_style(k)["symbol"] if s == 1 else "" for k, s in zip(rows["_comparison"], rows["_state"],
                                                                                      strict=True)]
    names = [f"{n} {g}".rstrip() for n, g in zip(rows["area_name"], glyphs, strict=True)]
    fig.add_trace(go.Scatter(
        x=[0] * len(rows), y=[i + NAME_AT for i in rows.index], mode="text", name="names", showlegend=False,
        text=[f"<b>{t}</b>" if c == selected_code else t for c, t in zip(rows["area_code"], names, strict=True)],
        customdata=rows["area_code"].astype(str).tolist(), textposition="middle right", cliponaxis=False,
        textfont={"size": 13, "color": theme.TEXT}, hoverinfo="skip"))
    gaps = rows[rows["_state"] > 1]
    if not gaps.empty:
        fig.add_trace(go.Scatter(
            x=[0] * len(gaps), y=[i + BAR_AT for i in gaps.index], mode="text", name="Suppressed or no data",
            text=[SUPPRESSED if s == 2 else "No data" for s in gaps["_state"]], textposition="middle right",
            textfont={"size": 12, "color": theme.SECONDARY_TEXT}, hoverinfo="skip", showlegend=False))
    valued = rows[rows["_state"] == 1]
    fig.add_trace(go.Scatter(
        x=[right] * len(valued), y=[i + BAR_AT for i in valued.index], mode="text", name="values",
        text=[interval_text(r, spec) for _, r in valued.iterrows()], textposition="middle right", cliponaxis=False,
        textfont={"size": 12, "color": theme.TEXT}, hoverinfo="skip", showlegend=False))


def ranked_figure(area_values: pd.DataFrame, *, spec: MetricSpec, england_value: Any, selected_code: str | None = None,
                  title: str, source_line: str = "", level: str = "95") -> go.Figure:
    """Ranked rows (highest first, then suppressed, then no data) with intervals, England and the selected area."""
    rows = compare_order(area_values)
    fig = go.Figure()
    _bars(fig, rows, spec, selected_code)
    valued = rows[rows["_state"] == 1]
    ends = pd.concat([valued["_value"], pd.to_numeric(valued.get("upper_ci"), errors="coerce")], axis=1).max(axis=1)
    right = float(ends.max()) * 1.03 if len(valued) and ends.max() > 0 else 1.0
    _texts(fig, rows, spec, selected_code, right)
    chosen = valued[valued["area_code"] == selected_code]
    if not chosen.empty:
        fig.add_trace(go.Scatter(
            x=chosen["_value"].tolist(), y=[i + BAR_AT for i in chosen.index], mode="markers", hoverinfo="skip",
            name=f"{chosen['area_name'].iloc[0]} (selected)",
            marker={"symbol": "star", "size": 15, "color": theme.SELECTED_OUTLINE,
                    "line": {"color": theme.BACKGROUND, "width": 1}}))
    if not is_missing(england_value):
        line = {"color": theme.ENGLAND, "dash": "dash", "width": 2}
        fig.add_vline(x=float(england_value), line=line)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line, hoverinfo="skip", legendrank=1,
                                 name=f"England {format_value(england_value, spec, short=True)}"))
    n = max(len(rows), 1)
    fig.update_yaxes(range=[n - 0.5, -0.5], autorange=False, showticklabels=False, showgrid=False, zeroline=False,
                     title_text=None)
    top_axis = len(rows) > TOP_AXIS_ROWS
    axis_text = wrap(axis_title(spec), AXIS_TITLE_CHARS)
    # The top axis's numbers and its title sit between the legend and the first row.
    top_space = TOP_AXIS_TICKS + AXIS_TITLE_LINE * (axis_text.count("<br>") + 1) if top_axis else 0
    fig.update_xaxes(title_text=axis_text, range=[0, right], **(
        {"side": "top", "ticks": "outside", "mirror": "allticks", "showline": True} if top_axis else {}))
    fig.update_layout(barmode="overlay", hovermode="closest", showlegend=True)
    legend_rows = -(-sum(1 for t in fig.data if t.showlegend is not False) // 3)
    fig = finish_figure(fig, title=title, source_line=source_line, legend_on_top=True, footer_offset=FOOTER,
                        legend_rows=legend_rows,
                        subtitle=f"Bars show values with {level}% confidence intervals (printed on the right); "
                        "dashed line: England" if spec.has_interval else "Values printed on the right; dashed line: England")
    fig = narrow_text(fig, footer_offset=FOOTER)
    fig.update_layout(margin={"l": 12, "r": VALUES_MARGIN, "t": fig.layout.margin.t + top_space})
    plot = ROW_HEIGHT * n
    fig.update_layout(height=plot + fig.layout.margin.t + fig.layout.margin.b,
                      legend={"y": 1 + top_space / plot, "yanchor": "bottom"})
    return fig
