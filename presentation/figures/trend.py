"""The trend chart: an area's values over time against England (and its region), with its baseline.

Periods are categories in ``period_start`` order (labels such as "2019-21" or "Q4 2021/22" are not
dates). Suppressed or missing periods are gaps (``None``), never zeros. The baseline period is
marked and labelled, the change since baseline is annotated in the same words as the summaries,
and provisional periods are shaded behind the data. Estimated values are open markers, and their hover
labels (like every value's) carry the word "estimate" and the note on the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from data_access.geography import ENGLAND
from presentation import theme
from presentation.figures._common import finish_figure, gap_values, suppressed_flags
from presentation.formatting import (
    axis_title,
    estimate_marker,
    format_change,
    format_interval,
    format_value,
    is_estimate,
    is_missing,
    shown_note,
)
from presentation.summaries import significance_phrase

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec


def period_order(series: pd.DataFrame) -> list[str]:
    """Period labels in time order (by ``period_start``), each once."""
    frame = series[["period", "period_start"]].dropna(subset=["period"]).copy()
    frame["_start"] = pd.to_datetime(frame["period_start"], errors="coerce")
    frame = frame.sort_values("_start", kind="stable").drop_duplicates("period")
    return frame["period"].astype(str).tolist()


def _aligned(rows: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    rows = rows.drop_duplicates("period")
    return rows.set_index(rows["period"].astype(str)).reindex(order)


def _hover(aligned: pd.DataFrame, spec: MetricSpec) -> list[str]:
    texts = []
    flags = suppressed_flags(aligned.reset_index(drop=True))
    for (period, row), flag in zip(aligned.iterrows(), flags, strict=True):
        if flag:
            texts.append(f"{period}: Suppressed")
            continue
        text = f"{period}: {format_value(row.get('value'), spec)}{estimate_marker(row)}"
        interval = format_interval(row.get("lower_ci"), row.get("upper_ci"), spec)
        if interval != "–":
            text += f"<br>{interval}"
        if not is_missing(row.get("provisional")) and bool(row.get("provisional")):
            text += "<br>Provisional"
        if shown_note(row):
            text += f"<br>Note: {shown_note(row)}"
        texts.append(text)
    return texts


def _line(aligned: pd.DataFrame, spec: MetricSpec, *, name: str, colour: str, dash: str, symbol: str,
          width: float) -> go.Scatter:
    flags = suppressed_flags(aligned.reset_index(drop=True))
    return go.Scatter(
        x=list(aligned.index), y=gap_values(aligned["value"], flags), name=name, mode="lines+markers",
        line={"color": colour, "dash": dash, "width": width},
        # An estimated value is drawn as an open marker (and says "estimate" in its hover label).
        marker={"symbol": [f"{symbol}-open" if is_estimate(row) else symbol for _, row in aligned.iterrows()],
                "size": 8, "color": colour},
        connectgaps=False, text=_hover(aligned, spec), hovertemplate="<b>" + name + "</b><br>%{text}<extra></extra>",
    )


def _runs(present: list[bool]) -> list[tuple[int, int]]:
    """Index ranges [start, stop) of consecutive True values."""
    runs, start = [], None
    for i, flag in enumerate([*present, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _ci_band(aligned: pd.DataFrame, level: str = "95") -> list[go.Scatter]:
    """The interval as a shaded band, one band per unbroken run of periods.

    A single band would be joined straight across a suppressed period (Plotly fills the polygon
    over the gap), implying an interval where there is no value; an isolated period gets an
    error bar instead.
    """
    flags = suppressed_flags(aligned.reset_index(drop=True))
    upper = gap_values(aligned["upper_ci"], flags) if "upper_ci" in aligned else [None] * len(aligned)
    lower = gap_values(aligned["lower_ci"], flags) if "lower_ci" in aligned else [None] * len(aligned)
    values = gap_values(aligned["value"], flags)
    x = list(aligned.index)
    name = f"{level}% confidence interval"
    common = {"mode": "lines", "line": {"width": 0}, "hoverinfo": "skip", "legendgroup": "ci", "connectgaps": False}
    traces: list[go.Scatter] = []
    present = [u is not None and lo is not None and v is not None for u, lo, v in zip(upper, lower, values,
                                                                                      strict=True)]
    runs = _runs(present)
    # The legend shows the first band; only when every run is a single period does an error bar carry it.
    legend_run = next((r for r in runs if r[1] - r[0] > 1), runs[0] if runs else None)
    for start, stop in runs:
        first = (start, stop) == legend_run
        if stop - start == 1:
            v = values[start]
            traces.append(go.Scatter(
                x=[x[start]], y=[v], mode="markers", name=name, legendgroup="ci", showlegend=first,
                hoverinfo="skip", marker={"size": 1, "color": theme.SELECTED},
                error_y={"type": "data", "array": [upper[start] - v], "arrayminus": [v - lower[start]],
                         "color": theme.SELECTED, "thickness": 1.5, "width": 6},
            ))
            continue
        traces.append(go.Scatter(x=x[start:stop], y=upper[start:stop], showlegend=False, name=f"{name} (upper)",
                                 **common))
        traces.append(go.Scatter(x=x[start:stop], y=lower[start:stop], fill="tonexty", fillcolor=theme.CI_BAND,
                                 name=name, showlegend=first, **common))
    return traces


def _mark_baseline(fig: go.Figure, spec: MetricSpec, summary: Mapping[str, Any], order: list[str]) -> None:
    periods = [p for p in spec.baseline_periods if p in order]
    value = summary.get("baseline_value")
    if spec.baseline_rule == "average" and len(periods) > 1:
        label = f"Baseline: average {periods[0]} to {periods[-1]}"
        x0, x1 = order.index(periods[0]) - 0.4, order.index(periods[-1]) + 0.4
        if is_missing(value):
            fig.add_shape(type="rect", x0=x0, x1=x1, yref="paper", y0=0, y1=1, line={"color": theme.BASELINE,
                          "dash": "dot"}, layer="below", name="baseline")
            fig.add_annotation(x=(x0 + x1) / 2, y=1, yref="paper", yanchor="top", text=label, showarrow=False,
                               name="baseline", font={"color": theme.TEXT, "size": 13})
            return
        fig.add_shape(type="line", x0=x0, x1=x1, y0=float(value), y1=float(value),
                      line={"color": theme.BASELINE, "width": 3}, name="baseline")
        fig.add_annotation(x=(x0 + x1) / 2, y=float(value), yanchor="bottom", text=label, showarrow=False,
                           name="baseline", font={"color": theme.TEXT, "size": 13}, bgcolor=theme.BACKGROUND)
        return
    period = summary.get("baseline_period")
    if period not in order:
        period = periods[0] if periods else None
    if period is None:
        return
    fig.add_shape(type="line", x0=period, x1=period, yref="paper", y0=0, y1=1,
                  line={"color": theme.BASELINE, "dash": "dot", "width": 2}, name="baseline")
    # Inside the plot's top edge, so the label never collides with the legend above the plot.
    fig.add_annotation(x=period, y=1, yref="paper", yanchor="top", xanchor="left", xshift=4,
                       text=f"Baseline {period}", showarrow=False, name="baseline",
                       font={"color": theme.TEXT, "size": 13}, bgcolor=theme.BACKGROUND)
    if not is_missing(value):
        fig.add_trace(go.Scatter(
            x=[period], y=[float(value)], mode="markers", name="Baseline value", showlegend=False,
            marker={"symbol": "diamond-open", "size": 14, "line": {"width": 2, "color": theme.BASELINE}},
            hovertemplate=f"Baseline {period}: {format_value(value, spec)}<extra></extra>",
        ))


def _annotate_change(fig: go.Figure, spec: MetricSpec, summary: Mapping[str, Any], order: list[str]) -> None:
    latest, value = summary.get("latest_period"), summary.get("latest_value")
    if latest not in order or is_missing(value) or is_missing(summary.get("baseline_value")):
        return
    if latest == summary.get("baseline_period"):
        return
    change = format_change(summary.get("change"), spec, change_pct=summary.get("change_pct"))
    words = significance_phrase(summary.get("significance"), capitalise=True)
    fig.add_annotation(
        x=latest, y=float(value), text=f"Change since baseline: {change}<br>{words}", showarrow=True,
        arrowhead=2, arrowcolor=theme.TEXT, ax=-40, ay=-56, xanchor="right", align="right",
        bgcolor=theme.BACKGROUND, bordercolor=theme.BORDER, borderpad=4, font={"size": 13, "color": theme.TEXT},
        name="change",
    )


def _shade_provisional(fig: go.Figure, series: pd.DataFrame, order: list[str]) -> None:
    if "provisional" not in series:
        return
    flags = series["provisional"].map(lambda v: False if is_missing(v) else bool(v))
    periods = [p for p in order if p in set(series.loc[flags, "period"].astype(str))]
    for period in periods:
        i = order.index(period)
        fig.add_shape(type="rect", x0=i - 0.5, x1=i + 0.5, yref="paper", y0=0, y1=1, fillcolor=theme.PROVISIONAL,
                      line={"width": 0}, layer="below", name="provisional")
    if periods:
        fig.add_annotation(x=periods[0], y=0, yref="paper", yanchor="bottom", xanchor="left", showarrow=False,
                           text="Provisional", font={"size": 12, "color": theme.SECONDARY_TEXT}, name="provisional")


def _mark_estimates(fig: go.Figure, aligned: pd.DataFrame) -> None:
    """A footnote naming the open markers, when the line has any estimated value."""
    if any(is_estimate(row) for _, row in aligned.iterrows()):
        fig.add_annotation(x=1, y=1, xref="paper", yref="paper", xanchor="right", yanchor="top", showarrow=False,
                           text="Open markers: estimates from members' published rates", name="estimate",
                           font={"size": 12, "color": theme.SECONDARY_TEXT}, bgcolor=theme.BACKGROUND)


def _mark_suppressed(fig: go.Figure, aligned: pd.DataFrame) -> None:
    for period, flag in zip(aligned.index, suppressed_flags(aligned.reset_index(drop=True)), strict=True):
        if flag:
            fig.add_annotation(x=period, y=0, yref="paper", yanchor="bottom", showarrow=False, text="Suppressed",
                               textangle=-90, font={"size": 12, "color": theme.SECONDARY_TEXT}, name="suppressed")


def trend_figure(
    series: pd.DataFrame,
    *,
    spec: MetricSpec,
    selected_code: str,
    baseline_summary: Mapping[str, Any] | None = None,
    ambition_text: str | None = None,
    title: str | None = None,
    source_line: str = "",
    height: int = 480,
) -> go.Figure:
    """The selected area's line with its CI band, England dashed, its region dotted, baseline and change.

    With ``selected_code`` = England (E92000001) this is the national chart: England is the main
    line and no comparator is drawn (see ``national.national_figure`` for the ambition line).
    """
    order = period_order(series)
    chosen = series[series["area_code"] == selected_code]
    area_name = str(chosen["area_name"].iloc[0]) if not chosen.empty else selected_code
    fig = go.Figure()
    _shade_provisional(fig, chosen, order)
    aligned = _aligned(chosen, order)
    if spec.has_interval:
        fig.add_traces(_ci_band(aligned))
    if selected_code != ENGLAND:
        regions = series[(series["area_type"] == "region") & (series["area_code"] != selected_code)]
        for code in regions["area_code"].unique()[:1]:
            rows = regions[regions["area_code"] == code]
            fig.add_trace(_line(_aligned(rows, order), spec, name=str(rows["area_name"].iloc[0]),
                                colour=theme.REGION, dash="dot", symbol="triangle-up", width=2))
        england = series[series["area_code"] == ENGLAND]
        if not england.empty:
            fig.add_trace(_line(_aligned(england, order), spec, name="England", colour=theme.ENGLAND, dash="dash",
                                symbol="square", width=2))
    if not chosen.empty:
        fig.add_trace(_line(aligned, spec, name=area_name, colour=theme.SELECTED, dash="solid", symbol="circle",
                            width=3))
        _mark_suppressed(fig, aligned)
        _mark_estimates(fig, aligned)
    if baseline_summary:
        _mark_baseline(fig, spec, baseline_summary, order)
        _annotate_change(fig, spec, baseline_summary, order)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, title_text=None,
                     tickangle=-45 if len(order) > 8 else 0)
    fig.update_yaxes(title_text=axis_title(spec), rangemode="tozero")
    fig.update_layout(hovermode="closest", meta={"selected_code": selected_code})
    return finish_figure(
        fig, title=title or f"{spec.name}: {area_name}", source_line=source_line, height=height,
        subtitle=f"Ambition: {ambition_text}" if ambition_text else None, legend_on_top=True,
        footer_offset=96 if len(order) > 8 else 48,
    )
