"""Headline tiles: a metric's latest value, its comparison with England and its change since baseline.

The change is shown by an arrow for the direction of the number (▲ up, ▼ down), words for the
judgement ("Improved since baseline (significant)") and the judgement's colour — three cues, so
the tile reads without colour and without the arrow. For a lower-is-better metric a ▼ can be an
improvement; the words say which.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dash import html

from data_access.catalogue.schedule import NOT_ANNOUNCED
from presentation import ids, theme
from presentation.blocks.cards import heading
from presentation.blocks.static import html_block
from presentation.blocks.tables import comparison_cell
from presentation.formatting import estimate_marker, format_change, format_value, is_missing
from presentation.summaries import baseline_label, change_label

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec
    from data_access.catalogue.schedule import NextRelease


def _direction(change: Any) -> str:
    if is_missing(change) or float(change) == 0:
        return "►"
    return "▲" if float(change) > 0 else "▼"


def change_badge(spec: MetricSpec, baseline_summary: Mapping[str, Any] | None) -> html.P:
    """Arrow + words + colour for the change since baseline, or "No baseline set" when there is none."""
    summary = baseline_summary or {}
    if not summary or is_missing(summary.get("baseline_value")):
        text = "No baseline set" if spec.baseline_rule == "none" else "Baseline not available"
        return html.P(text, className="tile__change tile__change--none")
    significance = summary.get("significance")
    style = theme.change_style(significance)
    change = format_change(summary.get("change"), spec, change_pct=summary.get("change_pct"))
    label = change_label(significance)
    return html.P([
        html.Span(_direction(summary.get("change")), className="tile__arrow", **{"aria-hidden": "true"}),
        html.Span(label, className="tile__change-words"),
        html.Span(f" {change} since {baseline_label(spec, summary.get('baseline_period')).removeprefix('the ')}",
                  className="tile__change-amount"),
    ], className="tile__change", style={"borderLeftColor": style["colour"]})


def headline_tile(
    spec: MetricSpec,
    latest: Mapping[str, Any] | None,
    baseline_summary: Mapping[str, Any] | None,
    comparison: str | None,
    sparkline: str | None = None,
    next_release: NextRelease | None = None,
    *,
    href: str | None = None,
    heading_level: int = 3,
) -> html.Article:
    """One metric at a glance for an area.

    Args:
        spec: the metric.
        latest: the area's latest row (``value``, ``period``, ``suppressed`` …) or None.
        baseline_summary: the read layer's baseline summary dict, or None.
        comparison: the latest value's comparison with England (None for England itself).
        sparkline: SVG markup from ``figures.sparkline_svg``; decorative, hidden from screen readers.
        next_release: what the release schedule says today (``data_access.read.schedule``); a passed date
            reads "Next release not yet announced", and no line is shown when none was ever announced.
        href: link to the metric's detail (the tile heading becomes the link).
    """
    row = dict(latest or {})
    suppressed = not is_missing(row.get("suppressed")) and bool(row.get("suppressed"))
    value = format_value(row.get("value"), spec, suppressed=suppressed)
    if value == "–":
        value = "No data"
    elif not suppressed:
        value += estimate_marker(row)
    title = html.A(spec.short_name, href=href) if href else spec.short_name
    children: list[Any] = [
        heading(heading_level, title, className="tile__title"),
        html.P([html.Span(value, className="tile__value"),
                html.Span(f" {row['period']}", className="tile__period") if row.get("period") else None],
               className="tile__figure"),
    ]
    if comparison:
        children.append(html.P(comparison_cell(comparison), className="tile__comparison"))
    children.append(change_badge(spec, baseline_summary))
    if sparkline is not None:
        children.append(html_block(sparkline, class_name="tile__sparkline", **{"aria-hidden": "true"}))
    if next_release is not None and next_release.state != NOT_ANNOUNCED:
        children.append(html.P(next_release.brief, className="tile__release"))
    return html.Article(children, id=ids.headline_tile(spec.id), className="tile")
