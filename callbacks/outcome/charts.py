"""The outcome page's trend chart (selected area against its region and England) and its comparison of areas.

National-only measures have no areas to compare: their trend is England's against the framework
baseline, with the outcome's ambition, and the comparison is left hidden. The trend's first view comes
with the page, built by the same view function (``layouts.outcome.views.trend_view``), so its
callback answers only later changes.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback

from layouts.outcome.comparison import comparison_view
from layouts.outcome.views import trend_view
from presentation import ids


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
    view = comparison_view(metric_id, period, level, area, page)
    return (dash.no_update,) * 5 if view is None else tuple(view)
