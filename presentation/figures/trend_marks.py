"""What the trend chart marks besides its lines: gaps and their reasons, the baseline, provisional periods,
and the footnote lines under the chart (change since baseline, estimates, small numbers, provisional).

Labels sit where they cover no data, legend or other label: the baseline's label in a band of headroom
kept above every value (``headroom``), gap labels inside their gap (where the area's line has no value),
and sentences (the change since baseline, what the open markers and the shading mean) under the chart,
above its source, instead of in a box over the lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from presentation import theme
from presentation.figures.gaps import Gap
from presentation.figures.timeline import PeriodSlot
from presentation.formatting import format_change, format_value, is_missing
from presentation.summaries import significance_phrase

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

#: Share of the value axis kept empty above the highest value, for the baseline label.
HEADROOM = 0.2
GAP_FILL = theme.GAP_FILL
#: The narrowest plotting area a trend is drawn in (a 375 px phone), and the room an upright line of
#: gap label takes across it: labels closer than that are left to the gap's hover label.
NARROWEST_PLOT_PX = 290
LABEL_LINE_PX = 15
GAPS_NOTE = "Grey bands: periods with no value; hover over or tap one for the reason."
_LABEL_FONT = {"size": 12, "color": theme.SECONDARY_TEXT}


def headroom(values: Sequence[float]) -> list[float] | None:
    """A value-axis range from zero (or the lowest negative value) with ``HEADROOM`` free above the highest value."""
    numbers = [float(v) for v in values if v is not None and not is_missing(v)]
    if not numbers:
        return None
    low, high = min(0.0, min(numbers)), max(0.0, max(numbers))
    span = (high - low) or 1.0
    return [low, high + span * HEADROOM / (1 - HEADROOM)]


def label_at_top(gap: Gap, others: Sequence[Sequence[float | None]], top: float) -> bool:
    """True when a gap's upright label should hang from the top of the plot rather than stand on its foot:
    the other lines (England, the region) pass closer to the foot than to the top across the gap."""
    first, last = max(gap.start - 1, 0), gap.stop if gap.stop > gap.start else gap.start
    values = [v for line in others for v in line[first:last + 1] if v is not None]
    if not values or not top:
        return False
    low, high = min(values), max(values)
    return low / top < 1 - high / top


def gap_centre(gap: Gap, slots: Sequence[PeriodSlot]) -> Any:
    """The middle of a gap's periods (or, for a boundary break, the edge between its two periods)."""
    if gap.stop > gap.start:
        return slots[gap.start].lo + (slots[gap.stop - 1].hi - slots[gap.start].lo) / 2
    return slots[gap.start].lo


def labelled(gaps: Sequence[Gap], slots: Sequence[PeriodSlot], width: float = NARROWEST_PLOT_PX,
             line: float = LABEL_LINE_PX) -> list[bool]:
    """Which gaps get a printed label: from the left, each one at least its lines' width (at ``width`` across
    the axis) from the last one printed, so upright labels never overprint each other."""
    if not slots:
        return [False] * len(gaps)
    first, span = slots[0].lo, (slots[-1].hi - slots[0].lo) or pd.Timedelta(days=1)
    keep, last_at, last_lines = [], None, 0
    for gap in gaps:
        at = (gap_centre(gap, slots) - first) / span * width
        lines = gap.reason.count("; ") + 1
        fits = last_at is None or at - last_at >= line * (lines + last_lines) / 2 + 2
        keep.append(fits)
        if fits:
            last_at, last_lines = at, lines
    return keep


def mark_gaps(fig: go.Figure, gaps: Sequence[Gap], slots: Sequence[PeriodSlot],
              others: Sequence[Sequence[float | None]] = (), top: float = 0.0) -> bool:
    """Each gap shaded across its periods (or a dotted line for a boundary break) with its reason, upright,
    on the side of the plot (foot or top) the other lines leave freer, so the words cross no line.

    Returns True when some gaps were too close together to print their reasons (only their hover says it).
    """
    keep = labelled(gaps, slots)
    for gap, printed in zip(gaps, keep, strict=True):
        if gap.stop > gap.start:
            x0, x1 = slots[gap.start].lo, slots[gap.stop - 1].hi
            fig.add_shape(type="rect", x0=x0, x1=x1, yref="paper", y0=0, y1=1, fillcolor=GAP_FILL,
                          line={"width": 0}, layer="below", name="gap")
        else:
            x0 = x1 = slots[gap.start].lo
            fig.add_shape(type="line", x0=x0, x1=x1, yref="paper", y0=0, y1=1, layer="below", name="gap",
                          line={"color": theme.BORDER, "dash": "dot", "width": 1.5})
        if not printed:
            continue
        # Hanging from the top, the label starts below the row the baseline label uses.
        placed = ({"y": 1, "yanchor": "top", "yshift": -22} if label_at_top(gap, others, top)
                  else {"y": 0, "yanchor": "bottom"})
        fig.add_annotation(x=x0 + (x1 - x0) / 2, yref="paper", showarrow=False, text=gap.reason.replace("; ", "<br>"),
                           textangle=-90, font=_LABEL_FONT, name="gap", **placed)
    _gap_hover(fig, gaps, slots, top)
    return not all(keep)


def _gap_hover(fig: go.Figure, gaps: Sequence[Gap], slots: Sequence[PeriodSlot], top: float) -> None:
    """An invisible point at the foot of each gap whose hover label says, period by period, why there is no value
    (with the publisher's note), so the reason is there for a reader who hovers or taps the gap."""
    shown = [gap for gap in gaps if gap.detail]
    if not shown:
        return
    xs = [gap_centre(g, slots) for g in shown]
    fig.add_trace(go.Scatter(x=xs, y=[top * 0.04] * len(shown), mode="markers", name="Gaps", showlegend=False,
                             marker={"size": 18, "opacity": 0, "color": theme.SECONDARY_TEXT},
                             text=[g.detail for g in shown], hovertemplate="%{text}<extra></extra>"))


def _top_label(fig: go.Figure, x: Any, text: str, slots: Sequence[PeriodSlot]) -> None:
    """A label in the headroom band at ``x``, reaching towards the wider side: right in the first half of the
    axis, left in the second (on a 375 px phone a label reaching right from 60% of the axis runs off it)."""
    span = slots[-1].hi - slots[0].lo
    late = (x - slots[0].lo) > span / 2
    fig.add_annotation(x=x, y=1, yref="paper", yanchor="top", xanchor="right" if late else "left",
                       xshift=-4 if late else 4, text=text, showarrow=False, name="baseline",
                       font={"color": theme.TEXT, "size": 13})


def mark_baseline(fig: go.Figure, spec: MetricSpec, summary: Mapping[str, Any], slots: Sequence[PeriodSlot]) -> None:
    """The baseline period as a dotted line (or, for an average baseline, a segment across its periods)."""
    by_label = {slot.label: slot for slot in slots}
    periods = [p for p in spec.baseline_periods if p in by_label]
    value = summary.get("baseline_value")
    if spec.baseline_rule == "average" and len(periods) > 1:
        x0, x1 = by_label[periods[0]].mid, by_label[periods[-1]].mid
        if is_missing(value):
            fig.add_shape(type="rect", x0=x0, x1=x1, yref="paper", y0=0, y1=1, layer="below", name="baseline",
                          line={"color": theme.BASELINE, "dash": "dot"})
        else:
            fig.add_shape(type="line", x0=x0, x1=x1, y0=float(value), y1=float(value), name="baseline",
                          line={"color": theme.BASELINE, "width": 3})
        _top_label(fig, x0, f"Baseline: average {periods[0]} to {periods[-1]}", slots)
        return
    period = summary.get("baseline_period")
    if period not in by_label:
        period = periods[0] if periods else None
    if period is None:
        return
    x = by_label[period].mid
    fig.add_shape(type="line", x0=x, x1=x, yref="paper", y0=0, y1=1, name="baseline",
                  line={"color": theme.BASELINE, "dash": "dot", "width": 2})
    _top_label(fig, x, f"Baseline {period}", slots)
    if not is_missing(value):
        fig.add_trace(go.Scatter(
            x=[x], y=[float(value)], mode="markers", name="Baseline value", showlegend=False,
            marker={"symbol": "diamond-open", "size": 14, "color": theme.BASELINE,
                    "line": {"width": 2, "color": theme.BASELINE}},
            hovertemplate=f"Baseline {period}: {format_value(value, spec)}<extra></extra>",
        ))


def change_line(spec: MetricSpec, summary: Mapping[str, Any]) -> str | None:
    """The change since baseline, in the summaries' words, for the line under the chart (None when untold)."""
    latest, value = summary.get("latest_period"), summary.get("latest_value")
    if latest is None or is_missing(value) or is_missing(summary.get("baseline_value")):
        return None
    if latest == summary.get("baseline_period"):
        return None
    change = format_change(summary.get("change"), spec, change_pct=summary.get("change_pct"))
    words = significance_phrase(summary.get("significance"), capitalise=False)
    return f"Change since baseline ({summary.get('baseline_period')} to {latest}): {change}, {words}"


def shade_provisional(fig: go.Figure, flags: Sequence[bool], slots: Sequence[PeriodSlot]) -> bool:
    """Provisional periods shaded behind the data; True when any was."""
    for slot, flag in zip(slots, flags, strict=True):
        if flag:
            fig.add_shape(type="rect", x0=slot.lo, x1=slot.hi, yref="paper", y0=0, y1=1, fillcolor=theme.PROVISIONAL,
                          line={"width": 0}, layer="below", name="provisional")
    return any(flags)
