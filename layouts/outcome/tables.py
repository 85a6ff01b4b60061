"""The table alternatives of the outcome page's charts: the same numbers, with gaps in words.

Every number cell reads "Suppressed" when the publisher withheld the value and "No data" when there
is none; an estimated value is marked "(estimate)" with its method in a note under the table, and each
row's publisher note is in a Notes column — spelled out on screen, not only for screen readers, because a table is where people go
to check a number.

The area tables (one row per partnership or authority, 125–153 rows) are written as one HTML
``<table>`` in a single ``blocks.html_block`` rather than as Dash components: built from
``blocks.data_table`` they were about 1,700 components each, and with two of them the Dash
renderer spent tens of seconds re-checking every component wrapper on each callback response
(measured in headless Chromium: the page stopped responding). The markup is the same as
``data_table``'s — caption, ``th scope``, ``num`` and ``is-selected`` classes — so it reads and
looks the same. Every value is HTML-escaped. The short trend table is built with ``data_table`` and
written as markup too (as ``blocks.static_html`` does): it comes with the page, and its seventy-odd cells
were a third of an outcome page's components.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

import pandas as pd
from dash import html

from presentation import theme
from presentation.blocks import Column, data_table, html_block
from presentation.blocks.static import markup
from presentation.figures import period_order
from presentation.figures.gaps import SMALL_NUMBERS_NOTE, small_count_flags
from presentation.formatting import (
    ESTIMATE,
    ESTIMATE_FOOTNOTE,
    SUPPRESSED,
    format_change,
    format_count,
    format_value,
    is_missing,
    shown_note,
)

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

NO_DATA = "No data"
_WITHHELD = {"value", "lower_ci", "upper_ci", "numerator", "change"}


def _flag(value: Any) -> bool:
    return False if is_missing(value) else bool(value)


def _cell(key: str, fmt: Callable[[Any], str], *, prefix: str = "") -> Callable[[pd.Series], str]:
    """A row formatter for column ``prefix + key`` that spells out suppressed and missing values."""
    def render(row: pd.Series) -> str:
        if key in _WITHHELD and _flag(row.get(f"{prefix}suppressed")):
            return SUPPRESSED
        value = row.get(prefix + key)
        return NO_DATA if is_missing(value) else fmt(value)
    return render


def _badge(label: Any) -> str:
    """The comparison as glyph (hidden from screen readers) and words, tinted as on the charts."""
    style = theme.comparison_style(None if is_missing(label) else str(label))
    return (f'<span class="comparison-badge" style="background-color:{style["colour"]};'
            f'color:{style["text_colour"]}"><span class="badge-glyph" aria-hidden="true">{escape(style["symbol"])}'
            f'</span> {escape(style["text"])}</span>')


def area_table(area_values: pd.DataFrame, spec: MetricSpec, caption: str, *,
               highlight_code: str | None = None) -> html.Div:
    """One row per area (alphabetical): value, interval, counts, comparison with England, change since baseline."""
    def value(v: Any) -> str:
        return format_value(v, spec, short=True)

    numbers: list[tuple[str, Callable[[pd.Series], str]]] = [(f"Value ({spec.value_unit})", _estimated(value))]
    if spec.has_interval:
        numbers += [("Lower 95% CI", _cell("lower_ci", value)), ("Upper 95% CI", _cell("upper_ci", value))]
    numbers += [("Numerator", _cell("numerator", format_count)), ("Denominator", _cell("denominator", format_count)),
                ("Change since baseline", _cell("change", lambda v: format_change(v, spec)))]
    head = ('<th scope="col">Area</th>' + "".join(f'<th scope="col" class="num">{escape(label)}</th>'
                                                  for label, _ in numbers)
            + '<th scope="col">Compared with England</th><th scope="col">Notes</th>')
    rows = []
    for _, row in area_values.sort_values("area_name", kind="stable").iterrows():
        selected = ' class="is-selected"' if highlight_code is not None and row["area_code"] == highlight_code else ""
        comparison = None if _flag(row.get("suppressed")) else row.get("comparison")
        cells = "".join(f'<td class="num">{escape(render(row))}</td>' for _, render in numbers)
        rows.append(f'<tr{selected}><th scope="row">{escape(str(row["area_name"]))}</th>{cells}'
                    f"<td>{_badge(comparison)}</td><td>{escape(_note(row))}</td></tr>")
    table = (f'<table class="data-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>{_estimate_footnote(area_values)}')
    return html_block(table, class_name="outcome-table")


def _estimated(fmt: Callable[[Any], str], *, prefix: str = "") -> Callable[[pd.Series], str]:
    """The value cell, marked "(estimate)" when the value was estimated rather than pooled exactly."""
    cell = _cell("value", fmt, prefix=prefix)

    def render(row: pd.Series) -> str:
        text = cell(row)
        return text if text in (SUPPRESSED, NO_DATA) else text + (f" ({ESTIMATE})" if _flag(row.get(
            f"{prefix}estimated")) else "")
    return render


def _note(row: pd.Series) -> str:
    """The Notes cell: the publisher's note; an estimate points to the footnote that states its method."""
    return "Estimate: see the note below the table" if _flag(row.get("estimated")) else shown_note(row)


def _estimate_footnote(rows: pd.DataFrame) -> str:
    """The estimate method, once under a table with any estimated value ("" when none is)."""
    if "estimated" not in rows or not rows["estimated"].map(_flag).any():
        return ""
    return f'<p class="table-note small">{escape(ESTIMATE_FOOTNOTE)}</p>'


def trend_table(series: pd.DataFrame, spec: MetricSpec, selected_code: str, caption: str) -> html.Div:
    """One row per period: the selected area's value and interval beside its region's and England's values."""
    order = period_order(series)
    names = series.drop_duplicates("area_code").set_index("area_code")["area_name"]
    others = [code for code in series["area_code"].drop_duplicates() if code != selected_code]
    frame = pd.DataFrame({"period": order})

    def aligned(code: str) -> pd.DataFrame:
        rows = series[series["area_code"] == code].drop_duplicates("period")
        return rows.set_index(rows["period"].astype(str)).reindex(order).reset_index(drop=True)

    chosen = aligned(selected_code)
    for key in ("value", "lower_ci", "upper_ci", "suppressed", "provisional", "estimated", "note"):
        frame[key] = chosen[key].to_numpy() if key in chosen else None
    # A rate the chart leaves out under OHID's small-numbers rule is not printed here either, and says why.
    small = pd.Series(small_count_flags(chosen, spec), dtype=bool).to_numpy()
    if small.any():
        frame.loc[small, "suppressed"] = True
        frame.loc[small, ["value", "lower_ci", "upper_ci"]] = None
        frame.loc[small, "note"] = SMALL_NUMBERS_NOTE
    for i, code in enumerate(others):
        other = aligned(code)
        frame[f"c{i}_value"], frame[f"c{i}_suppressed"] = other["value"].to_numpy(), other["suppressed"].to_numpy()

    def value(v: Any) -> str:
        return format_value(v, spec, short=True)

    name = str(names.get(selected_code, selected_code))
    columns = [Column("period", "Period"), Column("*", f"{name} ({spec.value_unit})", True, _estimated(value))]
    if spec.has_interval:
        columns += [Column("*", "Lower 95% CI", True, _cell("lower_ci", value)),
                    Column("*", "Upper 95% CI", True, _cell("upper_ci", value))]
    columns += [Column("*", str(names.get(code, code)), True, _cell("value", value, prefix=f"c{i}_"))
                for i, code in enumerate(others)]
    columns.append(Column("*", "Provisional", False, lambda row: "Provisional" if _flag(row.get("provisional")) else ""))
    columns.append(Column("*", "Notes", False, _note))
    return html_block(markup(data_table(frame, columns, caption)) + _estimate_footnote(frame),
                      class_name="outcome-table")
