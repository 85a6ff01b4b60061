"""CSV numbers as the publisher prints them: values at the metric's published precision, counts as whole numbers.

Values computed by the dashboard (pooled rates, intervals, changes) carry every binary digit a float has
(``3.7936494164265535``), and counts read back from the store as floats (``26.0``). An analyst expects
the figure on the page, so every CSV writer passes its frame through ``at_published_precision``:

- value-scale columns (the value, its intervals and limits, England's value, the baseline and the change)
  are written with the metric's ``published_decimals`` (the same rule the pages' formatting uses);
- count columns (numerator, denominator, quintile, population) are written as whole numbers when whole
  (an estimate that is not, such as a DSR funnel's equivalent population, at the metric's precision);
- ``full=True`` keeps every digit of the values (the download route's ``precision=full``), counts still
  written without a trailing ``.0``.

Numbers are written as text cells in the CSV (``3.8``, ``26``), which is what a CSV holds anyway; the
spreadsheet-safety pass (``csv_safety``) leaves a plain negative number such as ``-0.4`` as it is.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from data_access.catalogue import UnknownMetric, get_catalogue

#: Columns on the metric's own scale, by exact name or by the prefix of a level-suffixed name.
VALUE_COLUMNS = frozenset({"value", "lower_ci", "upper_ci", "england_value", "baseline_value", "change_since_baseline",
                           "latest_value"})
VALUE_PREFIXES = ("lower_ci_", "upper_ci_", "lower_limit_", "upper_limit_")
#: Columns that count things (events, people, ranks): whole numbers.
COUNT_COLUMNS = frozenset({"numerator", "denominator", "quintile", "population", "equivalent_population"})
#: Values of the ``precision`` parameter: the published precision (default) or every digit.
PRECISIONS = ("published", "full")
_NEGATIVE_ZERO = re.compile(r"-(0(\.0*)?)$")


def is_value_column(name: str) -> bool:
    return name in VALUE_COLUMNS or name.startswith(VALUE_PREFIXES)


def number_text(value: Any, decimals: int | None) -> Any:
    """``value`` written with ``decimals`` places (every digit when None); missing and non-numbers as given.

    A value that rounds to zero is written ``0.0``, never ``-0.0``.
    """
    number = _as_float(value)
    if number is None:
        return value
    text = repr(number) if decimals is None else f"{number:.{decimals}f}"
    if decimals is None and text.endswith(".0"):
        text = text[:-2]
    return _NEGATIVE_ZERO.sub(r"\1", text)


def count_text(value: Any, decimals: int | None) -> Any:
    """A count as a whole number (``26``), or with ``decimals`` places if it is not whole (an estimate)."""
    number = _as_float(value)
    if number is None:
        return value
    if number.is_integer():
        return str(int(number))
    return number_text(number, decimals)


def _as_float(value: Any) -> float | None:
    if value is None or isinstance(value, bool | str):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def metric_decimals(metric_id: Any) -> int:
    """The published decimals of ``metric_id`` (1, the usual, for an id the catalogue does not know)."""
    try:
        return get_catalogue().metric(str(metric_id)).published_decimals
    except UnknownMetric:
        return 1


def at_published_precision(frame: pd.DataFrame, *, full: bool = False, metric_column: str = "metric_id",
                           metric_id: str | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with value columns at each row's metric precision and counts as whole numbers.

    Args:
        full: keep every digit of the values (counts are still written without ``.0``).
        metric_column: the column naming each row's metric (frames of several metrics).
        metric_id: the one metric of a frame without such a column.
    """
    out = frame.copy()
    if out.empty:
        return out
    if metric_id is not None:
        decimals = pd.Series(metric_decimals(metric_id), index=out.index)
    elif metric_column in out.columns:
        decimals = out[metric_column].map(metric_decimals)
    else:
        decimals = pd.Series(1, index=out.index)
    for position, name in enumerate(out.columns):
        if is_value_column(str(name)):
            write = number_text
        elif name in COUNT_COLUMNS:
            write = count_text
        else:
            continue
        cells = [write(value, None if full else int(places))
                 for value, places in zip(out.iloc[:, position], decimals, strict=True)]
        out.isetitem(position, pd.Series(cells, index=out.index, dtype=object))
    return out
