"""/metric and /metric/<id> — every metric's definition, generated from the catalogue.

What is measured, how the dashboard computes it (pooling, interval, comparison, trend, change
since baseline, suppression), the baseline and published England values, where the data comes
from and how sure the catalogue entry is, and the next release as the release schedule says today. No
callback is needed: the catalogue is a file and the schedule a few rows.
An unknown id gets a friendly message and the list of metrics, with status 404.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from data_access.catalogue import MetricSpec, UnknownMetric, get_catalogue
from data_access.read.schedule import next_release
from layouts._shared.methods import (
    change_text,
    comparison_text,
    estimate_text,
    interval_text,
    pooling_text,
    suppression_text,
    trend_text,
)
from layouts._shared.shell import SERVICE_NAME
from layouts._shared.sources import confidence_sentence, publisher_of
from layouts.metric.sources import fingertips_text, loading_text, series_beside, series_sentence
from presentation.blocks.definitions import MEASURE_WORDS, POLARITY_WORDS, baseline_text
from presentation.catalogue_text import frequency_text, source_text

TIER_WORDS = {"headline": "Headline metric", "supporting": "Supporting metric", "series": "Published series"}
TIER_STATUS_WORDS = {
    "confirmed": "confirmed in the framework's published list",
    "provisional": "provisional: named in guidance or on a slide, not yet confirmed in a published list",
    "reported": "reported in the annual report's headline table, but not in the June 2022 list",
    "published_series": "loaded beside a framework metric, not part of the framework",
}
GEOGRAPHY_WORDS = {"england": "England", "england_and_wales": "England and Wales", "national_only": "national only",
                   "region": "regions", "utla": "upper-tier local authorities", "police_force_area": "police force areas"}
PERIOD_WORDS = {"financial_year": "financial year (April to March)", "calendar_year": "calendar year",
                "academic_year": "academic year", "quarter": "quarter", "rolling_3_year": "rolling 3-year pool"}


def _title(metric_id: str | None = None) -> str:
    try:
        return f"{get_catalogue().metric(metric_id or '').short_name} – definition – {SERVICE_NAME}"
    except UnknownMetric:
        return f"Metric definitions – {SERVICE_NAME}"


def metric_exists(metric_id: str) -> bool:
    """Whether ``/metric/<metric_id>`` names a metric: the server answers 404 for one that does not."""
    return metric_id in get_catalogue().metrics


dash.register_page(
    __name__,
    path="/metric",
    path_template="/metric/<metric_id>",
    path_exists=metric_exists,
    name="Metric definitions",
    nav="Metrics",
    title=_title,
    description="Definitions, methods, sources and confidence for every metric of the framework.",
    order=30,
)


def _published(block: dict[str, Any]) -> str | None:
    """A published England figure from the catalogue: "2,846 — label (period)"; None when there is none."""
    value = block.get("england_value", block.get("value"))
    label = block.get("label")
    period = block.get("source_period", block.get("period"))
    if value is None and not label:
        return None
    parts = []
    if value is not None:
        number = float(value)
        parts.append(f"{int(number):,}" if number.is_integer() else f"{number:,}")
    if label:
        parts.append(str(label))
    text = " — ".join(parts)
    return f"{text} ({period})" if period else text


def _definition_list(items: list[tuple[str, Any]]) -> html.Dl:
    body: list[Any] = []
    for term, description in items:
        if description not in (None, "", []):
            body += [html.Dt(term), html.Dd(description)]
    return html.Dl(body, className="definition__list")


def _geographies(spec: MetricSpec) -> str:
    published = ", ".join(GEOGRAPHY_WORDS.get(g, g.replace("_", " ")) for g in spec.source_geographies)
    shown = ("authorities, partnerships (pooled), regions and England" if spec.is_local
             else "England only — partnerships cannot be compared on it")
    return f"Published for: {published or 'not recorded'}. Shown here for: {shown}."


def metric_detail(spec: MetricSpec) -> html.Article:
    """The full definition page of one metric."""
    catalogue = get_catalogue()
    outcome = catalogue.outcome(spec.outcome)
    breakdowns = ", ".join(spec.extra.get("breakdowns") or [])
    release = next_release(spec.id)
    what = _definition_list([
        ("Definition", spec.definition),
        ("Unit", spec.value_unit),
        ("Measure", MEASURE_WORDS.get(spec.measure, spec.measure)),
        ("Polarity", POLARITY_WORDS.get(spec.polarity, spec.polarity)),
        ("Geographies", _geographies(spec)),
        ("Period", PERIOD_WORDS.get(spec.period_type, spec.period_type.replace("_", " ")).capitalize()),
        ("Breakdowns published", breakdowns),
    ])
    how = _definition_list([
        ("Pooling", pooling_text(spec)),
        ("Partnership estimate", estimate_text(spec)),
        ("Confidence interval", interval_text(spec)),
        ("Comparison with England", comparison_text(spec)),
        ("Recent trend", trend_text(spec)),
        ("Change since baseline", change_text(spec)),
        ("Disclosure control", suppression_text(spec)),
    ])
    baseline = _definition_list([
        ("Baseline rule", baseline_text(spec)),
        ("Published England baseline", _published(spec.baseline) or "Not published"),
        ("Latest published England figure", _published(spec.latest_published) or "Not recorded"),
    ])
    source_list = _definition_list([
        ("Formerly called", "; ".join(spec.former_names)),
        ("Source", source_text(spec)),
        ("Publisher", publisher_of(spec.source)),
        ("Frequency", frequency_text(spec)),
        ("Next release", release.text),
        ("Next release announced in", release.source),
        ("Fingertips indicator ids", fingertips_text(spec)),
        ("How to load it", loading_text(spec)),
    ])
    links = [html.Li(html.A(f"See it on the {outcome.short_name} page", href=f"/outcome/{outcome.slug}"))]
    if spec.is_local:
        links.append(html.Li(html.A("Compare partnerships on it", href=f"/compare?metric={spec.id}")))
    links.append(html.Li(html.A("All metric definitions", href="/metric")))
    return html.Article([
        html.P(html.A("← All metrics", href="/metric")),
        html.H1(spec.name),
        html.P([f"{TIER_WORDS.get(spec.tier, spec.tier)} ({TIER_STATUS_WORDS.get(spec.tier_status, spec.tier_status)}) "
                "under the outcome ", html.A(outcome.name, href=f"/outcome/{outcome.slug}"), "."], className="lead"),
        *series_sentence(spec),
        html.P(html.Strong(confidence_sentence(spec)), className="p-2 border-start border-4"),
        html.H2("What is measured"), what,
        html.H2("How the dashboard computes it"), how,
        html.H2("Baseline and published values"), baseline,
        html.H2("Source"), source_list,
        html.H2("Notes"), html.P(spec.notes or "None."),
        html.H2("Related pages"), html.Ul(links),
    ], className="metric-definition")


def metric_index(heading_level: int = 1) -> html.Div:
    """All metrics grouped by outcome, headline first, each with its tier and confidence."""
    catalogue = get_catalogue()
    heading = html.H1 if heading_level == 1 else html.H2
    sections: list[Any] = [heading("Metric definitions" if heading_level == 1 else "All metrics")]
    if heading_level == 1:
        sections.append(html.P(f"The {catalogue.framework.get('name', 'framework')} has six outcomes. Each metric's "
                               "page says what it measures, how this dashboard computes it, where the data comes "
                               "from and how sure its catalogue entry is."))
    for outcome in catalogue.outcomes:
        items = []
        for spec in catalogue.outcome_metrics(outcome.id):
            if spec.tier == "series":
                continue  # listed under its framework metric below
            tier = "headline" if spec.tier == "headline" else "supporting"
            local = "" if spec.is_local else "; England only"
            items.append(html.Li([html.A(spec.name, href=f"/metric/{spec.id}"),
                                  f" — {tier}{local}; confidence {spec.confidence}"]))
            items += [html.Li([html.A(series.name, href=f"/metric/{series.id}"),
                               f" — published series beside {spec.short_name}; confidence {series.confidence}"])
                      for series in series_beside(spec)]
        sections += [html.H2(outcome.name) if heading_level == 1 else html.H3(outcome.name), html.Ul(items)]
    return html.Div(sections)


def layout(metric_id: str | None = None, **_query: Any) -> html.Div:
    """One metric's definition, the list of all metrics, or (unknown id) a message and the list."""
    if metric_id is None:
        return metric_index()
    try:
        spec = get_catalogue().metric(str(metric_id))
    except UnknownMetric:
        shown = str(metric_id)[:60]
        return html.Div([
            html.H1("Metric not found"),
            html.P(f"There is no metric called “{shown}”. It may have been renamed; choose one from the list below.",
                   role="status", className="alert alert-warning"),
            metric_index(heading_level=2),
        ])
    return metric_detail(spec)
