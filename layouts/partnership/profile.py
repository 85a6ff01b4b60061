"""The partnership profile's tables: every measure (a spine-chart table) and the member-authority breakdown.

The spine table is what a board pack reviews (reference/feature-anchors.md §6): for each measure
the latest pooled value with its interval, England, the comparison with England, where the
partnership sits among all partnerships, the change since the measure's baseline and the recent
trend — each judgement as a symbol, words and a colour, so none relies on colour. The member table
puts the partnership beside its councils, as board packs always do. Pure functions: the callback
passes in the frames it read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pandas as pd
from dash import html

from data_access.catalogue import get_catalogue
from layouts._shared.links import outcome_href
from layouts.partnership.member_map import Member
from presentation import blocks, theme
from presentation.formatting import ESTIMATE, SUPPRESSED, format_interval, format_value, is_missing

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

NO_DATA = "No data"
ENGLAND_ONLY = "England figure only"
Spread = tuple[float, float, float, float]

_TREND_WORDS = {"increasing": ("↗", "Increasing"), "decreasing": ("↘", "Decreasing"),
                "no_significant_change": ("→", "No significant change"), "not_enough_data": ("", "Not enough data")}
_JUDGEMENT_WORDS = {"getting_better": "and getting better", "getting_worse": "and getting worse",
                    "not_judged": "(no better or worse)"}
_JUDGEMENT_STYLE = {"getting_better": "improved", "getting_worse": "worsened",
                    "no_significant_change": "no_significant_change"}


def _hidden(text: str) -> html.Span:
    return html.Span(text, className="visually-hidden")


def trend_cell(trend: str | None, judgement: str | None) -> html.Span:
    """ "↗ Increasing and getting worse", with the judgement's colour as a left rule."""
    arrow, words = _TREND_WORDS.get(trend or "", ("", "Not tested"))
    if judgement in _JUDGEMENT_WORDS and trend in ("increasing", "decreasing"):
        words = f"{words} {_JUDGEMENT_WORDS[judgement]}"
    key = _JUDGEMENT_STYLE.get(judgement or "")
    if judgement == "not_judged":
        key = "increased" if trend == "increasing" else "decreased"
    colour = theme.change_style(key)["colour"]
    children: list[Any] = [html.Span(arrow + " ", **{"aria-hidden": "true"}, className="fw-bold")] if arrow else []
    return html.Span(children + [words], style={"borderLeft": f"6px solid {colour}", "paddingLeft": "0.5rem",
                                                "display": "inline-block"})


def spine(value: Any, spread: Spread | None, england: Any, comparison: str | None) -> html.Div | None:
    """Where the value sits among all partnerships: range bar, middle-half bar, England line, marker.

    Drawn left = lowest to right = highest for every measure; the marker carries the comparison's
    colour and glyph, and a visually hidden sentence says the same for screen readers.
    """
    if spread is None or is_missing(value):
        return None
    low, q1, q3, high = spread
    if not high > low:
        return None

    def at(number: float) -> float:
        return max(0.0, min(100.0, 100.0 * (float(number) - low) / (high - low)))

    style = theme.comparison_style(comparison)
    parts = [
        html.Div(style={"position": "absolute", "left": 0, "right": 0, "top": "40%", "height": "20%",
                        "backgroundColor": theme.GRID}),
        html.Div(style={"position": "absolute", "left": f"{at(q1):.1f}%", "width": f"{at(q3) - at(q1):.1f}%",
                        "top": "25%", "height": "50%", "backgroundColor": theme.BORDER}),
    ]
    if not is_missing(england):
        parts.append(html.Div(style={"position": "absolute", "left": f"{at(england):.1f}%", "width": "2px",
                                     "top": 0, "bottom": 0, "backgroundColor": theme.TEXT}))
    parts.append(html.Span(style["symbol"], style={
        "position": "absolute", "left": f"calc({at(value):.1f}% - 0.6rem)", "top": "50%",
        "transform": "translateY(-50%)", "width": "1.2rem", "height": "1.2rem", "borderRadius": "50%",
        "display": "flex", "alignItems": "center", "justifyContent": "center", "fontSize": "0.75rem",
        "fontWeight": 700, "backgroundColor": style["colour"], "color": style["text_colour"],
        "border": f"1px solid {theme.TEXT}"}))
    return html.Div(parts, **{"aria-hidden": "true"},
                    style={"position": "relative", "height": "1.5rem", "minWidth": "6rem", "margin": "0 0.6rem"})


def _spine_words(spec: MetricSpec, spread: Spread | None) -> str:
    if spread is None:
        return ""
    return (f"Partnerships range from {format_value(spread[0], spec)} to {format_value(spread[3], spec)}; "
            f"the middle half from {format_value(spread[1], spec)} to {format_value(spread[2], spec)}.")


def _value_cell(row: Mapping[str, Any], spec: MetricSpec) -> list[Any]:
    if not row["local"]:
        return [html.Em(ENGLAND_ONLY)]
    if row.get("suppressed"):
        return [SUPPRESSED]
    if is_missing(row.get("latest_value")):
        return [NO_DATA]
    # Short numbers: the unit is under the measure's name, and a long unit in a no-wrap cell squeezed
    # the judgement columns into slivers.
    estimate = f" ({ESTIMATE})" if row.get("estimated") else ""
    cell: list[Any] = [html.Div(format_value(row["latest_value"], spec, short=True) + estimate, className="fw-bold")]
    interval = format_interval(row.get("lower_ci"), row.get("upper_ci"), spec)
    if interval != "–":
        cell.append(html.Div(interval.replace("95% CI ", "95% CI: "), className="small text-secondary"))
    return cell


def _england_value(row: Mapping[str, Any], spec: MetricSpec) -> str:
    value = row.get("england_value")
    if is_missing(value) and not row["local"]:
        value = row.get("latest_value")
    return NO_DATA if is_missing(value) else format_value(value, spec, short=True)


def _measure_cell(spec: MetricSpec, slug: str, area_code: str) -> html.Th:
    tier = "Headline" if spec.tier == "headline" else "Supporting"
    return html.Th([
        html.A(spec.short_name, href=outcome_href(slug, area=area_code, metric=spec.id)),
        html.Div(f"{tier} measure · {spec.value_unit}", className="small text-secondary fw-normal"),
    ], scope="row")


def _profile_row(row: Mapping[str, Any], spec: MetricSpec, slug: str, area_code: str,
                 spread: Spread | None) -> html.Tr:
    local = bool(row["local"])
    comparison = row.get("comparison") if local else None
    spine_div = spine(row.get("latest_value"), spread, row.get("england_value"), comparison) if local else None
    change: list[Any] = [blocks.change_badge(spec, row)]
    if not local and not is_missing(row.get("baseline_value")):
        change.append(html.Div("England's change", className="small text-secondary"))
    period = row.get("latest_period") or "–"
    if row.get("provisional"):
        period += " (provisional)"
    cells = [
        _measure_cell(spec, slug, area_code),
        html.Td(period),
        html.Td(_value_cell(row, spec), className="num"),
        html.Td(_england_value(row, spec), className="num"),
        html.Td(blocks.comparison_cell(comparison) if local else ["–", _hidden("Not compared")]),
        html.Td([spine_div, _hidden(_spine_words(spec, spread))] if spine_div is not None else "",
                className=_SPINE_CLASS),
        html.Td(change),
        html.Td(trend_cell(row.get("trend"), row.get("trend_judgement"))),
    ]
    return html.Tr(cells, style=None if local else {"backgroundColor": theme.PANEL})


PROFILE_HEADERS = ("Measure", "Period", None, "England", "Compared with England",
                   "Range across partnerships (lowest to highest)", "Change since baseline", "Recent trend")
# Minimum widths keep the word-heavy judgement columns readable when the table scrolls on a phone.
_HEADER_WIDTHS = {0: "10rem", 5: "7rem", 6: "12rem", 7: "7.5rem"}
# The spine is a visual extra (its words are in the comparison column): hidden on phones to save width.
_SPINE_CLASS = "d-none d-md-table-cell"


def profile_table(profile: pd.DataFrame, *, area_code: str, area_name: str,
                  spreads: Mapping[str, Spread]) -> html.Table:
    """Every catalogue metric once, grouped by outcome (a header row per outcome links to its page)."""
    catalogue = get_catalogue()
    headers = [h if h is not None else area_name for h in PROFILE_HEADERS]
    head = html.Thead(html.Tr([html.Th(h, scope="col", className="num" if i in (2, 3) else _SPINE_CLASS if i == 5 else None,
                                       style={"minWidth": _HEADER_WIDTHS[i]} if i in _HEADER_WIDTHS else None)
                               for i, h in enumerate(headers)]))
    bodies = []
    for outcome_id, group in profile.groupby("outcome_id", sort=False):
        outcome = catalogue.outcome(outcome_id)
        rows: list[Any] = [html.Tr(html.Th(html.A(outcome.name, href=outcome_href(outcome.slug, area=area_code)),
                                           colSpan=len(headers), scope="colgroup",
                                           style={"backgroundColor": theme.PANEL, "fontSize": "1.1rem"}))]
        for record in group.to_dict("records"):
            spec = catalogue.metric(record["metric_id"])
            rows.append(_profile_row(record, spec, outcome.slug, area_code, spreads.get(spec.id)))
        bodies.append(html.Tbody(rows))
    caption = (f"{area_name} and England: the latest value of every measure, its change since the measure's "
               "baseline and its recent trend. Shaded rows are England-only measures.")
    return html.Table([html.Caption(caption), head, *bodies], className="data-table")


def _member_value(row: Mapping[str, Any] | None, spec: MetricSpec) -> list[Any]:
    if row is None:
        return [NO_DATA]
    if row.get("suppressed"):
        return [SUPPRESSED]
    if is_missing(row.get("value")):
        return [NO_DATA]
    style = theme.comparison_style(row.get("comparison"))
    glyph = html.Span(style["symbol"], **{"aria-hidden": "true"}, className="ms-1 px-1", style={
        "backgroundColor": style["colour"], "color": style["text_colour"],
        "border": f"1px solid {theme.SECONDARY_TEXT}", "fontSize": "0.8rem"})
    return [format_value(row["value"], spec, short=True), glyph, _hidden(f" ({style['text'][0].lower()}{style['text'][1:]})")]


def members_table(profile: pd.DataFrame, member_values: Mapping[str, pd.DataFrame], members: Sequence[Member],
                  *, area_name: str) -> html.Table:
    """Local measures × member authorities for the partnership's latest period of each measure."""
    catalogue = get_catalogue()
    head = html.Thead(html.Tr([html.Th("Measure", scope="col"), html.Th("Period", scope="col"),
                               html.Th(area_name, scope="col", className="num")]
                              + [html.Th(m.name, scope="col", className="num") for m in members]))
    bodies = []
    local = profile[profile["local"]]
    for outcome_id, group in local.groupby("outcome_id", sort=False):
        outcome = catalogue.outcome(outcome_id)
        rows: list[Any] = [html.Tr(html.Th(outcome.name, colSpan=3 + len(members), scope="colgroup",
                                           style={"backgroundColor": theme.PANEL}))]
        for record in group.to_dict("records"):
            spec = catalogue.metric(record["metric_id"])
            values = member_values.get(spec.id, pd.DataFrame(columns=["area_code"]))
            by_code = {r["area_code"]: r for r in values.to_dict("records")}
            pooled = {"value": record.get("latest_value"), "suppressed": record.get("suppressed"),
                      "comparison": record.get("comparison")}
            rows.append(html.Tr([
                html.Th([spec.short_name, html.Div(spec.value_unit, className="small text-secondary fw-normal")],
                        scope="row"),
                html.Td(record.get("latest_period") or "–"),
                html.Td(_member_value(pooled, spec), className="num fw-bold"),
                *[html.Td(_member_value(by_code.get(m.code), spec), className="num") for m in members],
            ]))
        bodies.append(html.Tbody(rows))
    caption = (f"{area_name} and its member authorities, latest period of each local measure. The symbol "
               "compares each value with England: ✓ better, ≈ similar, ✗ worse, ▲ higher, ▼ lower, ○ not compared.")
    return html.Table([html.Caption(caption), head, *bodies], className="data-table")


def outcome_links(area_code: str, area_name: str) -> html.Div:
    """For the board: the pack, presentation mode and what changed; then each outcome page for this area."""
    code = quote(area_code, safe="")
    meeting = html.P([
        html.A("Download the board pack (PDF)", href=f"/partnership/{code}/pack.pdf",
               className="btn btn-outline-primary me-2 mb-2"),
        html.A("Present to the board", href=f"/present/{code}", className="btn btn-outline-primary me-2 mb-2"),
        html.A("What changed since the last board", href=f"/partnership/{code}/changes",
               className="btn btn-outline-primary mb-2"),
    ])
    items = [html.Li(html.A(f"{outcome.name} in {area_name}", href=outcome_href(outcome.slug, area=area_code)))
             for outcome in get_catalogue().outcomes]
    return html.Div([meeting, html.Ul(items, className="mb-0")])
