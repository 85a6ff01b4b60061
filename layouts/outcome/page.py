"""/outcome/<slug> — one outcome of the framework: a measure on a map, its trend for an area, and a comparison.

Six pages (one per outcome, in catalogue order) are registered from this one module so each has
its own path, title and menu entry. The layout reads the catalogue and the query string, and builds
the measure's definition and the trend, the page's first chart, with the view functions their
callbacks call (``layouts.outcome.views``), so they come with the page. The map, the comparison
and the pickers' lists arrive through callbacks (``callbacks/outcome*.py``), which also check the
period and area against the data: answering every chart in the layout delayed the first chart,
since all of them then render before any shows (``docs/performance.md``). Charts are stacked full width on phones; on wide screens the map and
the selected area's trend sit side by side so a click on the map is answered in view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND
from layouts._shared.area_search import area_search
from layouts._shared.shell import SERVICE_NAME
from layouts._shared.url_state import url_state_store
from layouts._shared.views import first_view
from layouts.outcome.headline import headline_view, opening_metric
from layouts.outcome.parts import (
    COLOUR_LABELS,
    LEVEL_LABELS,
    MAP_LABELS,
    OutcomeQuery,
    ambition_text,
    clean_text,
    definition_block,
    download_href,
    first_outcome,
    metric_options,
    national_note,
    parse_query,
    section_class,
    status_alerts,
)
from layouts.outcome.views import TrendView, measure_view, trend_view
from presentation import ids
from presentation.blocks import chart_card
from presentation.catalogue_text import source_text
from presentation.figures import chart_config, map_legend, message_figure

#: Menu position of the first outcome page; lower numbers are left for the overview pages.
NAV_ORDER = 10
LOADING = "Loading…"
#: Under the local controls (hidden with them for a national-only measure).
HINT = ("Click an area on the map to see its trend against its region and England. The address of this page keeps "
        "your choices, so you can share it.")


def _field(label: str, control_id: str, control: Any) -> html.Div:
    return html.Div([html.Label(label, htmlFor=control_id, className="form-label fw-bold"), control],
                    className="mb-3")


def _choice(legend: str, control_id: str, labels: Mapping[str, str], value: str) -> html.Fieldset:
    """Radio buttons in a fieldset, so the group's question is read out with each choice."""
    return html.Fieldset([
        html.Legend(legend, className="form-label fw-bold", style={"fontSize": "inherit"}),
        dbc.RadioItems(id=control_id, options=[{"label": text, "value": key} for key, text in labels.items()],
                       value=value, inline=True),
    ], className="mb-3")


def asked_area_option(area: str | None) -> dict[str, str]:
    """The picker's first option: England, or the asked area under its code until the list arrives."""
    return {"label": "England", "value": ENGLAND} if not area else {"label": area, "value": area}


def controls(state: OutcomeQuery, local_class: str | None = None) -> dbc.Row:
    """Measure, then area, period and area level — hidden together for a national-only measure."""
    if local_class is None:
        local_class = section_class(get_catalogue().metric(state.metric).is_local)
    local = dbc.Row([
        # The picker starts on the area the link asked for, as its only option, so the charts are asked for
        # at once; the full list (which names it in the search box), and a correction of an area that does
        # not exist, follow from ``load_area_options``.
        dbc.Col(_field("Area (click the map or search)", ids.OUTCOME_AREA_SEARCH,
                       html.Div(area_search(ids.OUTCOME_AREA, ids.OUTCOME_AREA_SEARCH, ids.OUTCOME_AREA_LIST,
                                            options=[asked_area_option(state.area)],
                                            value=asked_area_option(state.area)["value"],
                                            placeholder="Type a partnership or local authority name"))),
                xs=12, md=6),
        dbc.Col(_field("Period", ids.OUTCOME_PERIOD,
                       dbc.Select(id=ids.OUTCOME_PERIOD, options=[], value=state.period or "")), xs=6, md=3),
        dbc.Col(_choice("Show", ids.OUTCOME_AREA_TYPE, LEVEL_LABELS, state.level), xs=6, md=3),
    ])
    return dbc.Row([
        dbc.Col(_field("Measure", ids.OUTCOME_METRIC,
                       dbc.Select(id=ids.OUTCOME_METRIC, options=metric_options(state.slug), value=state.metric)),
                xs=12, lg=4),
        dbc.Col(html.Div([local, html.P(HINT, className="text-secondary small mb-2")],
                         id=ids.OUTCOME_LOCAL_CONTROLS, className=local_class), xs=12, lg=8),
    ], className="outcome-controls")


def _graph(graph_id: str, filename: str, title: str, height: int, figure: Any = None) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=message_figure(LOADING, height=height) if figure is None else figure,
                     config=chart_config(filename, title))


def _download(link_id: str, href: str) -> html.A:
    return html.A("Download data (CSV)", id=link_id, href=href, className="btn btn-outline-primary")


def _card(title: str, graph: dcc.Graph, name: str, spec: MetricSpec, download: html.A, extra: Any = None,
          view: TrendView | None = None):
    """A chart card; ``view`` (its summary, table and provenance lines) fills it when the page has it."""
    summary, table, meta = (LOADING, None, None) if view is None else (view.sentence, view.table, view.meta)
    return chart_card(title, graph, name=name, summary_text=summary, source_line=f"Source: {source_text(spec)}",
                      download_component=download, definition_link=f"#{ids.OUTCOME_DEFINITION}", extra=extra,
                      table_component=table, meta_lines=meta)


def map_card(state: OutcomeQuery, spec: MetricSpec) -> html.Section:
    options = dbc.Row([
        dbc.Col(_choice("Colour by", ids.OUTCOME_COLOUR_BY, COLOUR_LABELS, state.colour), xs=12, sm=8),
        dbc.Col(_choice("Map", ids.OUTCOME_MAP_KIND, MAP_LABELS, state.map_kind), xs=12, sm=4),
    ])
    legend = html.Div(map_legend(state.colour, spec), id=ids.OUTCOME_MAP_LEGEND)
    return _card("Map", _graph(ids.OUTCOME_MAP, f"{state.slug}_map", "Map", 640), ids.OUTCOME_MAP, spec,
                 _download(ids.OUTCOME_MAP_DOWNLOAD, download_href(spec.id, state.level)), extra=html.Div([options, legend]))


def trend_card(state: OutcomeQuery, spec: MetricSpec, view: TrendView | None = None) -> html.Section:
    """The trend's card, with its first view (``trend_view``) when the page has one."""
    figure, href = (None, download_href(spec.id)) if view is None else (view.figure, view.download_href)
    return _card("Trend over time", _graph(ids.OUTCOME_TREND, f"{state.slug}_trend", "Trend", 480, figure),
                 ids.OUTCOME_TREND, spec, _download(ids.OUTCOME_TREND_DOWNLOAD, href), view=view)


def compare_card(state: OutcomeQuery, spec: MetricSpec) -> html.Section:
    return _card("Compare areas", _graph(ids.OUTCOME_COMPARE, f"{state.slug}_compare", "Compare areas", 480),
                 ids.OUTCOME_COMPARE, spec, _download(ids.OUTCOME_COMPARE_DOWNLOAD, download_href(spec.id, state.level)))


def outcome_layout(slug: str, query: Mapping[str, Any]) -> html.Div:
    """The page for outcome ``slug`` with the selections in ``query`` (unknown values fall back, with a note)."""
    state, messages = parse_query(slug, query)
    if not clean_text(query.get("metric")):  # no measure asked for: open on one with local figures in the store
        state = replace(state, metric=first_view(opening_metric, state.slug) or state.metric)
    catalogue = get_catalogue()
    outcome, spec = catalogue.outcome(state.slug), catalogue.metric(state.metric)
    ambition = ambition_text(outcome)
    # What the URL asked for, checked against the data by the first callbacks and the first views.
    page = {"slug": state.slug, "period": state.period, "area": state.area}
    # The first view, as the callbacks would answer the values the page starts with.
    measure = first_view(measure_view, state.metric, page)
    definition, note, map_class, compare_class, local_class = measure or (
        definition_block(spec), national_note(spec) if not spec.is_local else [], *[section_class(spec.is_local)] * 3)
    trend = first_view(trend_view, state.metric, asked_area_option(state.area)["value"], page)
    headline = first_view(headline_view, state.metric, asked_area_option(state.area)["value"], page)
    return html.Div([
        dcc.Store(id=ids.OUTCOME_PAGE, data=page),
        url_state_store(ids.OUTCOME_URL_STATE, {"metric": state.metric, "period": state.period, "area": state.area,
                                         "level": state.level, "colour": state.colour, "map": state.map_kind}),
        dcc.Store(id=ids.OUTCOME_MAP_GEOMETRY),
        dcc.Store(id=ids.OUTCOME_PERIOD_SEEN, data=state.period or ""),
        dcc.Store(id=ids.OUTCOME_PERIOD_CHOSEN, data=state.period or ""),
        html.P(f"{outcome.group.capitalize()} outcome", className="text-secondary mb-0"),
        html.H1(outcome.name, className="mt-1 outcome-page__title"),
        # The answer first: the measure's latest figure for the area, above the controls that change it.
        html.Section(headline or [], id=ids.OUTCOME_HEADLINES, className="outcome-headline",
                     **{"aria-live": "polite"}),
        html.Div([*status_alerts(messages), html.Div(id=ids.OUTCOME_PERIOD_STATUS),
                  html.Div(id=ids.OUTCOME_AREA_STATUS)], id=ids.OUTCOME_STATUS),
        controls(state, local_class),
        html.P([html.Strong("Ambition: "), ambition], className="outcome-ambition") if ambition else None,
        html.Div(note, id=ids.OUTCOME_NATIONAL_NOTE),
        dbc.Row([
            dbc.Col(map_card(state, spec), id=ids.OUTCOME_MAP_SECTION, xs=12, xl=5, className=map_class),
            dbc.Col(trend_card(state, spec, trend), xs=12, xl=True),
        ]),
        html.Div(compare_card(state, spec), id=ids.OUTCOME_COMPARE_SECTION, className=compare_class),
        html.Div(definition, id=ids.OUTCOME_DEFINITION),
    ], className="outcome-page")


def layout(**query: Any) -> html.Div:
    """The first outcome's page (each registered page binds its own outcome; see ``_page_layout``)."""
    return outcome_layout(first_outcome().slug, query)


def _page_layout(slug: str) -> Callable[..., html.Div]:
    # The query arrives as keyword arguments; binding the slug outside them means a "slug" parameter
    # in a link is just an unknown parameter, not a clash.
    def page_layout(**query: Any) -> html.Div:
        return outcome_layout(slug, query)

    page_layout.__name__ = f"layout_{slug.replace('-', '_')}"
    return page_layout


for _outcome in get_catalogue().outcomes:
    dash.register_page(
        f"{__name__}.{_outcome.slug}",
        path=f"/outcome/{_outcome.slug}",
        name=_outcome.short_name,
        title=f"{_outcome.short_name} – {SERVICE_NAME}",
        description=f"{_outcome.name}: measures by partnership and local authority, trends and comparisons.",
        order=NAV_ORDER + _outcome.position,
        nav=_outcome.short_name,
        layout=_page_layout(_outcome.slug),
        charts=True,  # loads plotly.js with the page (layouts/_shared/chart_script.py)
    )
