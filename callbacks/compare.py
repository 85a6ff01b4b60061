"""Callbacks of /compare (heat-map table, ranked chart, funnel plot, CSV downloads, England context).

Each callback is a plain function registered with ``dash.callback(...)(fn)`` so tests can call it
directly. Shape: each calls one of the page's views (``layouts.compare.table_view``, ``views``,
``bars``), which check the selections (``layouts.compare.state``), read the data and build the
output. The first call after the page opens checks the link's own query (kept in a store, then
cleared) so a bad parameter produces a message; later calls check the controls silently (e.g. a period the newly chosen metric lacks falls back to its latest).

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
from dash import Input, Output, State, dcc, html, set_props

from callbacks import picker_gate  # noqa: F401  (registers the period gates)
from layouts._shared.url_state import url_state_id
from layouts.compare.bars import bars_csv_view, bars_view
from layouts.compare.table_view import funnel_csv_view, national_view, table_csv_view, table_view
from layouts.compare.views import funnel_view
from presentation import ids

_CONTROLS = {key: Input(component, "value") for key, component in (
    ("metric", ids.COMPARE_METRIC), ("period", ids.COMPARE_PERIOD), ("region", ids.COMPARE_REGION),
    ("sort", ids.COMPARE_SORT), ("level", ids.COMPARE_CONFIDENCE), ("highlight", ids.COMPARE_HIGHLIGHT),
    ("show", ids.COMPARE_SHOW))}


def update_compare(metric=None, period=None, region=None, sort=None, level=None, highlight=None,
                   query=None, show=None) -> dict[str, Any]:
    """Check the selections and render the heat-map table, its summary, the options and the link."""
    return table_view(metric, period, region, sort, level, highlight, query, show)


def download_table(n_clicks=None, metric=None, period=None, region=None, sort=None, level=None,
                   highlight=None, show=None) -> dict[str, Any] | None:
    """The heat-map table as a tidy CSV (one row per partnership × metric), as currently filtered and sorted."""
    if not n_clicks:
        return None
    content, filename = table_csv_view(metric, period, region, sort, level, highlight)
    return dcc.send_string(content, filename, type="text/csv")


def download_funnel(n_clicks=None, metric=None, period=None, region=None, level=None,
                    highlight=None, show=None) -> dict[str, Any] | None:
    """The funnel plot's points with the limits at each partnership's denominator, as CSV."""
    csv = funnel_csv_view(metric, period, region, level, highlight) if n_clicks else None
    if csv is None:
        return None
    content, filename = csv
    return dcc.send_string(content, filename, type="text/csv")


def update_national(_load: Any = None) -> html.Table | html.P:
    """England's latest value, baseline and change for the headline metrics published only nationally."""
    return national_view()


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
