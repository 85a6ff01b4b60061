"""Presentation mode's ids and slides: one headline measure per screen, for a board meeting's projector.

Kept apart from the page module (``layouts/present/page.py`` registers a page, so it cannot be imported
before the app exists) so the layout and its callbacks share the ids. Each slide leads with one
large number and says in words what it means; its chart is static (no mode bar, nothing to hover)
because in the room nothing may need a mouse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go
from dash import dcc, html

from presentation import ids
from presentation.blocks.static import html_block, markup
from presentation.figures import chart_config, export_filename
from presentation.formatting import ESTIMATE, format_change, format_value, is_missing, unit_words
from presentation.summaries import baseline_label, change_label, comparison_phrase

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec, OutcomeSpec

TREND_WORDS = {"increasing": "Increasing", "decreasing": "Decreasing",
               "no_significant_change": "No significant change", "not_enough_data": "Not enough data to test"}
JUDGEMENT_WORDS = {"getting_better": "and getting better", "getting_worse": "and getting worse"}


def slide_id(index: int) -> dict[str, Any]:
    """The pattern-matching id of slide ``index`` (0-based)."""
    return {"type": ids.PRESENT_SLIDE_TYPE, "index": index}


def slide_chart_id(index: int) -> dict[str, Any]:
    """The pattern-matching id of slide ``index``'s chart box, which paging fills when the slide is shown."""
    return {"type": ids.PRESENT_SLIDE_CHART_TYPE, "index": index}


def slide_number(raw: Any, count: int, messages: list[str]) -> int:
    """The 1-based slide from ``?slide=`` (1 when absent; 1 with a message when it makes no sense)."""
    if raw in (None, ""):
        return 1
    text = str(raw).strip()
    # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
    if re.fullmatch(r"[0-9]{1,6}", text) and 1 <= int(text) <= count:
        return int(text)
    shown = text if len(text) <= 20 else text[:17] + "…"
    messages.append(f"There is no slide “{shown}”: slides are numbered 1 to {count}. Showing slide 1.")
    return 1


def trend_words(trend: str | None, judgement: str | None) -> str:
    words = TREND_WORDS.get(trend or "", "Not tested")
    if trend in ("increasing", "decreasing") and judgement in JUDGEMENT_WORDS:
        words = f"{words} {JUDGEMENT_WORDS[judgement]}"
    return words


def _value(spec: MetricSpec, summary: Mapping[str, Any]) -> list[Any]:
    """The big number with its unit in smaller type ("4.0" + "per 100,000")."""
    suppressed = bool(summary.get("suppressed"))
    value = format_value(summary.get("latest_value"), spec, suppressed=suppressed, short=True)
    if value == "–":
        return [html.Span("No data", className="present-slide__number")]
    unit = "" if suppressed or value.endswith("%") or spec.measure == "count" else unit_words(spec)
    return [html.Span(value, className="present-slide__number"),
            html.Span(f" {unit}", className="present-slide__unit") if unit else None,
            html.Span(f" ({ESTIMATE})", className="present-slide__unit") if summary.get("estimated") else None]


def _comparison(spec: MetricSpec, summary: Mapping[str, Any], local: bool, area_name: str) -> str:
    if not local:
        return "England only: there is no partnership figure for this measure." if area_name != "England" else \
            "Measured for England only."
    england = format_value(summary.get("england_value"), spec)
    phrase = comparison_phrase(summary.get("comparison"), None, spec).lstrip(", ")
    words = phrase[:1].upper() + phrase[1:] if phrase else "Not compared with England"
    return f"{words} (England: {england})."


def _change(spec: MetricSpec, summary: Mapping[str, Any]) -> str:
    if is_missing(summary.get("baseline_value")):
        return "No baseline set." if spec.baseline_rule == "none" else "Baseline not available."
    if summary.get("latest_period") == summary.get("baseline_period"):
        return "This is the baseline period."
    amount = format_change(summary.get("change"), spec, change_pct=summary.get("change_pct"))
    return (f"{change_label(summary.get('significance'))}: {amount} since "
            f"{baseline_label(spec, summary.get('baseline_period'))}.")


def slide_graph(figure: go.Figure, spec: MetricSpec, area_name: str) -> dcc.Graph:
    """The static chart: the export config (filename, size) kept, but no mode bar and no interaction."""
    config = {**chart_config(export_filename(spec.id, area_name, "presentation"), spec.name),
              "staticPlot": True, "displayModeBar": False}
    # The height comes from the stylesheet (a share of the screen), so the slide fits any projector.
    figure.update_layout(height=None, autosize=True)
    return dcc.Graph(figure=figure, config=config, className="present-slide__graph")


def slide(index: int, count: int, *, outcome: OutcomeSpec, spec: MetricSpec, summary: Mapping[str, Any],
          local: bool, area_name: str, sentence: str, source_line: str, graph: dcc.Graph | None,
          current: int) -> html.Section:
    """One measure on one screen: outcome, name, big value and period, comparison, change, trend, chart,
    the one-sentence summary, the source and "n of count"."""
    shown = area_name if local else "England"
    # The words are read-only: each part is one static block (``blocks.html_block``), not a dozen components.
    facts = html_block(markup([
        html.P(_value(spec, summary), className="present-slide__value"),
        html.P(f"{shown}, {summary.get('latest_period') or 'no period published'}"
               + (" (provisional)" if summary.get("provisional") else ""), className="present-slide__period"),
        html.P(_comparison(spec, summary, local, area_name), className="present-slide__fact"),
        html.P(_change(spec, summary), className="present-slide__fact"),
        html.P("Recent trend: " + trend_words(summary.get("trend"), summary.get("trend_judgement")) + ".",
               className="present-slide__fact"),
        html.P(sentence, className="present-slide__summary"),
    ]), class_name="present-slide__facts")
    # Only the shown slide's chart is drawn: the others wait in the deck's chart store until paging shows
    # them (``assets/present.js``), so opening the deck draws one chart, not twelve.
    if graph is None:
        content = html.P("No values have been published for this measure yet.")
    else:
        content = graph if index == current else None
    chart = html.Div(content, id=slide_chart_id(index), className="present-slide__chart",
                     role="img" if graph is not None else None,
                     **({"aria-label": f"Trend chart. {sentence}"} if graph is not None else {}))
    return html.Section([
        html_block(markup([
            html.P([html.Span(f"{index + 1} of {count}", className="present-slide__position"), " · ", outcome.name],
                   className="present-slide__outcome"),
            html.H2(spec.name, className="present-slide__title"),
        ]), class_name="present-slide__head"),
        html.Div([facts, chart], className="present-slide__body"),
        html.P(source_line, className="present-slide__source"),
    ], id=slide_id(index), hidden=index != current, className="present-slide",
        **{"aria-roledescription": "slide", "aria-label": f"{index + 1} of {count}: {spec.short_name}"})


def nav_bar() -> html.Nav:
    """Previous / position / Next: real buttons, reachable by Tab; the keys ← → PageUp PageDown click them."""
    return html.Nav([
        html.Button([html.Span("← ", **{"aria-hidden": "true"}), "Previous"], id=ids.PRESENT_PREVIOUS, type="button", className="btn btn-outline-primary present-nav__button",
                    **{"aria-controls": ids.PRESENT_DECK}),
        html.Div([
            html.P(id=ids.PRESENT_COUNTER, className="present-nav__counter", **{"aria-live": "polite", "aria-atomic": "true"}),
            html.P("Keys: ← → or Page Up / Page Down", className="present-nav__help"),
        ], className="present-nav__middle"),
        html.Button(["Next", html.Span(" →", **{"aria-hidden": "true"})], id=ids.PRESENT_NEXT, type="button", className="btn btn-primary present-nav__button",
                    **{"aria-controls": ids.PRESENT_DECK}),
    ], className="present-nav", **{"aria-label": "Slides"})
