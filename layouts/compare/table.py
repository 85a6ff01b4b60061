"""The compare page's heat-map table: partnerships × metrics, each cell judged against England.

Pure functions of the read layer's frames. Each cell carries the value, a glyph and a short word
("✗ Worse") as well as the colour, so the table reads without colour and in a screen reader; a
suppressed value reads "Suppressed" and a missing one "No data", never 0; an estimated value reads
"(estimate)", and a cell's title carries the note on its value. Where a metric has no
confidence interval the cell shows its quintile instead, as Fingertips does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import html

from data_access.catalogue import MetricSpec
from data_access.read.precision import at_published_precision
from layouts.compare.state import SORT_REGION, sort_metric
from presentation import theme
from presentation.formatting import (
    ESTIMATE,
    SUPPRESSED,
    format_interval,
    format_value,
    is_missing,
    unit_words,
)
from presentation.html import esc, html_table, line, tag

SHORT_WORDS = {"better": "Better", "similar": "Similar", "worse": "Worse", "higher": "Higher", "lower": "Lower",
               "not_compared": "Not compared"}
ROW_CLASS = "compare-row"
ENGLAND_CLASS = "compare-england"
_NOWRAP = {"whiteSpace": "nowrap"}
# The first column stays in view while a wide table scrolls sideways on a phone.
_STICKY = {"position": "sticky", "left": "0", "zIndex": "1", "backgroundColor": theme.BACKGROUND, "minWidth": "9rem"}


def comparison_column(level: str) -> str:
    """The read layer's comparison column for a confidence level ("95" or "99.8")."""
    return "comparison_998" if level == "99.8" else "comparison"


def interval_columns(level: str) -> tuple[str, str]:
    return ("lower_998", "upper_998") if level == "99.8" else ("lower_ci", "upper_ci")


def compare_frame(
    partnerships: pd.DataFrame,
    values: Mapping[str, pd.DataFrame],
    *,
    level: str,
    region: str | None = None,
    sort: str = "name",
) -> pd.DataFrame:
    """One row per partnership (filtered to ``region``, in ``sort`` order) with each metric's cell facts.

    ``partnerships``: the read layer's ``partnerships()``. ``values``: metric id → ``area_values``
    for partnerships. Columns: code, name, region_code, region_name and, per metric id ``m``,
    ``m:value``, ``m:lower``, ``m:upper``, ``m:suppressed``, ``m:label``, ``m:quintile``, ``m:note``.
    Sorting by a metric puts valued rows first (by value), then suppressed, then missing.
    """
    frame = partnerships[["code", "name", "region_code", "region_name"]].copy()
    if region:
        frame = frame[frame["region_code"] == region]
    label_col = comparison_column(level)
    lower_col, upper_col = interval_columns(level)
    for metric_id, rows in values.items():
        part = rows.set_index("area_code")
        frame[f"{metric_id}:value"] = pd.to_numeric(frame["code"].map(part["value"]), errors="coerce")
        frame[f"{metric_id}:lower"] = frame["code"].map(part[lower_col])
        frame[f"{metric_id}:upper"] = frame["code"].map(part[upper_col])
        frame[f"{metric_id}:suppressed"] = frame["code"].map(part["suppressed"]).eq(True)
        frame[f"{metric_id}:label"] = frame["code"].map(part[label_col]).fillna("not_compared")
        frame[f"{metric_id}:quintile"] = frame["code"].map(part["quintile"])
        frame[f"{metric_id}:note"] = frame["code"].map(part["note"])
        frame[f"{metric_id}:estimated"] = (frame["code"].map(part["estimated"]).eq(True) if "estimated" in part
                                           else False)
    return sort_frame(frame, sort)


def sort_frame(frame: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Rows in ``sort`` order; ties (and the name sort itself) by name, case-insensitively."""
    frame = frame.assign(_name=frame["name"].str.lower())
    metric_id, ascending = sort_metric(sort)
    if metric_id is None:
        keys = ["region_name", "_name"] if sort == SORT_REGION else ["_name"]
        ordered = frame.sort_values(keys, kind="stable", na_position="last")
    elif f"{metric_id}:value" not in frame:
        ordered = frame.sort_values("_name", kind="stable")
    else:
        value = frame[f"{metric_id}:value"]
        state = pd.Series(1, index=frame.index).where(value.notna(), 3).where(~frame[f"{metric_id}:suppressed"], 2)
        ordered = frame.assign(_state=state, _key=value if ascending else -value)
        ordered = ordered.sort_values(["_state", "_key", "_name"], kind="stable").drop(columns=["_state", "_key"])
    return ordered.drop(columns=["_name"]).reset_index(drop=True)


def cell_style(spec: MetricSpec, label: Any, quintile: Any, *, shown: bool) -> dict[str, str]:
    """Colour, glyph and short word of one cell: the comparison, or the quintile where there is no interval."""
    if not shown:
        style = theme.comparison_style("not_compared")
        return {**style, "word": ""}
    if spec.has_interval:
        key = label if label in SHORT_WORDS else "not_compared"
        return {**theme.comparison_style(key), "word": SHORT_WORDS[key]}
    if is_missing(quintile):
        return {**theme.comparison_style("not_compared"), "word": "Not ranked"}
    style = theme.quintile_style(int(quintile))
    return {**style, "symbol": f"Q{int(quintile)}", "word": style["text"]}


def heat_cell(spec: MetricSpec, row: Mapping[str, Any], *, level: str) -> str:
    """One coloured cell (HTML): value on the first line, glyph and short word on the second."""
    value = row.get(f"{spec.id}:value")
    suppressed = bool(row.get(f"{spec.id}:suppressed"))
    if suppressed or is_missing(value):
        style = cell_style(spec, None, None, shown=False)
        words = SUPPRESSED if suppressed else "No data"
        note = row.get(f"{spec.id}:note")
        title = str(note) if not is_missing(note) and note else words
        body = tag("span", esc(style["symbol"]), aria_hidden="true") + esc(f" {words}")
        return tag("td", body, title=title, class_="num",
                   style={"backgroundColor": style["colour"], "color": style["text_colour"], **_NOWRAP})
    style = cell_style(spec, row.get(f"{spec.id}:label"), row.get(f"{spec.id}:quintile"), shown=True)
    interval = format_interval(row.get(f"{spec.id}:lower"), row.get(f"{spec.id}:upper"), spec, level=level)
    title = style["text"] if spec.has_interval else f"Quintile: {style['word']}"
    if interval != "–":
        title += f" ({interval})"
    note, estimated = row.get(f"{spec.id}:note"), bool(row.get(f"{spec.id}:estimated"))
    if not is_missing(note) and note:
        title += f". {note}"  # the publisher's note, or the estimate's method
    body = (line(esc(format_value(value, spec, short=True) + (f" ({ESTIMATE})" if estimated else "")))
            + line(tag("span", esc(style["symbol"]), aria_hidden="true") + esc(f" {style['word']}")))
    return tag("td", body, title=title, class_="num",
               style={"backgroundColor": style["colour"], "color": style["text_colour"], **_NOWRAP})


def metric_header(spec: MetricSpec, period: str | None) -> str:
    """Column header (HTML): the metric's short name (a link to its definition), its period and unit."""
    unit = "%" if spec.measure == "proportion" else unit_words(spec)
    detail = " · ".join(part for part in (period or "No data", unit) if part)
    return tag("th", line(tag("a", esc(spec.short_name), href=f"/metric/{spec.id}"))
               + line(esc(detail), style={"fontWeight": "normal", "fontSize": "0.875rem"}),
               scope="col", class_="num", style={"minWidth": "7.5rem", "whiteSpace": "normal"})


def heatmap_table(
    frame: pd.DataFrame,
    metrics: Sequence[MetricSpec],
    *,
    periods: Mapping[str, str | None],
    england: Mapping[str, Any],
    level: str,
    caption: str,
    highlight: str | None = None,
    component_id: str | None = None,
) -> Any:
    """The heat map: an England benchmark row, then one row per partnership in ``frame`` order.

    ``periods``: metric id → period shown; ``england``: metric id → England's value for it.
    The highlighted partnership's row is outlined, bold and says "(selected)". Rows carry the
    class ``compare-row`` (and ``is-selected``) and ``data-code``, which tests and scripts can use.
    """
    head = [tag("th", "Partnership", scope="col", style=_STICKY), tag("th", "Region", scope="col"),
            *[metric_header(spec, periods.get(spec.id)) for spec in metrics]]
    rows = [tag("tr", [
        tag("th", "England (benchmark)", scope="row", style=_STICKY),
        tag("td", "–"),
        *[tag("td", esc(format_value(england.get(spec.id), spec, short=True)), class_="num") for spec in metrics],
    ], class_=ENGLAND_CLASS, style={"borderBottom": f"2px solid {theme.TEXT}", "fontWeight": 700})]
    for row in frame.to_dict("records"):
        selected = highlight is not None and row["code"] == highlight
        name = tag("a", esc(row["name"]), href=f"/partnership/{row['code']}") + (" (selected)" if selected else "")
        rows.append(tag(
            "tr",
            [tag("th", name, scope="row", style=_STICKY), tag("td", esc(row.get("region_name") or "–")),
             *[heat_cell(spec, row, level=level) for spec in metrics]],
            class_=f"{ROW_CLASS} is-selected" if selected else ROW_CLASS, data_code=row["code"],
            style={"outline": f"3px solid {theme.SELECTED_OUTLINE}", "outlineOffset": "-3px"} if selected else None,
        ))
    return html_table(caption, head, rows, class_name="data-table compare-heatmap", component_id=component_id)


def legend(metrics: Sequence[MetricSpec]) -> html.Div:
    """What the cell colours, glyphs and words mean, for the metrics in the table."""
    keys: list[str] = []
    if any(m.has_interval and m.polarity != "no_judgement" for m in metrics):
        keys += ["better", "similar", "worse"]
    if any(m.has_interval and m.polarity == "no_judgement" for m in metrics):
        keys += [k for k in ("lower", "similar", "higher") if k not in keys]
    keys.append("not_compared")
    items = []
    for key in keys:
        style = theme.comparison_style(key)
        text = style["text"] if key != "not_compared" else "Not compared, suppressed or no data"
        items.append(html.Li([
            html.Span(style["symbol"], className="map-legend__swatch", **{"aria-hidden": "true"},
                      style={"backgroundColor": style["colour"], "color": style["text_colour"],
                             "borderColor": theme.NOT_COMPARED_OUTLINE}),
            html.Span(text),
        ], className="map-legend__item"))
    if any(not m.has_interval for m in metrics):
        items.append(html.Li("Q1–Q5: quintile, for measures without a confidence interval",
                             className="map-legend__item"))
    return html.Div([html.P("Key", className="map-legend__title"), html.Ul(items, className="map-legend__list")],
                    className="map-legend")


def download_frame(frame: pd.DataFrame, metrics: Sequence[MetricSpec], *, periods: Mapping[str, str | None],
                   england: Mapping[str, Any], level: str, release: Mapping[str, Any] | None) -> pd.DataFrame:
    """The table as a tidy CSV: one row per partnership × metric, in the table's order, each value at its metric's
    published precision (``data_access.read.precision``)."""
    release = release or {}
    rows = []
    for row in frame.to_dict("records"):
        for spec in metrics:
            suppressed = bool(row.get(f"{spec.id}:suppressed"))
            label = row.get(f"{spec.id}:label")
            quintile = row.get(f"{spec.id}:quintile")
            rows.append({
                "area_code": row["code"], "area_name": row["name"], "region": row.get("region_name"),
                "metric_id": spec.id, "metric_name": spec.name, "period": periods.get(spec.id),
                "value": row.get(f"{spec.id}:value"), "unit": spec.value_unit,
                f"lower_ci_{level.replace('.', '_')}": row.get(f"{spec.id}:lower"),
                f"upper_ci_{level.replace('.', '_')}": row.get(f"{spec.id}:upper"),
                "england_value": england.get(spec.id),
                f"comparison_with_england_{level.replace('.', '_')}": label if spec.has_interval else None,
                "quintile": None if is_missing(quintile) else int(quintile),
                "suppressed": suppressed, "estimated": bool(row.get(f"{spec.id}:estimated")),
                "note": row.get(f"{spec.id}:note") or "",
                "release_id": release.get("id"), "demonstration_data": bool(release.get("any_demo")),
            })
    return at_published_precision(pd.DataFrame(rows))
