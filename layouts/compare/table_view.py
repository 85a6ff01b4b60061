"""The compare page's heat-map table, its CSVs and England's national headline measures, as views.

The table's callback checks the selections (``layouts.compare.state``), calls ``table_view`` and places
what comes back; the download callbacks take their files from ``table_csv_view`` and ``funnel_csv_view``.
The heat map reads every local measure, so it is built once per worker and release for each selection
(``remembered_view``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import area_values, authorities, current_release, metric_periods, partnerships, regions
from data_access.read.csv_safety import safe_csv
from layouts._shared.url_state import clean_state
from layouts._shared.views import remembered_view
from layouts.compare.funnel import funnel_download_frame
from layouts.compare.state import (
    ALL_REGIONS,
    ALL_REGIONS_OPTION,
    NO_HIGHLIGHT,
    CompareState,
    highlight_options,
    national_headline_metrics,
    sort_options,
    table_metrics,
)
from layouts.compare.table import compare_frame, comparison_column, download_frame, heatmap_table, legend
from layouts.compare.views import checked, funnel_data, selections
from presentation.blocks import Column, data_table
from presentation.figures import export_filename
from presentation.formatting import format_change, format_value
from presentation.summaries import compare_summary, map_summary


def _table_values(state: CompareState) -> tuple[list[MetricSpec], dict[str, pd.DataFrame], dict[str, Any],
                                                 dict[str, Any]]:
    """Columns of the heat map with each one's partnership values, period shown and England value."""
    metrics = table_metrics(state.metric)
    values, periods, england = {}, {}, {}
    for spec in metrics:
        period = state.period if spec.id == state.metric else None
        frame = area_values(spec.id, area_type="partnership", period=period)
        values[spec.id] = frame
        periods[spec.id] = frame["period"].iloc[0] if len(frame) else None
        known = frame["england_value"].dropna()
        england[spec.id] = known.iloc[0] if len(known) else None
    return metrics, values, periods, england


def _sort_label(state: CompareState) -> str:
    for option in sort_options(state.metric):
        if option["value"] == state.sort:
            return option["label"][0].lower() + option["label"][1:]
    return "partnership name"


def _summary(state: CompareState, frame: pd.DataFrame, values: dict[str, pd.DataFrame],
             england: dict[str, Any], region_name: str | None) -> list[html.P]:
    spec = get_catalogue().metric(state.metric)
    chosen = values[state.metric]
    if region_name:
        chosen = chosen[chosen["area_code"].isin(frame["code"])]
    judged = chosen.assign(comparison=chosen[comparison_column(state.level)])
    where = f" in {region_name}" if region_name else ""
    lines = [html.P(f"{len(frame)} partnership{'s' if len(frame) != 1 else ''}{where}, compared with England at "
                    f"{state.level}% confidence; sorted by {_sort_label(state)}."),
             html.P(f"{spec.short_name}: " + map_summary(spec, judged, state.period))]
    if state.highlight:
        if state.highlight in set(frame["code"]):
            lines.append(html.P(compare_summary(spec, judged, selected_code=state.highlight,
                                                england_value=england.get(state.metric), period=state.period)))
        else:
            name = partnerships().set_index("code")["name"].get(state.highlight, state.highlight)
            lines.append(html.P(f"{name} is highlighted but is not in {region_name or 'this selection'}."))
    return lines


def _heat_map(state: CompareState, region_table: pd.DataFrame, parts: pd.DataFrame) -> tuple[Any, list[Any]]:
    """The heat-map table and the summary above it."""
    metrics, values, periods, england = _table_values(state)
    frame = compare_frame(parts, values, level=state.level, region=state.region, sort=state.sort)
    region_name = region_table.set_index("code")["name"].get(state.region) if state.region else None
    caption = (f"Partnerships{' in ' + region_name if region_name else ''} compared with England at "
               f"{state.level}% confidence (value, then symbol and word); sorted by {_sort_label(state)}")
    table = heatmap_table(frame, metrics, periods=periods, england=england, level=state.level, caption=caption,
                          highlight=state.highlight)
    return table, [*_summary(state, frame, values, england, region_name), legend(metrics)]


def table_view(metric=None, period=None, region=None, sort=None, level=None, highlight=None,
               query=None, show=None) -> dict[str, Any]:
    """Check the selections and render the heat-map table, its summary, the options and the link.

    On the page's first call ``query`` holds the link's own query, checked with messages for what it
    got wrong; later calls check the controls silently.
    """
    messages: list[str] = []
    raw = dict(query) if isinstance(query, dict) and query else {
        **selections(metric, period, region, sort, level, highlight), "show": show}
    state = checked(raw, messages if query else None)
    region_table = regions()
    parts = partnerships()
    # The heat map reads every local measure: built once per worker and release for each selection.
    table_key = tuple(sorted((k, v) for k, v in state.query().items() if k != "show"))
    table, summary = remembered_view(("compare_page", table_key), lambda: _heat_map(state, region_table, parts))
    return {
        "period_options": [{"label": p, "value": p} for p in reversed(metric_periods(state.metric))],
        "period": state.period or "",
        "region_options": [ALL_REGIONS_OPTION] + [{"label": r.name, "value": r.code} for r in region_table.itertuples()],
        "region": state.region or ALL_REGIONS,
        "sort_options": sort_options(state.metric),
        "sort": state.sort,
        "highlight_options": highlight_options(parts, authorities()),
        "highlight": state.highlight or NO_HIGHLIGHT,
        "show": state.show,
        "table": table,
        "summary": summary,
        "status": [html.P(m) for m in messages],
        "status_class": "alert alert-warning" if messages else "",
        "url_state": clean_state(state.query()),
        "query": None,
    }


def table_csv_view(metric=None, period=None, region=None, sort=None, level=None,
                   highlight=None) -> tuple[str, str]:
    """The heat-map table as a tidy, spreadsheet-safe CSV (one row per partnership × metric), and its file name."""
    state = checked(selections(metric, period, region, sort, level, highlight))
    metrics, values, periods, england = _table_values(state)
    frame = compare_frame(partnerships(), values, level=state.level, region=state.region, sort=state.sort)
    csv = download_frame(frame, metrics, periods=periods, england=england, level=state.level,
                         release=current_release())
    name = export_filename("compare_partnerships", state.region, f"level_{state.level}")
    return safe_csv(csv), f"{name}.csv"


def funnel_csv_view(metric=None, period=None, region=None, level=None, highlight=None) -> tuple[str, str] | None:
    """The funnel plot's points with the limits at each partnership's denominator, as CSV, and its file name."""
    state = checked(selections(metric, period, region, None, level, highlight))
    data = funnel_data(state)
    spec, points, benchmark = data.spec, data.points, data.benchmark
    if points is None:
        return None
    csv = funnel_download_frame(points, spec, period=state.period, benchmark=benchmark, level=state.level,
                                release=current_release())
    return safe_csv(csv), f"{export_filename(spec.id, 'funnel', state.region, state.period)}.csv"


def national_view() -> html.Table | html.P:
    """England's latest value, baseline and change for the headline metrics published only nationally."""
    rows = []
    for spec in national_headline_metrics():
        frame = area_values(spec.id, area_type="country")
        england = frame[frame["area_code"] == ENGLAND]
        row = england.iloc[0].to_dict() if len(england) else {}
        rows.append({"area_code": spec.id, "metric": html.A(spec.short_name, href=f"/metric/{spec.id}"),
                     "period": row.get("period") or "–",
                     "value": format_value(row.get("value"), spec, suppressed=bool(row.get("suppressed"))),
                     "baseline": format_value(row.get("baseline_value"), spec),
                     "change": format_change(row.get("change"), spec), "suppressed": False})
    if not rows:
        return html.P("Every headline measure is published for local areas.")
    columns = [Column("*", "Measure", format=lambda r: r["metric"]), Column("period", "Latest period"),
               Column("value", "England", True), Column("baseline", "Baseline", True),
               Column("change", "Change since baseline", True)]
    return data_table(pd.DataFrame(rows), columns, "Headline measures published for England only: latest values")
