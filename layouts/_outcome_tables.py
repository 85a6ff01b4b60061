"""The table alternatives of the outcome page's charts: the same numbers, with gaps in words.

Built on ``blocks.data_table``. Every number cell reads "Suppressed" when the publisher withheld
the value and "No data" when there is none — spelled out on screen, not only for screen readers,
because a table is where people go to check a number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd
from dash import html

from layouts._components.blocks import Column, comparison_cell, data_table
from layouts._components.figures import period_order
from layouts._components.formatting import SUPPRESSED, format_change, format_count, format_value, is_missing

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


def area_table(area_values: pd.DataFrame, spec: MetricSpec, caption: str, *,
               highlight_code: str | None = None) -> html.Table:
    """One row per area (alphabetical): value, interval, counts, comparison with England, change since baseline."""
    def value(v: Any) -> str:
        return format_value(v, spec, short=True)

    columns = [Column("area_name", "Area"), Column("*", f"Value ({spec.value_unit})", True, _cell("value", value))]
    if spec.has_interval:
        columns += [Column("*", "Lower 95% CI", True, _cell("lower_ci", value)),
                    Column("*", "Upper 95% CI", True, _cell("upper_ci", value))]
    columns += [
        Column("*", "Numerator", True, _cell("numerator", format_count)),
        Column("*", "Denominator", True, _cell("denominator", format_count)),
        Column("*", "Compared with England", False,
               lambda row: comparison_cell(None if _flag(row.get("suppressed")) else row.get("comparison"))),
        Column("*", "Change since baseline", True, _cell("change", lambda v: format_change(v, spec))),
    ]
    frame = area_values.sort_values("area_name", kind="stable")
    return data_table(frame, columns, caption, highlight_code=highlight_code)


def trend_table(series: pd.DataFrame, spec: MetricSpec, selected_code: str, caption: str) -> html.Table:
    """One row per period: the selected area's value and interval beside its region's and England's values."""
    order = period_order(series)
    names = series.drop_duplicates("area_code").set_index("area_code")["area_name"]
    others = [code for code in series["area_code"].drop_duplicates() if code != selected_code]
    frame = pd.DataFrame({"period": order})

    def aligned(code: str) -> pd.DataFrame:
        rows = series[series["area_code"] == code].drop_duplicates("period")
        return rows.set_index(rows["period"].astype(str)).reindex(order).reset_index(drop=True)

    chosen = aligned(selected_code)
    for key in ("value", "lower_ci", "upper_ci", "suppressed", "provisional"):
        frame[key] = chosen[key].to_numpy() if key in chosen else None
    for i, code in enumerate(others):
        other = aligned(code)
        frame[f"c{i}_value"], frame[f"c{i}_suppressed"] = other["value"].to_numpy(), other["suppressed"].to_numpy()

    def value(v: Any) -> str:
        return format_value(v, spec, short=True)

    name = str(names.get(selected_code, selected_code))
    columns = [Column("period", "Period"), Column("*", f"{name} ({spec.value_unit})", True, _cell("value", value))]
    if spec.has_interval:
        columns += [Column("*", "Lower 95% CI", True, _cell("lower_ci", value)),
                    Column("*", "Upper 95% CI", True, _cell("upper_ci", value))]
    columns += [Column("*", str(names.get(code, code)), True, _cell("value", value, prefix=f"c{i}_"))
                for i, code in enumerate(others)]
    columns.append(Column("*", "Provisional", False, lambda row: "Provisional" if _flag(row.get("provisional")) else ""))
    return data_table(frame, columns, caption)
