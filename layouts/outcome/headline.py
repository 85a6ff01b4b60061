"""The outcome page's first answer to "how is my area doing?": the measure's latest figure for the chosen area.

Shown above the page's controls, so the first screen answers the question before anyone picks
anything: the chosen area's latest value and period, how it compares with England and how it has
changed since the framework baseline, in the same words and badges as the overview's tiles. With no
area chosen, a local measure shows England's figure and how many partnerships are better, similar or
worse than England; a national-only measure says that it has no local figure.

``headline_view`` is the view the page's layout calls for its first view and the callback
(``callbacks.outcome.headline``) calls when the measure or the area changes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import area_values, baseline_summary
from layouts._shared.views import remembered_view
from layouts.outcome.checks import ENGLAND_AREA, checked_area, metric_spec, page_slug
from presentation.blocks.tables import comparison_cell
from presentation.blocks.tiles import change_badge
from presentation.formatting import estimate_marker, format_value, is_missing

#: How partnerships' comparisons with England are counted in words, in the order they are listed.
SPREAD_WORDS = (("worse", "significantly worse"), ("similar", "similar"), ("better", "significantly better"),
                ("higher", "significantly higher"), ("lower", "significantly lower"))
NATIONAL_ONLY = "Published for England only: there is no partnership or local authority figure for this measure."


def opening_metric(slug: str) -> str | None:
    """The measure a page opens on when its link names none: the first with partnership figures in the store
    (headline measures first), so the map and the headline have something to show; None when no local measure
    has any yet (the page keeps the catalogue's default, ``parts.default_metric``)."""
    for spec in get_catalogue().outcome_metrics(slug):
        if spec.is_local and not area_values(spec.id, area_type="partnership")["value"].dropna().empty:
            return spec.id
    return None


def headline_view(metric_id: Any, area: Any, page: Any) -> list[Any]:
    """The headline's content for the measure and area as the page holds them (checked without a notice:
    the pickers' own callbacks give the notices)."""
    spec = metric_spec(metric_id, page_slug(page), [])
    chosen = checked_area(area, []) if spec.is_local else dict(ENGLAND_AREA)
    return remembered_view(("headline", spec.id, chosen["code"], chosen["type"]),
                           lambda: build_headline(spec, chosen))


def build_headline(spec: MetricSpec, chosen: dict) -> list[Any]:
    """Heading, value and period, comparison with England, change since baseline and one line of context."""
    summary = baseline_summary(spec.id, chosen["code"], area_type=chosen["type"])
    england = chosen["code"] == ENGLAND
    if not spec.is_local:
        context = NATIONAL_ONLY
    elif england:
        context = spread_sentence(area_values(spec.id, area_type="partnership"))
    else:
        context = None
    return headline_block(spec, chosen["name"], summary, compared=not england, context=context)


def spread_sentence(values: pd.DataFrame) -> str:
    """ "In 2024/25, of 120 partnerships compared with England, 42 were significantly worse, 8 similar and 70
    significantly better. Choose your area below, or click it on the map." """
    ask = "Choose your area below, or click it on the map."
    counts = values["comparison"].value_counts() if "comparison" in values else pd.Series(dtype=int)
    parts = [(int(counts[key]), words) for key, words in SPREAD_WORDS if counts.get(key, 0)]
    if not parts:
        return ask
    total = sum(n for n, _ in parts)
    listed = [f"{n} {words}" for n, words in parts]
    listed[0] = f"{parts[0][0]} {'was' if parts[0][0] == 1 else 'were'} {parts[0][1]}"
    words = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    periods = values["period"].dropna() if "period" in values else pd.Series(dtype=str)
    lead = f"In {periods.iloc[0]}, of" if not periods.empty else "Of"
    noun = "partnership" if total == 1 else "partnerships"
    return f"{lead} {total} {noun} compared with England, {words}. {ask}"


def headline_block(spec: MetricSpec, area_name: str, summary: Any, *, compared: bool,
                   context: str | None) -> list[Any]:
    """The headline's elements: an h2 naming area and measure, the figure, then badges in words."""
    suppressed = bool(summary.get("suppressed")) if summary else False
    value = summary.get("latest_value") if summary else None
    shown = format_value(value, spec, suppressed=suppressed)
    if shown == "–":
        shown = "No data yet"
    elif not suppressed:
        shown += estimate_marker({"value": value, "estimated": summary.get("estimated")})
    period = summary.get("latest_period") if summary else None
    figure = [html.Span(shown, className="outcome-headline__value"),
              html.Span(f" in {period}" if period else "", className="outcome-headline__period")]
    badges: list[Any] = []
    comparison = summary.get("comparison") if summary else None
    if compared and comparison and comparison != "not_compared":
        england = summary.get("england_value")
        badges.append(html.P([comparison_cell(comparison),
                              f" England: {format_value(england, spec)}" if not is_missing(england) else None],
                             className="outcome-headline__comparison"))
    badges.append(change_badge(spec, summary))
    return [
        html.H2(f"{area_name}: {spec.short_name}", className="outcome-headline__title"),
        html.Div([html.P(figure, className="outcome-headline__figure"),
                  html.Div(badges, className="outcome-headline__badges")], className="outcome-headline__body"),
        html.P(context, className="outcome-headline__context") if context else None,
    ]
