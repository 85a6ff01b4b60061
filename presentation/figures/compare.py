"""Compare areas: every area's value as a horizontal bar with its interval, against England.

Bars are sorted from highest to lowest and coloured by the comparison with England; each area's
label also carries the comparison glyph (✓ ≈ ✗ …) so the chart reads without colour. Suppressed and
missing areas are listed at the end with the words "Suppressed" / "No data" and no bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.figures._categories import NO_DATA, hover_text
from presentation.figures._common import finish_figure, suppressed_flags
from presentation.formatting import SUPPRESSED, axis_title, format_value, is_missing

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

ROW_HEIGHT = 22
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


def compare_figure(
    area_values: pd.DataFrame,
    *,
    spec: MetricSpec,
    england_value: Any,
    selected_code: str | None = None,
    title: str | None = None,
    source_line: str = "",
    level: str = "95",
) -> go.Figure:
    """Sorted horizontal bars with ``level``% intervals, an England line and the selected area highlighted.

    The y axis is keyed by area code (names can repeat across boundary sets) and labelled with
    names; the selected area's label is bold and its bar outlined and starred.
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
        # Labelled inside the plot (top) so it never collides with the legend above it.
        fig.add_vline(x=float(england_value), line={"color": theme.ENGLAND, "dash": "dash", "width": 2})
        fig.add_annotation(x=float(england_value), y=1, yref="paper", yanchor="top", xanchor="left", xshift=4,
                           text=f"England {format_value(england_value, spec, short=True)}", showarrow=False,
                           font={"size": 13, "color": theme.TEXT}, bgcolor=theme.BACKGROUND, name="england")
    codes = rows["area_code"].astype(str).tolist()
    # The comparison glyph follows each name, so the ranking reads without colour.
    glyphs = [theme.comparison_style(k)["symbol"] if state == 1 else "" for k, state in
              zip(rows["_comparison"], rows["_state"], strict=True)]
    labels = [f"<b>{n} {g}</b>" if c == selected_code else f"{n} {g}".rstrip()
              for c, n, g in zip(codes, rows["area_name"], glyphs, strict=True)]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=codes, tickvals=codes, ticktext=labels,
                     autorange="reversed", title_text=None, tickfont={"size": 13})
    fig.update_xaxes(title_text=axis_title(spec), rangemode="tozero")
    fig.update_layout(barmode="overlay", bargap=0.25, hovermode="closest", showlegend=True)
    periods = rows["period"].dropna().unique().tolist() if "period" in rows else []
    default_title = f"{spec.name}, {periods[0]}" if len(periods) == 1 else spec.name
    return finish_figure(fig, title=title or default_title, source_line=source_line,
                         height=max(360, ROW_HEIGHT * len(rows) + 240), legend_on_top=True, footer_offset=72,
                         legend_rows=-(-sum(1 for t in fig.data if t.showlegend is not False) // 4),
                         subtitle=f"Bars show values with {level}% confidence intervals; dashed line: England"
                         if spec.has_interval else "Dashed line: England")
