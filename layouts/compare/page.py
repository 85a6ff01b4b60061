"""/compare — every partnership against England on the local headline measures, and a funnel plot.

For Joint Combating Drugs Unit analysts. The layout builds the controls from the link and the funnel
plot, the page's first chart, with the view its callback calls (``layouts.compare.views``), so the
chart comes with the page; the table and the England context follow from ``callbacks.compare``. Controls are native
``<select>`` and radio elements (keyboard and screen-reader friendly), and the partnership to highlight,
one of ~120, is chosen with the area search the other pages use (``layouts._shared.area_search``); every
selection is kept in the query string (metric, period, region, sort, level, highlight).
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts._shared.area_search import area_search
from layouts._shared.url_state import url_state_store
from layouts._shared.views import first_view
from layouts.compare.bars import bars_view
from layouts.compare.funnel import DSR_METHOD, EXPLANATION
from layouts.compare.state import (
    ALL_REGIONS,
    ALL_REGIONS_OPTION,
    HIGHLIGHT_HINT,
    NO_HIGHLIGHT,
    NO_HIGHLIGHT_OPTION,
    PARAMS,
    SHOW_OPTIONS,
    local_metrics,
    parse_static,
    sort_options,
)
from layouts.compare.views import funnel_view
from presentation import ids
from presentation.blocks import chart_card
from presentation.figures import chart_config, message_figure

dash.register_page(
    __name__,
    path="/compare",
    name="Compare partnerships",
    nav="Compare",
    title="Compare partnerships – Combating Drugs Outcomes",
    description="Every Combating Drugs Partnership compared with England on the headline measures, with a funnel plot.",
    order=20,
    charts=True,  # loads plotly.js with the page (layouts/_shared/chart_script.py)
)

_MAX_QUERY_TEXT = 200


def _select(label: str, component_id: str, options: list[dict[str, str]], value: Any, hint: str | None = None):
    # dbc.Select takes no ARIA props, so the hint sits between the label and the control, where it is read.
    children: list[Any] = [dbc.Label(label, html_for=component_id, className="fw-bold")]
    if hint:
        children.append(html.Div(hint, className="form-text mt-0 mb-1"))
    children.append(dbc.Select(id=component_id, options=options, value=value))
    return dbc.Col(children, xs=12, md=6, lg=4, className="mb-3")


def _highlight(highlight: str) -> dbc.Col:
    """The partnership to highlight, as an area search whose hidden code holder is ``ids.COMPARE_HIGHLIGHT``.

    It starts on the link's highlight under its own code (the box stays empty until the table's callback
    brings the names, as the outcome page's area search does), or on "No partnership".
    """
    options = [NO_HIGHLIGHT_OPTION] + ([{"label": highlight, "value": highlight}] if highlight != NO_HIGHLIGHT else [])
    return dbc.Col([
        dbc.Label("Highlight a partnership", html_for=ids.COMPARE_HIGHLIGHT_SEARCH, className="fw-bold"),
        html.Div(HIGHLIGHT_HINT, className="form-text mt-0 mb-1"),
        *area_search(ids.COMPARE_HIGHLIGHT, ids.COMPARE_HIGHLIGHT_SEARCH, ids.COMPARE_HIGHLIGHT_LIST, options=options,
                     value=highlight, placeholder="Type a partnership or local authority name"),
    ], xs=12, md=6, lg=4, className="mb-3")


def controls(static: dict[str, Any]) -> html.Form:
    """The selections; period, region and highlight options are filled by the callback from the store."""
    metric_options = [{"label": m.short_name + ("" if m.tier == "headline" else " (supporting)"), "value": m.id}
                      for m in local_metrics()]
    period = static.get("period") or ""
    region = static.get("region") or ALL_REGIONS
    highlight = static.get("highlight") or NO_HIGHLIGHT
    level = dbc.Col(html.Fieldset([
        html.Legend("Confidence level", className="fw-bold fs-6 mb-1"),
        dbc.RadioItems(id=ids.COMPARE_CONFIDENCE, value=static["level"], inline=True,
                       options=[{"label": "95%", "value": "95"}, {"label": "99.8%", "value": "99.8"}]),
    ]), xs=12, md=6, lg=4, className="mb-3")
    return html.Form(dbc.Row([
        _select("Metric for the funnel plot", ids.COMPARE_METRIC, metric_options, static["metric"],
                "Also sets that metric's column in the table."),
        _select("Period", ids.COMPARE_PERIOD, [{"label": period, "value": period}] if period else [], period,
                "Of the chosen metric; other columns show their latest period."),
        _select("Region", ids.COMPARE_REGION, [ALL_REGIONS_OPTION]
                + ([{"label": region, "value": region}] if region != ALL_REGIONS else []), region),
        _select("Sort by", ids.COMPARE_SORT, sort_options(static["metric"]), static["sort"]),
        _highlight(highlight),
        level,
        _select("Show in the ranked chart", ids.COMPARE_SHOW, SHOW_OPTIONS, static["show"],
                "The highlighted partnership with its neighbours in rank, its similar partnerships or its "
                "region; or all partnerships."),
    ]), className="compare-controls", role="search", **{"aria-label": "Compare partnerships: selections"})


def _funnel_card(view: dict[str, Any] | None = None) -> html.Section:
    """The funnel plot's card, with its first view (``funnel_view``) when the page has one."""
    view = view or {"figure": message_figure("Loading the funnel plot…"), "summary": "", "table": None,
                    "meta": None, "href": "/download/observations.csv"}
    graph = dcc.Graph(id=ids.COMPARE_CHART, figure=view["figure"], config=chart_config("compare_funnel", "Funnel plot"))
    download = html.Div([
        html.Button("Download funnel data (CSV)", id=ids.COMPARE_FUNNEL_DOWNLOAD_BUTTON, type="button",
                    className="btn btn-outline-primary"),
        dcc.Download(id=ids.COMPARE_FUNNEL_DOWNLOAD),
        html.A("All partnership values for this metric (CSV)", id=ids.COMPARE_FUNNEL_LINK, href=view["href"]),
    ], className="chart-card__download d-flex flex-wrap gap-3 align-items-center")
    return chart_card("Funnel plot: is a difference more than chance?", graph, name=ids.COMPARE_FUNNEL,
                      summary_text=view["summary"], source_line="", download_component=download,
                      extra=html.Div([html.P(EXPLANATION), html.P(DSR_METHOD)]), table_component=view["table"], meta_lines=view["meta"])


def _bars_card(view: dict[str, Any] | None) -> html.Section:
    """The ranked chart's card, with its first view (``bars_view``) when the page has one."""
    view = view or {"figure": message_figure("Loading the ranked chart…"), "summary": "", "table": None, "meta": None}
    # All 120 rows would push the table and the funnel several screens down: a long chart scrolls in its
    # own window (focusable, so the keyboard can scroll it too), and the groups of "Show" fit it whole.
    graph = html.Div(dcc.Graph(id=ids.COMPARE_BARS_CHART, figure=view["figure"],
                               config=chart_config("compare_ranked", "Partnerships ranked")),
                     className="compare-ranked-window", tabIndex=0,
                     style={"maxHeight": "85vh", "overflowY": "auto", "overflowX": "hidden"})
    download = html.Div([
        html.Button("Download this chart's data (CSV)", id=ids.COMPARE_BARS_DOWNLOAD_BUTTON, type="button",
                    className="btn btn-outline-primary"),
        dcc.Download(id=ids.COMPARE_BARS_DOWNLOAD),
    ], className="chart-card__download")
    return chart_card("Partnerships ranked, with their intervals", graph, name=ids.COMPARE_BARS,
                      summary_text=view["summary"], source_line="", download_component=download,
                      table_component=view["table"], meta_lines=view["meta"])


def layout(**query: Any) -> html.Div:
    """The page for a link's query (all parameters optional; bad ones fall back with a message)."""
    messages: list[str] = []
    static = parse_static(query, messages)
    raw = {str(k)[:_MAX_QUERY_TEXT]: str(v[0] if isinstance(v, list) and v else v)[:_MAX_QUERY_TEXT]
           for k, v in query.items()}
    state = {key: static.get(key) for key in PARAMS}
    # The funnel as its callback would answer the controls' first values (``controls``).
    funnel = first_view(funnel_view, static["metric"], static.get("period") or "", static.get("region") or ALL_REGIONS,
                        static["level"], static.get("highlight") or NO_HIGHLIGHT)
    bars = first_view(bars_view, static["metric"], static.get("period") or "", static.get("region") or ALL_REGIONS,
                      static["level"], static.get("highlight") or NO_HIGHLIGHT, static["show"])
    return html.Div([
        url_state_store(ids.COMPARE_URL_STATE, state),
        dcc.Store(id=ids.COMPARE_QUERY, data=raw),
        dcc.Store(id=ids.COMPARE_LOAD, data=True),
        dcc.Store(id=ids.COMPARE_PERIOD_SEEN, data=static.get("period") or ""),
        dcc.Store(id=ids.COMPARE_PERIOD_CHOSEN, data=static.get("period") or ""),
        html.H1("Compare partnerships"),
        html.P("Every Combating Drugs Partnership against England on the headline measures that are published "
               "for local areas. Each cell shows the value, and a symbol and word for how it compares with "
               "England: the difference is significant when the partnership's confidence interval excludes "
               "England's value. Use the funnel plot to see whether a difference is more than chance.",
               className="lead fs-5"),
        html.P(html.A("Skip to the funnel plot", href="#compare-funnel-section")),
        html.Div([html.P(m) for m in messages], id=ids.COMPARE_STATUS, role="status",
                 className="alert alert-warning" if messages else None),
        controls(static),
        html.Div(_bars_card(bars), id="compare-bars-section", className="mb-4"),
        html.Section([
            html.H2("Partnerships compared with England"),
            html.Div(id=ids.COMPARE_SUMMARY, **{"aria-live": "polite"}),
            html.Div([
                html.Button("Download this table (CSV)", id=ids.COMPARE_DOWNLOAD_BUTTON, type="button",
                            className="btn btn-outline-primary"),
                dcc.Download(id=ids.COMPARE_DOWNLOAD),
            ], className="my-2"),
            dcc.Loading(html.Div(id=ids.COMPARE_TABLE, className="table-scroll", tabIndex=0, role="region",
                                 **{"aria-label": "Partnerships compared with England: table"})),
            html.P("Partnership values pool the numerators and denominators of their member local authorities; "
                   "they are this service's derived analysis, not official statistics. Suppressed values are "
                   "shown as “Suppressed”, never as 0.", className="text-secondary mt-2"),
        ], className="mb-4"),
        html.Div(_funnel_card(funnel), id="compare-funnel-section"),
        html.Section([
            html.H2("England context: headline measures published only nationally"),
            html.P("These headline measures exist for England (or England and Wales) only, so partnerships cannot "
                   "be compared on them. They are shown here as context."),
            dcc.Loading(html.Div(id=ids.COMPARE_NATIONAL, className="table-scroll")),
        ], className="mb-4"),
    ])
