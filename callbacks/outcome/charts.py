"""The outcome page's trend chart (selected area against its region and England) and its comparison of areas.

National-only measures have no areas to compare: their trend is England's against the framework
baseline, with the outcome's ambition, and the comparison is left hidden. The trend's first view comes
with the page, built by the same view function (``layouts.outcome.views.trend_view``), so its
callback answers only later changes.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback

from data_access.catalogue import MetricSpec
from data_access.read import area_values
from layouts._shared.views import remembered_view
from layouts.outcome.checks import chart_title, checked_local_view, provenance, with_messages
from layouts.outcome.parts import download_href
from layouts.outcome.tables import area_table
from layouts.outcome.views import trend_view
from presentation import ids
from presentation.blocks import chart_meta_lines
from presentation.figures import compare_figure
from presentation.formatting import geography_line
from presentation.summaries import compare_summary


def _england_value(values: pd.DataFrame):
    known = values["england_value"].dropna() if "england_value" in values else pd.Series(dtype=float)
    return None if known.empty else float(known.iloc[0])


@callback(
    Output(ids.OUTCOME_TREND, "figure"),
    Output(ids.chart_summary(ids.OUTCOME_TREND), "children"),
    Output(ids.chart_table(ids.OUTCOME_TREND), "children"),
    Output(ids.chart_meta(ids.OUTCOME_TREND), "children"),
    Output(ids.OUTCOME_TREND_DOWNLOAD, "href"),
    Input(ids.OUTCOME_METRIC, "value"),
    Input(ids.OUTCOME_AREA, "value"),
    State(ids.OUTCOME_PAGE, "data"),
    prevent_initial_call=True,  # the first trend comes with the page (``layouts/outcome/page.py``)
)
def update_trend(metric_id, area, page):
    """The selected area's series with its baseline and change since baseline (England's for national measures)."""
    return trend_view(metric_id, area, page)


@callback(
    Output(ids.OUTCOME_COMPARE, "figure"),
    Output(ids.chart_summary(ids.OUTCOME_COMPARE), "children"),
    Output(ids.chart_table(ids.OUTCOME_COMPARE), "children"),
    Output(ids.chart_meta(ids.OUTCOME_COMPARE), "children"),
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
