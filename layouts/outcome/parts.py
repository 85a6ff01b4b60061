"""What the outcome pages and their callbacks share: the query-string contract, its defaults and wording.

Pure functions of the catalogue and the query — no database — so a page layout stays cheap and
callable with no arguments, and the callbacks fall back to the same defaults with the same words.
Whether a period or an area exists can only be checked against data, so those two are passed on
as text for the callbacks to check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dash import html

from data_access.catalogue import MetricSpec, OutcomeSpec, UnknownOutcome, get_catalogue
from data_access.catalogue.schedule import NextRelease
from layouts._shared.download_scheme import observations_href
from layouts._shared.url_state import choose, unknown_parameters
from presentation.blocks import definition_panel
from presentation.blocks.static import static_html
from presentation.catalogue_text import ambitions_line
from presentation.ids import AREA_TYPE_VALUES, COLOUR_BY_VALUES, MAP_KIND_VALUES

QUERY_KEYS = ("metric", "period", "area", "level", "colour", "map")
DEFAULT_LEVEL = "partnership"
DEFAULT_COLOUR = "comparison"
DEFAULT_MAP = "boundaries"
#: Longest free text (period, area) echoed back in a message or carried to a callback.
MAX_TEXT = 60

LEVEL_LABELS = {"partnership": "Partnerships", "utla": "Local authorities"}
COLOUR_LABELS = {"value": "Value (quintiles)", "comparison": "Compared with England", "change": "Change since baseline"}
MAP_LABELS = {"boundaries": "Boundaries", "tiles": "Tile map"}


@dataclass(frozen=True)
class OutcomeQuery:
    """The selections read from a page's query string. ``period`` and ``area`` are unchecked text."""

    slug: str
    metric: str
    period: str | None
    area: str | None
    level: str
    colour: str
    map_kind: str


def first_outcome() -> OutcomeSpec:
    return get_catalogue().outcomes[0]


def outcome_or_first(slug: str | None) -> OutcomeSpec:
    """The outcome of ``slug``, or the first outcome for an unknown one."""
    try:
        return get_catalogue().outcome(slug or "")
    except UnknownOutcome:
        return first_outcome()


def default_metric(slug: str | None) -> MetricSpec:
    """What the page shows when no (valid) metric is asked for: the outcome's first measure with partnership and
    local authority figures (headline measures first), so the first screen can answer "how is my area doing?"
    with a map; the first measure when the outcome has only national figures."""
    metrics = get_catalogue().outcome_metrics(outcome_or_first(slug).slug)
    return next((spec for spec in metrics if spec.is_local), metrics[0])


def clean_text(value: Any) -> str | None:
    """One query value as stripped, bounded text (a repeated parameter keeps its first value)."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text[:MAX_TEXT] or None


def shown(text: str) -> str:
    """Text as echoed in a message, cut short so a long parameter cannot flood the page."""
    return text if len(text) <= 40 else text[:37] + "…"


def parse_query(slug: str, query: Mapping[str, Any]) -> tuple[OutcomeQuery, list[str]]:
    """The page's selections from its query string, with a message for each value that was not usable."""
    outcome = outcome_or_first(slug)
    query = {str(k): clean_text(v) for k, v in query.items()}
    messages: list[str] = []
    unknown_parameters(query, QUERY_KEYS, messages)
    metrics = get_catalogue().outcome_metrics(outcome.slug)
    metric = default_metric(outcome.slug)
    asked = query.get("metric")
    if asked:
        match = [m for m in metrics if asked in (m.id, m.short_name)]
        if match:
            metric = match[0]
        else:
            messages.append(f"There is no measure “{shown(asked)}” under {outcome.short_name.lower()}. "
                            f"Showing {metric.short_name} instead.")
    level = choose(query, "level", AREA_TYPE_VALUES, DEFAULT_LEVEL, messages, label="area level")
    colour = choose(query, "colour", COLOUR_BY_VALUES, DEFAULT_COLOUR, messages, label="map colouring")
    map_kind = choose(query, "map", MAP_KIND_VALUES, DEFAULT_MAP, messages, label="map type")
    return OutcomeQuery(slug=outcome.slug, metric=metric.id, period=query.get("period"), area=query.get("area"),
                        level=level or DEFAULT_LEVEL, colour=colour or DEFAULT_COLOUR,
                        map_kind=map_kind or DEFAULT_MAP), messages


def metric_options(slug: str) -> list[dict[str, Any]]:
    """The measure picker: headline measures first, then the supporting (drill-down) measures, each under
    a heading option that cannot be chosen. National-only measures say so in their label."""
    catalogue = get_catalogue()
    outcome = outcome_or_first(slug)
    options: list[dict[str, Any]] = []
    for heading, metric_ids in (("Headline measures", outcome.headline_metric_ids),
                                ("Supporting measures", outcome.supporting_metric_ids)):
        if not metric_ids:
            continue
        options.append({"label": f"— {heading} —", "value": f"heading:{heading}", "disabled": True})
        for metric_id in metric_ids:
            for spec in (catalogue.metric(metric_id), *catalogue.series_beside(metric_id)):
                label = spec.short_name + ("" if spec.is_local else " (national figure only)")
                options.append({"label": label + (" (published series)" if spec.tier == "series" else ""),
                                "value": spec.id})
    return options


def metric_tier_label(spec: MetricSpec) -> str:
    if spec.tier == "series":
        return "Published series"
    return "Headline measure" if spec.tier == "headline" else "Supporting measure"


def download_href(metric_id: str, area_type: str | None = None, period: str | None = None, *,
                  areas: Sequence[str] = ()) -> str:
    """A stable link to the CSV of what a chart shows (``layouts._shared.download_scheme``): one level and
    period for the map and the comparison chart, the lines drawn (``areas``) for the trend chart."""
    return observations_href(metric_id, area_type=area_type, period=period, areas=areas)


def status_alerts(messages: list[str]) -> list[html.Div]:
    """Short notices about parameters that were not usable.

    A Bootstrap-styled ``div`` with ``role="status"`` (polite) rather than ``dbc.Alert``, whose
    ``role="alert"`` is fixed and would interrupt a screen-reader user for a harmless fallback.
    """
    if not messages:
        return []
    body = html.P(messages[0], className="mb-0") if len(messages) == 1 else html.Ul(
        [html.Li(m) for m in messages], className="mb-0")
    return [html.Div(body, role="status", className="alert alert-info outcome-status__message")]


def ambition_text(outcome: OutcomeSpec) -> str | None:
    """The outcome's ambitions in one line ("…; …"), or None when it has none."""
    return ambitions_line(outcome.ambitions)


def national_note(spec: MetricSpec) -> list[Any]:
    """The plain statement shown instead of the map and comparison for a national-only measure."""
    return [html.Div([
        html.P([html.Strong(f"{spec.short_name} is published only as a national figure. "),
                "There is no partnership or local authority breakdown, so there is no map or comparison of "
                "areas; the chart shows the national trend against the framework baseline."], className="mb-0"),
    ], className="alert alert-secondary", role="note")]


def section_class(visible: bool) -> str:
    return "" if visible else "d-none"


def definition_block(spec: MetricSpec, next_release: NextRelease | None = None) -> list[Any]:
    """The definition panel of the chosen measure and a link to its own page.

    ``next_release`` is what the release schedule says today; the measure's view
    (``layouts.outcome.views.measure_view``) supplies it, with the page and after a change of measure.

    Sent as one static block: read-only text of some thirty elements, each of which would otherwise be a
    component the renderer re-checks on every update while the page's charts arrive.
    """
    return [static_html(html.Div([
        definition_panel(spec, heading_level=2, next_release=next_release),
        html.P([f"{metric_tier_label(spec)} of the framework. ",
                html.A(f"More about {spec.short_name}: every area and period", href=f"/metric/{spec.id}")]),
    ]), class_name="definition-block")]
