"""Accessible HTML tables: the table alternative of every chart.

A plain ``<table>`` with a ``<caption>``, ``<th scope="col">`` headers and row headers reads well
in every screen reader (Dash's DataTable does not). Numbers are right-aligned; suppressed values
read "Suppressed" and missing ones "–" with "No data" for screen readers — never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
from dash import html

from data_access.geography import ENGLAND
from presentation import theme
from presentation.formatting import (
    MISSING,
    SUPPRESSED,
    format_change,
    format_count,
    format_value,
    is_missing,
)

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

# Columns that the publisher's suppression withholds along with the value.
SUPPRESSIBLE = frozenset({"value", "lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "change"})


@dataclass(frozen=True)
class Column:
    """One table column: DataFrame key, header text, whether it is numeric, how to format a cell."""

    key: str
    label: str
    numeric: bool = False
    format: Callable[[Any], Any] | None = None


def _as_column(column: Column | tuple) -> Column:
    return column if isinstance(column, Column) else Column(*column)


def _missing_cell() -> list:
    return [html.Span(MISSING, **{"aria-hidden": "true"}), html.Span("No data", className="visually-hidden")]


def _cell(row: pd.Series, column: Column, suppressed: bool) -> Any:
    value = row.get(column.key)
    if suppressed and column.key in SUPPRESSIBLE:
        return SUPPRESSED
    if column.key == "*" and column.format is not None:
        return column.format(row)
    if is_missing(value):
        return _missing_cell()
    return column.format(value) if column.format is not None else str(value)


def data_table(
    frame: pd.DataFrame,
    columns: Sequence[Column | tuple],
    caption: str,
    *,
    component_id: str | dict | None = None,
    row_header: bool = True,
    highlight_code: str | None = None,
) -> html.Table:
    """An accessible table of ``frame``'s ``columns`` with ``caption``.

    Args:
        frame: rows to show, in display order; a ``suppressed`` column marks withheld values.
        columns: ``Column`` objects or ``(key, label[, numeric[, format]])`` tuples. A column with
            key ``"*"`` receives the whole row in its formatter.
        caption: what the table shows (metric, period, area type) — its accessible name.
        row_header: the first column labels its row (``<th scope="row">``).
        highlight_code: an ``area_code`` whose row is marked as the selected area.
    """
    cols = [_as_column(c) for c in columns]
    head = html.Thead(html.Tr([
        html.Th(c.label, scope="col", className="num" if c.numeric else None) for c in cols
    ]))
    body = []
    for _, row in frame.iterrows():
        suppressed = not is_missing(row.get("suppressed")) and bool(row.get("suppressed"))
        cells = []
        for i, column in enumerate(cols):
            content = _cell(row, column, suppressed)
            class_name = "num" if column.numeric else None
            if i == 0 and row_header:
                cells.append(html.Th(content, scope="row", className=class_name))
            else:
                cells.append(html.Td(content, className=class_name))
        selected = highlight_code is not None and row.get("area_code") == highlight_code
        body.append(html.Tr(cells, className="is-selected" if selected else None))
    kwargs = {"id": component_id} if component_id is not None else {}
    return html.Table([html.Caption(caption), head, html.Tbody(body)], className="data-table", **kwargs)


def comparison_cell(label: Any) -> html.Span:
    """Glyph (hidden from screen readers) and words for a comparison, tinted as on the charts."""
    style = theme.comparison_style(None if is_missing(label) else str(label))
    return html.Span([
        html.Span(style["symbol"], className="badge-glyph", **{"aria-hidden": "true"}),
        " " + style["text"],
    ], className="comparison-badge", style={"backgroundColor": style["colour"], "color": style["text_colour"]})


def area_values_columns(spec: MetricSpec, *, level: str = "95") -> list[Column]:
    """The standard columns for an area-values frame of ``spec`` (as in the CSV download)."""
    return [
        Column("area_name", "Area"),
        Column("value", f"Value ({spec.value_unit})", True, lambda v: format_value(v, spec, short=True)),
        Column("lower_ci", f"Lower {level}% CI", True, lambda v: format_value(v, spec, short=True)),
        Column("upper_ci", f"Upper {level}% CI", True, lambda v: format_value(v, spec, short=True)),
        Column("numerator", "Numerator", True, format_count),
        Column("denominator", "Denominator", True, format_count),
        Column("comparison", "Compared with England", False, comparison_cell),
        Column("change", "Change since baseline", True, lambda v: format_change(v, spec)),
    ]


def area_values_table(area_values: pd.DataFrame, spec: MetricSpec, caption: str, *,
                      component_id: str | dict | None = None, highlight_code: str | None = None) -> html.Table:
    """The table alternative of the map and compare charts: one row per area, England first."""
    columns = area_values_columns(spec)
    if not spec.has_interval:
        columns = [c for c in columns if c.key not in ("lower_ci", "upper_ci")]
    order = area_values.assign(_england=area_values["area_code"] != ENGLAND)
    order = order.sort_values(["_england", "area_name"], kind="stable")
    return data_table(order, columns, caption, component_id=component_id, highlight_code=highlight_code)
