"""/download — every metric's CSV, the partnership footprint, and the URL scheme behind them.

The page the footer's "Download data" link opens. Its links are the stable addresses of
``layouts._shared.download_scheme``, which also documents them here, so a script or spreadsheet can
build the same addresses. The page reads only the catalogue (a file): no store, no callback.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from layouts._shared.download_scheme import (
    EXAMPLES,
    FOOTPRINT_PATH,
    FULL_PRECISION,
    OBSERVATIONS_PATH,
    PARAMETERS,
    observations_href,
)
from layouts._shared.shell import SERVICE_NAME
from presentation.blocks.static import static_html

dash.register_page(
    __name__,
    path="/download",
    name="Download data",
    nav=False,
    title=f"Download data – {SERVICE_NAME}",
    description="Every measure's figures as CSV, the partnership footprint in force, and the stable addresses "
                "to fetch them from a script or spreadsheet.",
    order=32,
)

#: The area types a local measure's figures come at, with the words the page uses.
LOCAL_LEVELS = (("partnership", "partnerships"), ("utla", "local authorities"), ("region", "regions"))
FOOTPRINT_COLUMNS_TEXT = ("partnership_code, partnership_name, member_code, member_name, sourced_or_assumed "
                          "(sourced: the grouping comes from a published list; assumed: no list was found and the "
                          "authority stands as its own partnership), source, member_valid_to (set for an "
                          "authority abolished since), footprint_version and footprint_label")


def metric_item(spec: MetricSpec) -> html.Li:
    """A metric's name (linking to its definition), its id and unit, and its CSV links: all areas, then by level.

    A list rather than a table, so that at phone width nothing scrolls sideways.
    """
    if not spec.is_local:
        links: list[Any] = [html.A("England (the only figures)", href=observations_href(spec.id))]
    else:
        links = [html.A("All areas", href=observations_href(spec.id))]
        links += [item for area_type, words in LOCAL_LEVELS
                  for item in (" · ", html.A(words.capitalize(), href=observations_href(spec.id, area_type=area_type)))]
        links += [" · ", html.A("England", href=observations_href(spec.id, area_type="country"))]
    return html.Li([
        html.A(spec.name, href=f"/metric/{spec.id}", className="fw-bold"),
        html.Div(["metric=", html.Code(spec.id), f" · {spec.value_unit}"], className="small text-secondary"),
        html.Div(["CSV: ", *links]),
    ], className="mb-3")


def metric_lists() -> list[Any]:
    """One list per outcome, each of its metrics with its CSV links."""
    catalogue = get_catalogue()
    lists: list[Any] = []
    for outcome in catalogue.outcomes:
        lists += [html.H3(outcome.name),
                  html.Ul([metric_item(spec) for spec in catalogue.outcome_metrics(outcome.id)],
                          className="list-unstyled")]
    return lists


def scheme() -> list[Any]:
    """The URL scheme: the two addresses, the parameters, what the files hold, and examples."""
    head = html.Thead(html.Tr([html.Th("Parameter", scope="col"), html.Th("Values", scope="col"),
                               html.Th("What it does", scope="col")]))
    rows = html.Tbody([html.Tr([html.Th(html.Code(p.name), scope="row"), html.Td(p.values), html.Td(p.meaning)])
                       for p in PARAMETERS])
    return [
        html.H2("Addresses to use from a script or spreadsheet"),
        html.P(["These addresses are stable: they keep working as new data is loaded, always giving the current "
                "release. A measure's figures are at ", html.Code(f"{OBSERVATIONS_PATH}?metric=<id>"),
                ", narrowed with the parameters below (combine them with ", html.Code("&"), ")."]),
        html.Div(html.Table([head, rows], className="table table-sm data-table"), className="table-responsive"),
        html.P(["Each row is one area in one period: the value with its unit, its 95% and 99.8% confidence "
                "intervals, numerator and denominator, England's value and the comparison with it, the baseline "
                "and the change since, flags for suppressed, provisional and estimated values, the publisher's "
                "note, the boundaries the period is drawn on, and the data release it comes from. Values are "
                "rounded as the publisher prints them and counts are whole numbers; add ",
                html.Code(f"precision={FULL_PRECISION}"), " for every digit."]),
        html.P("The download under each chart gives exactly what that chart shows: the map and the comparison "
               "chart give one period at one level, the trend chart gives the chosen area, its region and England."),
        html.P("The address with no parameters, or with one it cannot use, answers with a short page explaining "
               "these parameters instead of a file."),
        html.H3("Examples"),
        html.Ul([html.Li([html.A(html.Code(href), href=href), f" — {what}"]) for href, what in EXAMPLES]),
    ]


def layout(**_query: Any) -> html.Div:
    catalogue = get_catalogue()
    return html.Div([
        html.H1("Download data"),
        html.P(f"Every one of the {len(catalogue.metrics)} measures on this site can be downloaded as a CSV file, "
               "for every area and period or for one level of geography. Files open in any spreadsheet, and "
               "their addresses are stable: how to build them is explained at the end of this page.",
               className="lead"),
        html.H2("Partnership footprint"),
        html.P([html.A("Partnership footprint (CSV)", href=FOOTPRINT_PATH),
                f": which authorities make up each partnership in the footprint in force. Columns: "
                f"{FOOTPRINT_COLUMNS_TEXT}."]),
        html.H2("Measures"),
        static_html(html.Div(metric_lists()), class_name="downloads-list"),
        *scheme(),
    ], className="download-page")
