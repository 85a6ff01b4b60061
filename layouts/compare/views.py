"""The compare page's funnel plot as a view: checked selections → funnel limits → figure, summary and table.

A plain function of the page's selections, built once per worker and release
(``remembered_view``). The page's layout calls it to send the funnel with the page
(``layouts/compare/page.py``); the funnel's callback (``callbacks.compare.update_funnel``) calls the same
function when a selection changes, so the first view and every later one agree. The selection
checks (``checked``) are shared with the table and the downloads.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.read import (
    area_values,
    current_release,
    metric_periods,
    partnerships,
    regions,
    similar_partnerships,
)
from data_access.statistics.funnel import OUTSIDE, SUPPORTED, WITHIN, funnel_limits, proportion_limits, rate_limits
from layouts._shared.views import remembered_view
from layouts.compare.funnel import DSR_DROPPED, NOT_AVAILABLE, funnel_summary, funnel_table, position_words
from layouts.compare.state import CompareState, parse_static, resolve
from presentation.blocks import chart_meta_lines
from presentation.catalogue_text import source_text
from presentation.figures import funnel_figure, message_figure
from presentation.formatting import geography_line

DENOMINATOR_WORDS = {
    "pop_all": "Population (all ages)", "pop_15_64": "Population aged 15 to 64", "pop_18_plus": "Adults (18+)",
    "pop_under_18": "Children (under 18)", "numbers_in_treatment": "Adults in treatment",
    "cohort": "People in the cohort", "mental_health_need": "Adults starting treatment with a mental health need",
}
#: A DSR's funnel is drawn against its equivalent denominator (``data_access.statistics.funnel``).
DSR_AXIS = "Equivalent population (events ÷ rate)"

def checked(raw: dict[str, Any], messages: list[str] | None = None) -> CompareState:
    """The checked state for raw selections, reading the facts the check needs from the store."""
    metric = parse_static(raw)["metric"]
    return resolve(raw, periods=metric_periods(metric), regions=regions(), partnerships=partnerships(),
                   messages=messages)


def selections(metric: Any, period: Any, region: Any, sort: Any, level: Any, highlight: Any) -> dict[str, Any]:
    """The raw selections as ``checked`` takes them."""
    return {"metric": metric, "period": period, "region": region, "sort": sort, "level": level,
            "highlight": highlight}


def funnel_points(spec: MetricSpec, points: pd.DataFrame, *, level: str, names: pd.Series,
                   benchmark: float) -> pd.DataFrame:
    """``funnel_limits`` points labelled with comparison words at ``level`` and position words."""
    flagged = points["significance"] == OUTSIDE if level == "99.8" else points["significance"] != WITHIN
    high, low = {"lower_is_better": ("worse", "better"), "higher_is_better": ("better", "worse"),
                 "no_judgement": ("higher", "lower")}[spec.polarity]
    comparison = np.where(~flagged, "similar", np.where(points["side"] == "above", high, low))
    out = points.assign(area_name=points["area_code"].map(names), flagged=flagged, comparison=comparison,
                        position=[position_words(s, d) for s, d in zip(points["significance"], points["side"],
                                                                       strict=True)])
    limit_fn = proportion_limits if spec.measure == "proportion" else rate_limits
    n = out["denominator"].to_numpy(dtype=float)
    for confidence, lo, hi in ((0.95, "lower_95", "upper_95"), (0.998, "lower_998", "upper_998")):
        out[lo], out[hi] = limit_fn(n, benchmark / spec.multiplier, confidence, spec.multiplier)
    return out


class FunnelData(NamedTuple):
    """The funnel plot's data for a checked selection; ``points`` is None, with the ``reason``, when there is none."""

    spec: MetricSpec
    points: pd.DataFrame | None
    limits: pd.DataFrame | None
    benchmark: float | None
    dropped: int
    reason: str


def funnel_data(state: CompareState) -> FunnelData:
    """The labelled points, the limits, England's value and how many partnerships are not plotted (suppressed)."""
    spec = get_catalogue().metric(state.metric)
    if spec.measure not in SUPPORTED:
        return FunnelData(spec, None, None, None, 0, NOT_AVAILABLE.get(spec.measure, "A funnel plot is not available here."))
    frame = area_values(spec.id, area_type="partnership", period=state.period)
    parts = partnerships()
    if state.region:
        frame = frame[frame["area_code"].isin(parts.loc[parts["region_code"] == state.region, "code"])]
    known = frame["england_value"].dropna()
    if known.empty or frame.empty:
        return FunnelData(spec, None, None, None, 0, "There is no England value or no partnership value for this selection.")
    benchmark = float(known.iloc[0])
    usable = frame[~frame["suppressed"]]
    try:
        points, limits = funnel_limits(usable, measure=spec.measure, multiplier=spec.multiplier, benchmark=benchmark)
    except ValueError as error:
        return FunnelData(spec, None, None, None, 0, f"A funnel plot cannot be drawn for this selection: {error}.")
    labelled = funnel_points(spec, points, level=state.level, names=parts.set_index("code")["name"],
                              benchmark=benchmark)
    return FunnelData(spec, labelled, limits, benchmark, len(frame) - len(labelled), "")


def source_line(spec: MetricSpec, period: str | None) -> str:
    """The in-figure footer, kept to two lines (exported images carry it without the page around them)."""
    source = source_text(spec, limit=120)
    demo = " · demonstration data, not real" if (current_release() or {}).get("any_demo") else ""
    return f"Source: {source} · {period or 'no data'}{demo}"


def funnel_view(metric: Any = None, period: Any = None, region: Any = None, level: Any = None,
                highlight: Any = None) -> dict[str, Any]:
    """The funnel plot of the chosen metric, its summary, table alternative, source lines and CSV link."""
    state = checked(selections(metric, period, region, None, level, highlight))
    # Built once per worker and release for each selection (the limits and the figure took ~0.3 s).
    return dict(remembered_view(("compare_funnel", tuple(sorted(state.query().items()))), lambda: build_funnel(state)))


def build_funnel(state: CompareState) -> dict[str, Any]:
    """The funnel plot's outputs for a checked selection."""
    spec, points, limits, benchmark, dropped, reason = funnel_data(state)
    title = f"{spec.short_name}, {state.period}: partnerships against England" if state.period else spec.short_name
    link = "/download/observations.csv?" + "&".join(
        f"{k}={v}" for k, v in (("metric", spec.id), ("area_type", "partnership"), ("period", state.period)) if v)
    meta = chart_meta_lines(f"Source: {source_text(spec)}", f"Data up to: {state.period or 'no data'}",
                            geography_line(area_values(spec.id, area_type="partnership", period=state.period)))
    if points is None:
        return {"figure": message_figure(reason, title=title), "summary": reason, "table": html.P(reason),
                "meta": meta, "href": link}
    denominator = DSR_AXIS if spec.measure == "dsr" else DENOMINATOR_WORDS.get(
        spec.denominator or "", (spec.denominator or "Denominator").replace("_", " "))
    similar = similar_partnerships(state.highlight)["code"].tolist() if state.highlight else []
    figure = funnel_figure(points.assign(significance=points["comparison"]), limits, spec=spec, benchmark=benchmark,
                           selected_code=state.highlight, title=title, source_line=source_line(spec, state.period),
                           denominator_label=denominator, group_codes=similar)
    # The limits near a denominator of 1 run far off the scale; keep the axis on the partnerships' span.
    low = min(points["value"].min(), points["lower_998"].min())
    high = max(points["value"].max(), points["upper_998"].max())
    top = high * 1.05 if spec.measure != "proportion" else min(high * 1.05, spec.multiplier)
    figure.update_yaxes(range=[max(0.0, low * 0.95), top])
    summary = funnel_summary(points, level=state.level, dropped=dropped,
                             dropped_words=DSR_DROPPED if spec.measure == "dsr" else None)
    if similar and state.highlight in set(points["area_code"]):
        names = partnerships().set_index("code")["name"]
        summary += f" Its similar partnerships ({', '.join(names.get(c, c) for c in similar)}) are ringed."
    caption = f"{spec.name}, {state.period}: funnel plot data (limits centred on England's value)"
    return {"figure": figure, "summary": summary,
            "table": funnel_table(points, spec, level=state.level, caption=caption, highlight=state.highlight),
            "meta": meta, "href": link}


