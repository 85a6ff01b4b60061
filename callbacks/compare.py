"""Callbacks of /compare (heat-map table, funnel plot, CSV downloads, England context) and of /about's data sections.

Each callback is a plain function registered with ``dash.callback(...)(fn)`` so tests can call it
directly. Shape: check the selections (``layouts.compare.state``) → read the store → build with
the page helpers. The first call after the page opens checks the link's own query (kept in a
store, then cleared) so a bad parameter produces a message; later calls check the controls
silently (e.g. a period the newly chosen metric lacks falls back to its latest).

The table's callback moves a control whose checked value differs with a side update
(``show_compare``), not an output, so the funnel plot is asked for at the same time as the table
rather than after it; both read the period as state and are triggered through the period gate
(``callbacks.picker_gate``), so the table's correction of the period does not redraw either.

The funnel plot comes with the page: the layout builds it with the view the funnel's callback calls
(``layouts.compare.views.funnel_view``), and the callback answers only later changes.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, set_props

from callbacks import picker_gate  # noqa: F401  (registers the period gates)
from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import area_values, current_release, metric_periods, partnerships, regions
from data_access.read.csv_safety import safe_csv
from layouts._shared.url_state import clean_state, url_state_id
from layouts._shared.views import remembered_view
from layouts.compare.bars import bars_csv_view, bars_view
from layouts.compare.funnel import funnel_download_frame
from layouts.compare.state import (
    ALL_REGIONS,
    ALL_REGIONS_OPTION,
    NO_HIGHLIGHT,
    NO_HIGHLIGHT_OPTION,
    CompareState,
    national_headline_metrics,
    sort_options,
    table_metrics,
)
from layouts.compare.table import compare_frame, comparison_column, download_frame, heatmap_table, legend
from layouts.compare.views import checked, funnel_data, funnel_view, selections
from presentation import ids
from presentation.blocks import Column, data_table
from presentation.figures import export_filename
from presentation.formatting import format_change, format_value
from presentation.summaries import compare_summary, map_summary

_CONTROLS = {key: Input(component, "value") for key, component in (
    ("metric", ids.COMPARE_METRIC), ("period", ids.COMPARE_PERIOD), ("region", ids.COMPARE_REGION),
    ("sort", ids.COMPARE_SORT), ("level", ids.COMPARE_CONFIDENCE), ("highlight", ids.COMPARE_HIGHLIGHT),
    ("show", ids.COMPARE_SHOW))}


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


def update_compare(metric=None, period=None, region=None, sort=None, level=None, highlight=None,
                   query=None, show=None) -> dict[str, Any]:
    """Check the selections and render the heat-map table, its summary, the options and the link."""
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
        "highlight_options": [NO_HIGHLIGHT_OPTION] + [{"label": p.name, "value": p.code} for p in parts.itertuples()],
        "highlight": state.highlight or NO_HIGHLIGHT,
        "show": state.show,
        "table": table,
        "summary": summary,
        "status": [html.P(m) for m in messages],
        "status_class": "alert alert-warning" if messages else "",
        "url_state": clean_state(state.query()),
        "query": None,
    }


def download_table(n_clicks=None, metric=None, period=None, region=None, sort=None, level=None,
                   highlight=None, show=None) -> dict[str, Any] | None:
    """The heat-map table as a tidy CSV (one row per partnership × metric), as currently filtered and sorted."""
    if not n_clicks:
        return None
    state = checked(selections(metric, period, region, sort, level, highlight))
    metrics, values, periods, england = _table_values(state)
    frame = compare_frame(partnerships(), values, level=state.level, region=state.region, sort=state.sort)
    csv = download_frame(frame, metrics, periods=periods, england=england, level=state.level,
                         release=current_release())
    name = export_filename("compare_partnerships", state.region, f"level_{state.level}")
    return dcc.send_string(safe_csv(csv), f"{name}.csv", type="text/csv")


def download_funnel(n_clicks=None, metric=None, period=None, region=None, level=None,
                    highlight=None, show=None) -> dict[str, Any] | None:
    """The funnel plot's points with the limits at each partnership's denominator, as CSV."""
    if not n_clicks:
        return None
    state = checked(selections(metric, period, region, None, level, highlight))
    data = funnel_data(state)
    spec, points, benchmark = data.spec, data.points, data.benchmark
    if points is None:
        return None
    csv = funnel_download_frame(points, spec, period=state.period, benchmark=benchmark, level=state.level,
                                release=current_release())
    return dcc.send_string(safe_csv(csv), f"{export_filename(spec.id, 'funnel', state.region, state.period)}.csv",
                           type="text/csv")


def update_national(_load: Any = None) -> html.Table | html.P:
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


#: Selections the table's callback checks, and the control each is shown in.
_CHECKED_CONTROLS = {"period": ids.COMPARE_PERIOD, "region": ids.COMPARE_REGION, "sort": ids.COMPARE_SORT,
                     "highlight": ids.COMPARE_HIGHLIGHT, "show": ids.COMPARE_SHOW}
#: The period reaches both callbacks through the picker gate (``callbacks.picker_gate``): a choice
#: triggers them, a correction does not, and they read the picker's value as state.
_TRIGGERS = {**{k: v for k, v in _CONTROLS.items() if k != "period"},
             "chosen": Input(ids.COMPARE_PERIOD_CHOSEN, "data")}
_PERIOD = {"period": State(ids.COMPARE_PERIOD, "value")}


def show_compare(metric=None, period=None, region=None, sort=None, level=None, highlight=None, query=None,
                 chosen=None, show=None) -> dict[str, Any]:
    """``update_compare`` as the page calls it: a checked selection that differs from its control moves it.

    The moves are side updates (``set_props``), not outputs, so the funnel plot, which checks the
    selections itself, is asked for at the same time as the table rather than after it.
    """
    result = update_compare(metric, period, region, sort, level, highlight, query, show)
    shown = {"period": period or "", "region": region, "sort": sort, "highlight": highlight, "show": show}
    for key, component in _CHECKED_CONTROLS.items():
        value = result.pop(key)
        if value != shown[key]:
            set_props(component, {"value": value})
    return result


dash.callback(
    output={"period_options": Output(ids.COMPARE_PERIOD, "options"),
            "region_options": Output(ids.COMPARE_REGION, "options"),
            "sort_options": Output(ids.COMPARE_SORT, "options"),
            "highlight_options": Output(ids.COMPARE_HIGHLIGHT, "options"),
            "table": Output(ids.COMPARE_TABLE, "children"), "summary": Output(ids.COMPARE_SUMMARY, "children"),
            "status": Output(ids.COMPARE_STATUS, "children"), "status_class": Output(ids.COMPARE_STATUS, "className"),
            "url_state": Output(url_state_id(ids.COMPARE_URL_STATE), "data"), "query": Output(ids.COMPARE_QUERY, "data")},
    inputs=_TRIGGERS,
    state={**_PERIOD, "query": State(ids.COMPARE_QUERY, "data")},
)(show_compare)


def update_funnel(metric=None, period=None, region=None, level=None, highlight=None, chosen=None) -> dict[str, Any]:
    """The funnel plot of the chosen metric, its summary, table alternative, source lines and CSV link.

    ``chosen`` only triggers the callback (see ``callbacks.picker_gate``); the period is read from the picker.
    """
    return funnel_view(metric, period, region, level, highlight)


dash.callback(
    output={"figure": Output(ids.COMPARE_CHART, "figure"),
            "summary": Output(ids.chart_summary(ids.COMPARE_FUNNEL), "children"),
            "table": Output(ids.chart_table(ids.COMPARE_FUNNEL), "children"),
            "meta": Output(ids.chart_meta(ids.COMPARE_FUNNEL), "children"),
            "href": Output(ids.COMPARE_FUNNEL_LINK, "href")},
    inputs={k: v for k, v in _TRIGGERS.items() if k not in ("sort", "show")},
    state=_PERIOD,
    prevent_initial_call=True,  # the first funnel comes with the page (``layouts/compare/page.py``)
)(update_funnel)


def update_bars(metric=None, period=None, region=None, level=None, highlight=None, show=None,
                chosen=None) -> dict[str, Any]:
    """The ranked chart of the chosen metric for the shown group (``chosen`` only triggers: see the funnel)."""
    return bars_view(metric, period, region, level, highlight, show)


dash.callback(
    output={"figure": Output(ids.COMPARE_BARS_CHART, "figure"),
            "summary": Output(ids.chart_summary(ids.COMPARE_BARS), "children"),
            "table": Output(ids.chart_table(ids.COMPARE_BARS), "children"),
            "meta": Output(ids.chart_meta(ids.COMPARE_BARS), "children")},
    inputs={k: v for k, v in _TRIGGERS.items() if k != "sort"},
    state=_PERIOD,
    prevent_initial_call=True,  # the first chart comes with the page (``layouts/compare/page.py``)
)(update_bars)


def download_bars(n_clicks=None, metric=None, period=None, region=None, level=None, highlight=None,
                  show=None) -> dict[str, Any] | None:
    """The ranked chart's bars as CSV: exactly the partnerships drawn, in the chart's order."""
    if not n_clicks:
        return None
    content, filename = bars_csv_view(metric, period, region, level, highlight, show)
    return dcc.send_string(content, filename, type="text/csv")


dash.callback(
    Output(ids.COMPARE_BARS_DOWNLOAD, "data"),
    inputs={"n_clicks": Input(ids.COMPARE_BARS_DOWNLOAD_BUTTON, "n_clicks")},
    state={k: State(v.component_id, "value") for k, v in _CONTROLS.items() if k != "sort"},
    prevent_initial_call=True,
)(download_bars)

dash.callback(
    Output(ids.COMPARE_DOWNLOAD, "data"),
    inputs={"n_clicks": Input(ids.COMPARE_DOWNLOAD_BUTTON, "n_clicks")},
    state={k: State(v.component_id, "value") for k, v in _CONTROLS.items()},
    prevent_initial_call=True,
)(download_table)

dash.callback(
    Output(ids.COMPARE_FUNNEL_DOWNLOAD, "data"),
    inputs={"n_clicks": Input(ids.COMPARE_FUNNEL_DOWNLOAD_BUTTON, "n_clicks")},
    state={k: State(v.component_id, "value") for k, v in _CONTROLS.items() if k != "sort"},
    prevent_initial_call=True,
)(download_funnel)

dash.callback(Output(ids.COMPARE_NATIONAL, "children"), Input(ids.COMPARE_LOAD, "data"))(update_national)
