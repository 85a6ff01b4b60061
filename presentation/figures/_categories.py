"""Colour categories for maps: which areas fall in which class, for each colour mode, and their hover text.

Both map kinds (boundaries and tiles) and the HTML legend read these, so a class has one colour,
one glyph and one wording wherever it appears. Suppressed and missing areas always land in the
last, "not compared" class — never in a class a 0 would fall into. So does a rate from fewer than
10 events that OHID would not publish (``gaps.small_count_flags``): it is not coloured as a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from presentation import theme
from presentation.figures.gaps import FEWER_THAN_10, small_count_flags
from presentation.formatting import (
    SUPPRESSED,
    estimate_marker,
    format_interval,
    format_value,
    is_missing,
    shown_note,
)
from presentation.ids import COLOUR_BY_VALUES

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

NO_DATA = "No data"


@dataclass(frozen=True)
class MapCategory:
    """One colour class of a map."""

    key: str
    colour: str
    text_colour: str
    symbol: str
    text: str


def _judged(spec: MetricSpec) -> bool:
    return spec.polarity != "no_judgement"


def map_categories(colour_by: str, spec: MetricSpec) -> list[MapCategory]:
    """The classes of a colour mode, in legend order; the last is always "not compared / no data"."""
    if colour_by not in COLOUR_BY_VALUES:
        raise ValueError(f"colour_by must be one of {COLOUR_BY_VALUES}, not {colour_by!r}")
    if colour_by == "value":
        styles = [theme.quintile_style(q) for q in range(1, 6)]
        keys = [f"q{q}" for q in range(1, 6)]
        last = dict(theme.comparison_style("not_compared"), text="Suppressed or no data")
    elif colour_by == "comparison":
        keys = ["better", "similar", "worse"] if _judged(spec) else ["lower", "similar", "higher"]
        styles = [theme.comparison_style(k) for k in keys]
        last = dict(theme.comparison_style("not_compared"), text="Not compared, suppressed or no data")
    else:
        keys = (["improved", "no_significant_change", "worsened"] if _judged(spec)
                else ["decreased", "no_significant_change", "increased"])
        styles = [theme.change_style(k) for k in keys]
        last = dict(theme.change_style("not_tested"), text="Not tested, suppressed or no data")
    categories = [MapCategory(k, s["colour"], s["text_colour"], s["symbol"], s["text"])
                  for k, s in zip(keys, styles, strict=True)]
    categories.append(MapCategory("not_compared", last["colour"], last["text_colour"], last["symbol"], last["text"]))
    return categories


def discrete_colorscale(categories: list[MapCategory]) -> list[list]:
    """A stepped colorscale: category i owns the band [i/n, (i+1)/n] so z = i draws exactly its colour."""
    n = len(categories)
    scale = []
    for i, category in enumerate(categories):
        scale.append([i / n, category.colour])
        scale.append([(i + 1) / n, category.colour])
    return scale


def _flag(value: object) -> bool:
    return False if is_missing(value) else bool(value)


def _quintiles(frame: pd.DataFrame, usable: pd.Series) -> pd.Series:
    """The read layer's quintiles; computed by rank only when it sent none (so a map still shows values)."""
    if "quintile" in frame and frame.loc[usable, "quintile"].notna().any():
        return frame["quintile"]
    values = pd.to_numeric(frame["value"], errors="coerce").where(usable)
    if values.notna().sum() < 5:
        return pd.Series(pd.NA, index=frame.index)
    ranks = values.rank(method="first")
    result = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    result[ranks.notna()] = pd.qcut(ranks.dropna(), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    return result


def categorise(area_values: pd.DataFrame, colour_by: str, spec: MetricSpec) -> pd.DataFrame:
    """One row per area: ``area_code``, ``area_name``, ``index`` (z), ``key``, ``hover`` (HTML lines).

    Only partnership/UTLA rows are mapped; England and region rows are benchmarks, not map areas.
    """
    categories = map_categories(colour_by, spec)
    last = len(categories) - 1
    position = {c.key: i for i, c in enumerate(categories)}
    frame = area_values
    if "area_type" in frame:
        frame = frame[~frame["area_type"].isin(["country", "region"])]
    frame = frame.reset_index(drop=True)
    suppressed = frame["suppressed"].map(_flag) if "suppressed" in frame else pd.Series(False, index=frame.index)
    small = pd.Series(small_count_flags(frame, spec), index=frame.index, dtype=bool)
    usable = ~suppressed & ~small & frame["value"].map(lambda v: not is_missing(v))
    quintiles = _quintiles(frame, usable) if colour_by == "value" else None
    records = frame.to_dict("records")  # plain dicts: ~20× faster to walk than ``iterrows`` Series
    usable_flags = usable.tolist()
    suppressed_flags = suppressed.tolist()
    small_flags = small.tolist()
    quintile_list = quintiles.tolist() if quintiles is not None else None
    rows = []
    for i, row in enumerate(records):
        if not usable_flags[i]:
            index = last
        elif colour_by == "value":
            q = quintile_list[i]
            index = last if is_missing(q) else int(q) - 1
        elif colour_by == "comparison":
            index = position.get(row.get("comparison"), last)
        else:
            index = position.get(row.get("change_significance"), last)
        rows.append({
            "area_code": row["area_code"],
            "area_name": row["area_name"],
            "index": index,
            "key": categories[index].key,
            "hover": hover_text(row, spec, suppressed=bool(suppressed_flags[i]), small=bool(small_flags[i]),
                                category=categories[index].text if colour_by != "comparison" else None),
        })
    return pd.DataFrame(rows, columns=["area_code", "area_name", "index", "key", "hover"])


def hover_text(row: Mapping[str, Any], spec: MetricSpec, *, suppressed: bool, category: str | None = None,
               small: bool = False) -> str:
    """Hover lines: name; value (marked when an estimate) and period; interval; comparison with England;
    colour class; the publisher's note or the estimate's method. A rate from fewer than 10 events says so
    instead of its value."""
    period = row.get("period")
    lines = [f"<b>{row['area_name']}</b>"]
    if small and not suppressed:
        lines.append(f"Not shown: {FEWER_THAN_10.lower()}" + (f" ({period})" if not is_missing(period) else ""))
        suppressed = True
    elif suppressed:
        lines.append(SUPPRESSED + (f" ({period})" if not is_missing(period) else ""))
    elif is_missing(row.get("value")):
        lines.append(NO_DATA + (f" ({period})" if not is_missing(period) else ""))
    else:
        value = format_value(row["value"], spec) + estimate_marker(row)
        lines.append(f"{value} ({period})" if not is_missing(period) else value)
        interval = format_interval(row.get("lower_ci"), row.get("upper_ci"), spec)
        if interval != "–":
            lines.append(interval)
    lines.append(theme.comparison_style(None if suppressed else row.get("comparison"))["text"])
    if category and not suppressed and not is_missing(row.get("value")):
        lines.append(category)
    note = shown_note(row)
    if note:
        lines.append(f"Note: {note}")
    return "<br>".join(lines)
