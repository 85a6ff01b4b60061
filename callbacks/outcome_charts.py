"""The outcome page's trend chart (selected area against its region and England) and its comparison of areas.

National-only measures have no areas to compare: their trend is England's against the framework
baseline, with the outcome's ambition, and the comparison is left hidden.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback

from callbacks.first_answers import page_callback
from callbacks.outcome_common import (
    ENGLAND,
    chart_title,
    checked_area,
    checked_local_view,
    comparator_codes,
    metric_spec,
    page_slug,
    provenance,
    with_messages,
)
from callbacks.views import remembered_view
from data_access.catalogue import MetricSpec, get_catalogue
from data_access.read import area_values, baseline_summary, series
from layouts._components import ids
from layouts._components.blocks import chart_meta_lines
from layouts._components.figures import compare_figure, message_figure, national_figure, trend_figure
from layouts._components.formatting import geography_line
from layouts._components.summaries import compare_summary, national_summary, trend_summary
from layouts._outcome_parts import COMPARE_CHART, TREND_CHART, ambition_text, download_href
from layouts._outcome_tables import area_table, trend_table


def _england_value(values: pd.DataFrame):
    known = values["england_value"].dropna() if "england_value" in values else pd.Series(dtype=float)
    return None if known.empty else float(known.iloc[0])


@page_callback(
    Output(ids.OUTCOME_TREND, "figure"),
    Output(ids.chart_summary(TREND_CHART), "children"),
    Output(ids.chart_table(TREND_CHART), "children"),
    Output(ids.chart_meta(TREND_CHART), "children"),
    Output(ids.OUTCOME_TREND_DOWNLOAD, "href"),
    Input(ids.OUTCOME_METRIC, "value"),
    Input(ids.OUTCOME_AREA, "value"),
    State(ids.OUTCOME_PAGE, "data"),
)
def update_trend(metric_id, area, page):
    """The selected area's series with its baseline and change since baseline (England's for national measures)."""
    messages: list[str] = []
    spec = metric_spec(metric_id, page_slug(page), messages)
    # Checked without a notice: the area picker gives it (see ``outcome_common.quietly_checked``).
    chosen = checked_area(area, []) if spec.is_local else dict(ENGLAND)
    figure, sentence, table, meta, href = remembered_view(("trend", spec.id, chosen["code"], chosen["type"]),
                                                          lambda: _trend_view(spec, chosen))
    return figure, with_messages(messages, sentence), table, meta, href


def _trend_view(spec: MetricSpec, chosen: dict) -> tuple:
    """Figure, summary sentence, table, provenance lines and download link of one area's trend."""
    source, updated, footer = provenance(spec)
    rows = series(spec.id, area_codes=comparator_codes(chosen) if spec.is_local else [ENGLAND["code"]])
    summary = baseline_summary(spec.id, chosen["code"], area_type=chosen["type"])
    title = f"{spec.short_name}: {chosen['name']}"
    shown = rows[rows["area_code"] == chosen["code"]]
    meta = chart_meta_lines(source, updated, geography_line(shown) if spec.is_local else None)
    href = download_href(spec.id, chosen["type"])
    if shown.empty:
        text = f"There is no data for {spec.short_name} in {chosen['name']}."
        return message_figure(f"No data for {chosen['name']}", title=title), text, None, meta, href
    if spec.is_local:
        figure = trend_figure(rows, spec=spec, selected_code=chosen["code"], baseline_summary=summary, title=title,
                              source_line=footer)
        sentence = trend_summary(spec, chosen["name"], summary, summary.get("comparison"),
                                 summary.get("england_value"), suppressed=bool(summary.get("suppressed")))
    else:
        ambition = ambition_text(get_catalogue().outcome_of(spec.id))
        figure = national_figure(rows, spec=spec, baseline_summary=summary, ambition_text=ambition, title=title,
                                 source_line=footer)
        sentence = national_summary(spec, summary, ambition_text=ambition)
    table = trend_table(rows, spec, chosen["code"], f"{title}, by period (the trend chart as a table)")
    return figure, sentence, table, meta, href


@callback(
    Output(ids.OUTCOME_COMPARE, "figure"),
    Output(ids.chart_summary(COMPARE_CHART), "children"),
    Output(ids.chart_table(COMPARE_CHART), "children"),
    Output(ids.chart_meta(COMPARE_CHART), "children"),
    Output(ids.OUTCOME_COMPARE_DOWNLOAD, "href"),
    inputs=dict(metric_id=Input(ids.OUTCOME_METRIC, "value"), chosen=Input(ids.OUTCOME_PERIOD_CHOSEN, "data"),
                level=Input(ids.OUTCOME_AREA_TYPE, "value"), area=Input(ids.OUTCOME_AREA, "value")),
    state=dict(period=State(ids.OUTCOME_PERIOD, "value"), page=State(ids.OUTCOME_PAGE, "data")),
)
def update_compare(metric_id, period, level, area, page, chosen=None):
    """Every partnership (or authority) ranked with its interval against England, the selected one highlighted."""
    messages: list[str] = []
    checked = checked_local_view(metric_id, period, level, area, page, messages)
    if checked is None:  # a national-only measure: the comparison is hidden
        return (dash.no_update,) * 5
    spec, level, period, selected = checked
    figure, sentence, table, meta, href = remembered_view(("compare", spec.id, level, period, selected),
                                                          lambda: _compare_view(spec, level, period, selected))
    return figure, with_messages(messages, sentence), table, meta, href


def _compare_view(spec: MetricSpec, level: str, period: str | None, selected: str | None) -> tuple:
    """Figure, summary sentence, table, provenance lines and download link of the comparison of areas."""
    values = area_values(spec.id, area_type=level, period=period)
    source, updated, footer = provenance(spec)
    england = _england_value(values)
    title = chart_title(spec, level, period)
    figure = compare_figure(values, spec=spec, england_value=england, selected_code=selected, title=title,
                            source_line=footer)
    sentence = compare_summary(spec, values, selected_code=selected, england_value=england, period=period)
    table = area_table(values, spec, f"{title} (the comparison as a table)", highlight_code=selected)
    meta = chart_meta_lines(source, updated, geography_line(values))
    return figure, sentence, table, meta, download_href(spec.id, level, period)
