"""/definitions — every metric of the framework in plain words, grouped by outcome.

The page the footer's "Metric definitions" link opens: for each metric, what it measures, its unit,
which direction is better and who publishes it, with a link to its full definition page
(``/metric/<id>``, methods, baseline and confidence). Everything comes from the catalogue file, so the
page needs no store and no callback; it goes to the browser as one static block (``blocks.static``).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from layouts._shared.download_scheme import DOWNLOADS_PAGE, observations_href
from layouts._shared.shell import SERVICE_NAME
from layouts._shared.sources import publisher_of
from presentation.blocks.definitions import POLARITY_WORDS
from presentation.blocks.static import static_html
from presentation.catalogue_text import source_text

dash.register_page(
    __name__,
    path="/definitions",
    name="Metric definitions",
    nav=False,
    title=f"Metric definitions – {SERVICE_NAME}",
    description="Every measure of the framework in plain words: what it measures, its unit, which direction is "
                "better and where the data comes from.",
    order=31,
)

TIER_WORDS = {"headline": "Headline measure", "supporting": "Supporting measure", "series": "Published series"}


def _terms(items: list[tuple[str, Any]]) -> html.Dl:
    body: list[Any] = []
    for term, description in items:
        if description not in (None, ""):
            body += [html.Dt(term), html.Dd(description)]
    return html.Dl(body, className="definition__list")


def metric_entry(spec: MetricSpec) -> html.Section:
    """One metric: name linking to its full definition, then definition, unit, polarity, source and data."""
    catalogue = get_catalogue()
    beside = spec.extra.get("series_of")
    tier = TIER_WORDS.get(spec.tier, spec.tier)
    if beside in catalogue.metrics:
        tier += f" beside {catalogue.metric(beside).short_name}"
    where = "partnerships, local authorities, regions and England" if spec.is_local else "England only"
    return html.Section([
        html.H3(html.A(spec.name, href=f"/metric/{spec.id}")),
        html.P(f"{tier}; figures for {where}.", className="text-secondary mb-2"),
        _terms([
            ("Definition", spec.definition),
            ("Unit", spec.value_unit),
            ("Polarity", POLARITY_WORDS.get(spec.polarity, spec.polarity)),
            ("Source", source_text(spec)),
            ("Publisher", publisher_of(spec.source)),
            ("Data", html.A("CSV of every area and period", href=observations_href(spec.id))),
        ]),
    ], className="definition mb-4")


def outcome_sections() -> list[Any]:
    """Each outcome's heading and its metrics, headline first, published series after their metric."""
    catalogue = get_catalogue()
    sections: list[Any] = []
    for outcome in catalogue.outcomes:
        metrics = catalogue.outcome_metrics(outcome.id)
        sections += [html.H2(outcome.name), html.P(f"{len(metrics)} measures.", className="text-secondary"),
                     *(metric_entry(spec) for spec in metrics)]
    return sections


def layout(**_query: Any) -> html.Div:
    catalogue = get_catalogue()
    framework = catalogue.framework.get("name", "framework")
    return html.Div([
        html.H1("Metric definitions"),
        html.P(f"The {framework} has {len(catalogue.outcomes)} outcomes and {len(catalogue.metrics)} measures here. "
               "Each measure below says what it counts, its unit, whether a higher or lower value is better and "
               "who publishes it. Its own page adds how this dashboard computes it, its baseline and how sure "
               "the entry is.", className="lead"),
        html.P(["Every measure's figures can be downloaded as CSV: see ",
                html.A("Download data", href=DOWNLOADS_PAGE), "."]),
        static_html(html.Div(outcome_sections()), class_name="definitions-list"),
    ], className="definitions-page")
