"""The trend chart: an area's values over time against England (and its region), with its baseline.

Periods sit on a date axis at the middle of the dates they cover, labelled in the publisher's
wording (``timeline``), so uneven gaps between estimates look uneven. Suppressed, missing, skipped
or small-number periods are gaps (``None``), never zeros, and every gap of the area's line says why
(``gaps``). The baseline period is marked and labelled in headroom above the data, the change since
baseline is a line under the chart in the same words as the summaries, and provisional periods are
shaded behind the data (``trend_marks``). Estimated values are open markers, and their hover labels
(like every value's) carry the word "estimate" and the note on the value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from data_access.geography import ENGLAND
from presentation import theme
from presentation.figures._common import finish_figure, gap_values
from presentation.figures.gaps import FEWER_THAN_10, SMALL_NUMBERS_NOTE, hidden_flags, line_gaps, small_count_flags
from presentation.figures.timeline import PeriodSlot, axis_range, period_slots, tick_positions
from presentation.figures.trend_marks import (
    GAPS_NOTE,
    change_line,
    headroom,
    mark_baseline,
    mark_gaps,
    shade_provisional,
)
from presentation.formatting import (
    SUPPRESSED,
    axis_title,
    estimate_marker,
    format_interval,
    format_value,
    is_estimate,
    is_missing,
    shown_note,
)

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

ESTIMATES_NOTE = "Open markers: estimates from members' published rates."
PROVISIONAL_NOTE = "Shaded: provisional figures, which may be revised."


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
    small = small_count_flags(aligned, spec)
    for (period, row), tiny in zip(aligned.iterrows(), small, strict=True):
        if not is_missing(row.get("suppressed")) and bool(row.get("suppressed")):
            texts.append(f"{period}: {SUPPRESSED}")
            continue
        if tiny:
            texts.append(f"{period}: not shown ({FEWER_THAN_10.lower()})")
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


def _with_breaks(x: list[Any], columns: Sequence[list[Any]], breaks: Sequence[int], slots: Sequence[PeriodSlot]):
    """``x`` and each column with an empty point at the lower edge of each slot in ``breaks`` (a boundary change),
    so the line stops there although both neighbours have values."""
    x, columns = list(x), [list(c) for c in columns]
    for index in sorted(breaks, reverse=True):
        x.insert(index, slots[index].lo)
        for column in columns:
            column.insert(index, None)
    return x, columns


def _line(aligned: pd.DataFrame, spec: MetricSpec, slots: Sequence[PeriodSlot], *, name: str, colour: str, dash: str,
          symbol: str, width: float, breaks: Sequence[int] = ()) -> go.Scatter:
    y = gap_values(aligned["value"], hidden_flags(aligned, spec))
    # An estimated value is drawn as an open marker (and says "estimate" in its hover label).
    symbols = [f"{symbol}-open" if is_estimate(row) else symbol for _, row in aligned.iterrows()]
    x, (y, symbols, text) = _with_breaks([s.mid for s in slots], [y, symbols, _hover(aligned, spec)], breaks, slots)
    return go.Scatter(
        x=x, y=y, name=name, mode="lines+markers", line={"color": colour, "dash": dash, "width": width},
        marker={"symbol": [s or symbol for s in symbols], "size": 8, "color": colour}, connectgaps=False,
        text=[t or "" for t in text], hovertemplate="<b>" + name + "</b><br>%{text}<extra></extra>",
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


def _ci_band(aligned: pd.DataFrame, spec: MetricSpec, slots: Sequence[PeriodSlot], breaks: Sequence[int] = (),
             level: str = "95") -> list[go.Scatter]:
    """The interval as a shaded band, one band per unbroken run of periods.

    A single band would be joined straight across a gap (Plotly fills the polygon over it), implying
    an interval where there is no value; an isolated period gets an error bar instead.
    """
    flags = hidden_flags(aligned, spec)
    upper = gap_values(aligned["upper_ci"], flags) if "upper_ci" in aligned else [None] * len(aligned)
    lower = gap_values(aligned["lower_ci"], flags) if "lower_ci" in aligned else [None] * len(aligned)
    values = gap_values(aligned["value"], flags)
    x = [slot.mid for slot in slots]
    name = f"{level}% confidence interval"
    common = {"mode": "lines", "line": {"width": 0}, "hoverinfo": "skip", "legendgroup": "ci", "connectgaps": False}
    traces: list[go.Scatter] = []
    present = [u is not None and lo is not None and v is not None for u, lo, v in zip(upper, lower, values,
                                                                                      strict=True)]
    runs = [piece for run in _runs(present) for piece in _split(run, breaks)]
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


def _split(run: tuple[int, int], breaks: Sequence[int]) -> list[tuple[int, int]]:
    cuts = [b for b in sorted(breaks) if run[0] < b < run[1]]
    edges = [run[0], *cuts, run[1]]
    return list(zip(edges, edges[1:], strict=False))


def _flags(aligned: pd.DataFrame, column: str) -> list[bool]:
    if column not in aligned:
        return [False] * len(aligned)
    return [False if is_missing(v) else bool(v) for v in aligned[column]]


def _drawn_values(frames: Sequence[pd.DataFrame], spec: MetricSpec, summary: Mapping[str, Any] | None) -> list:
    numbers: list[Any] = [summary.get("baseline_value")] if summary else []
    for frame in frames:
        shown = ~pd.Series(hidden_flags(frame, spec), index=frame.index, dtype=bool)
        for column in ("value", "upper_ci", "lower_ci"):
            if column in frame:
                numbers += pd.to_numeric(frame.loc[shown, column], errors="coerce").dropna().tolist()
    return numbers


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
    slots = period_slots(series)
    order = [slot.label for slot in slots]
    chosen = series[series["area_code"] == selected_code]
    area_name = str(chosen["area_name"].iloc[0]) if not chosen.empty else selected_code
    fig = go.Figure()
    aligned = _aligned(chosen, order)
    notes: list[tuple[str, str]] = []
    if shade_provisional(fig, _flags(aligned, "provisional"), slots):
        notes.append(("provisional", PROVISIONAL_NOTE))
    gaps = line_gaps(aligned, slots, spec, selected_code) if not chosen.empty else []
    breaks = [gap.start for gap in gaps if gap.start == gap.stop]
    if spec.has_interval:
        fig.add_traces(_ci_band(aligned, spec, slots, breaks))
    drawn = [aligned]
    if selected_code != ENGLAND:
        regions = series[(series["area_type"] == "region") & (series["area_code"] != selected_code)]
        for code in regions["area_code"].unique()[:1]:
            rows = _aligned(regions[regions["area_code"] == code], order)
            drawn.append(rows)
            fig.add_trace(_line(rows, spec, slots, name=str(rows["area_name"].dropna().iloc[0]), colour=theme.REGION,
                                dash="dot", symbol="triangle-up", width=2))
        england = series[series["area_code"] == ENGLAND]
        if not england.empty:
            rows = _aligned(england, order)
            drawn.append(rows)
            fig.add_trace(_line(rows, spec, slots, name="England", colour=theme.ENGLAND, dash="dash", symbol="square",
                                width=2))
    y_range = headroom(_drawn_values(drawn, spec, baseline_summary))
    if not chosen.empty:
        fig.add_trace(_line(aligned, spec, slots, name=area_name, colour=theme.SELECTED, dash="solid",
                            symbol="circle", width=3, breaks=breaks))
        others = [gap_values(rows["value"], hidden_flags(rows, spec)) for rows in drawn[1:]]
        if mark_gaps(fig, gaps, slots, others, y_range[1] if y_range else 0.0):
            notes.append(("gaps", GAPS_NOTE))
        if any(is_estimate(row) for _, row in aligned.iterrows()):
            notes.append(("estimate", ESTIMATES_NOTE))
        if any(small_count_flags(aligned, spec)):
            notes.append(("small_numbers", SMALL_NUMBERS_NOTE))
    if baseline_summary:
        mark_baseline(fig, spec, baseline_summary, slots)
        change = change_line(spec, baseline_summary)
        if change:
            notes.insert(0, ("change", change))
    ticks, labels = tick_positions(slots)
    fig.update_xaxes(type="date", tickmode="array", tickvals=ticks, ticktext=labels, range=axis_range(slots),
                     title_text=None, tickangle=-45 if len(labels) > 6 else 0, showgrid=False)
    fig.update_yaxes(title_text=axis_title(spec), rangemode="tozero", range=y_range)
    fig.update_layout(hovermode="closest", meta={"selected_code": selected_code})
    return finish_figure(
        fig, title=title or f"{spec.name}: {area_name}", source_line=source_line, height=height,
        subtitle=f"Ambition: {ambition_text}" if ambition_text else None, legend_on_top=True,
        footer_offset=96 if len(labels) > 6 else 48, notes=notes,
    )
