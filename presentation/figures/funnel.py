"""Funnel plot: each area's value against its denominator, inside 95% and 99.8% control limits.

For comparing many partnerships a funnel plot is fairer than a ranked bar chart: small areas are
noisy, and the limits show how far from the benchmark a value can fall by chance alone. Points
are drawn with the comparison's colour *and* marker shape, named in the legend with their glyph.

Partnership sizes span two orders of magnitude, so on a linear axis most points crowd into the
left fifth. The denominator axis is logarithmic when the largest plotted denominator is at least
``LOG_SPREAD`` times the smallest (the limits are smooth curves on either scale), linear otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.figures._common import finish_figure, wrap
from presentation.figures._narrow import narrow_text
from presentation.formatting import axis_title, format_count, format_value, is_missing

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

_LIMITS = (("95", "lower_95", "upper_95", theme.LIMIT_95, "dash"),
           ("99.8", "lower_998", "upper_998", theme.LIMIT_998, "dot"))
_ORDER = ("better", "lower", "similar", "worse", "higher", "not_compared")
#: A denominator spread (largest ÷ smallest) from which the x axis is logarithmic.
LOG_SPREAD = 10.0
AXIS_TITLE_CHARS = 34


def denominator_axis_type(denominators: pd.Series) -> str:
    """ "log" when the plotted denominators spread over at least ``LOG_SPREAD`` times, else "linear"."""
    known = pd.to_numeric(denominators, errors="coerce").dropna()
    known = known[known > 0]
    if len(known) < 2:
        return "linear"
    return "log" if known.max() / known.min() >= LOG_SPREAD else "linear"


def funnel_figure(
    points: pd.DataFrame,
    limits: pd.DataFrame,
    *,
    spec: MetricSpec,
    benchmark: Any,
    selected_code: str | None = None,
    title: str | None = None,
    source_line: str = "",
    denominator_label: str | None = None,
    group_codes: list[str] | tuple[str, ...] = (),
    group_label: str = "Similar partnerships",
) -> go.Figure:
    """Points (area_code, area_name, denominator, value, significance) over limits (denominator, lower_95,
    upper_95, lower_998, upper_998) and a benchmark line.

    ``significance`` uses the comparison words (better/similar/worse, higher/lower, not_compared);
    anything else is drawn as not compared. Points without a value or denominator cannot be
    placed and are counted in the subtitle instead of being drawn at 0. ``group_codes`` (e.g. the
    selected area's similar partnerships) are ringed, and named on hover.
    """
    fig = go.Figure()
    lims = limits.sort_values("denominator")
    for level, low, high, colour, dash in _LIMITS:
        for i, column in enumerate((high, low)):
            if column in lims:
                fig.add_trace(go.Scatter(
                    x=lims["denominator"].tolist(), y=lims[column].tolist(), mode="lines", hoverinfo="skip",
                    name=f"{level}% limits", legendgroup=level, showlegend=i == 0,
                    line={"color": colour, "dash": dash, "width": 1.5},
                ))
    if not is_missing(benchmark) and not lims.empty:
        fig.add_trace(go.Scatter(
            x=[lims["denominator"].min(), lims["denominator"].max()], y=[float(benchmark)] * 2, mode="lines",
            name=f"England {format_value(benchmark, spec, short=True)}", hoverinfo="skip",
            line={"color": theme.ENGLAND, "width": 2},
        ))
    placed = points[points["value"].map(lambda v: not is_missing(v))
                    & points["denominator"].map(lambda v: not is_missing(v))]
    significance = placed["significance"].where(placed["significance"].isin(_ORDER), "not_compared")
    for key in _ORDER:
        part = placed[significance == key]
        if part.empty:
            continue
        style = theme.comparison_style(key)
        fig.add_trace(go.Scatter(
            x=part["denominator"].astype(float).tolist(), y=part["value"].astype(float).tolist(), mode="markers",
            name=f"{style['symbol']} {style['text']}",
            marker={"symbol": style["marker"], "size": 10, "color": style["colour"],
                    "line": {"color": theme.TEXT, "width": 1}},
            text=[f"<b>{r.area_name}</b><br>{format_value(r.value, spec)}<br>Denominator {format_count(r.denominator)}"
                  f"<br>{style['text']}" for r in part.itertuples()],
            hovertemplate="%{text}<extra></extra>",
        ))
    group = placed[placed["area_code"].isin(list(group_codes)) & (placed["area_code"] != selected_code)]
    if not group.empty:
        fig.add_trace(go.Scatter(
            x=group["denominator"].astype(float).tolist(), y=group["value"].astype(float).tolist(),
            # Ringed, named on hover and in the summary: five labels crowd a phone-width plot and run off its edge.
            mode="markers", text=group["area_name"].astype(str).tolist(), name=group_label,
            hovertemplate="%{text} (" + group_label.lower() + ")<extra></extra>",
            marker={"symbol": "diamond-open", "size": 18, "color": theme.SELECTED_OUTLINE, "line": {"width": 2}},
        ))
    chosen = placed[placed["area_code"] == selected_code]
    if not chosen.empty:
        row = chosen.iloc[0]
        fig.add_trace(go.Scatter(
            x=[float(row["denominator"])], y=[float(row["value"])], mode="markers+text", text=[str(row["area_name"])],
            textposition="top center", name=f"{row['area_name']} (selected)", hoverinfo="skip",
            textfont={"color": theme.TEXT, "size": 14},
            marker={"symbol": "circle-open", "size": 22, "color": theme.SELECTED_OUTLINE, "line": {"width": 3}},
        ))
    dropped = len(points) - len(placed)
    subtitle = f"{dropped} area{'s' if dropped != 1 else ''} not shown (suppressed or no data)" if dropped else None
    axis_type = denominator_axis_type(placed["denominator"])
    if axis_type == "log":
        span = placed["denominator"].astype(float)
        fig.update_xaxes(type="log", range=[np.log10(span.min() / 1.3), np.log10(span.max() * 1.3)], dtick="D2")
    else:
        fig.update_xaxes(rangemode="tozero")
    scale = " (logarithmic scale)" if axis_type == "log" else ""
    # Wrapped, so a long title fits under a phone-width chart.
    fig.update_xaxes(title_text=wrap((denominator_label or "Denominator") + scale, AXIS_TITLE_CHARS))
    fig.update_yaxes(title_text=axis_title(spec))
    fig.update_layout(hovermode="closest")
    entries = sum(1 for t in fig.data if t.showlegend is not False)
    fig = finish_figure(fig, title=title or f"{spec.name}: funnel plot", source_line=source_line, height=640,
                        footer_offset=72, subtitle=subtitle, legend_on_top=True, legend_rows=-(-entries // 3))
    return narrow_text(fig, footer_offset=72)
