"""Checks that depend on what a metric measures: percentages, rates and counts must be possible numbers.

The generic checks in ``validate`` know only that numbers are numbers; a file can still hold a
percentage of 360, a value that contradicts its own counts (90% with 10 of 100), a count of 12.5
people, a rate whose lower limit is below zero, or a whole series written as fractions (0.36 for
36%). Each of these loaded, was drawn and was judged against England, so each is refused here with
its line and column. The rules, chosen so that genuine published figures always pass:

- A percentage (a proportion with multiplier 100, or any metric whose unit starts with "%") and its
  limits must lie within 0–100.
- A proportion or crude rate given with its numerator and denominator must equal
  ``multiplier × numerator / denominator`` within the publisher's rounding: half a unit in the last
  decimal place the value is written with, plus 0.1% of the expected value. A value that instead
  equals ``numerator / denominator`` is named as a fraction written on a 0–1 scale.
- Counts, crude rates and standardised rates cannot have a lower limit below zero.
- A numerator (for every measure but a mean) and the value of a count are whole numbers; "12.0"
  is whole.
- Without counts, a percentage written on a 0–1 scale is recognised across the file
  (``scale_problems``), never from one small value, so genuine small percentages (0.4%) load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

import numpy as np
import pandas as pd

from data_access.catalogue import Catalogue, MetricSpec
from data_access.geography import ENGLAND
from data_access.ingest.report import Problem

RELATIVE_SLACK = 1e-3  # of the expected value, beyond half a unit of the last written decimal place
SCALE_LEVEL = 5.0  # lowest England level (%) for which a file of values all ≤ 1 is read as fractions
SCALE_ROWS = 10  # rows of a metric without its England row before its values are judged as a whole
SMALL_COUNTED = 1.5  # a row whose counts give at most this percentage shows the measure is genuinely small
_DECIMALS = r"^\s*[+-]?[\d,]*(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$"


class Collector(Protocol):
    """Where problems go: ``validate._Collector``."""

    def add(self, mask: pd.Series, column: str, message: str | Callable[..., str], *values: Iterable) -> None: ...


def is_percentage(spec: MetricSpec) -> bool:
    """A value on 0–100: a proportion per hundred, or a metric whose unit is a percentage (e.g. purity)."""
    return (spec.measure == "proportion" and spec.multiplier == 100) or spec.value_unit.strip().startswith("%")


def check_measures(check: Collector, table: pd.DataFrame, numbers: dict[str, pd.Series],
                   metric_ok: pd.Series, catalogue: Catalogue) -> None:
    """Add a problem for every row whose numbers are impossible for what its metric measures.

    ``numbers`` holds the parsed ``value``, ``numerator``, ``denominator``, ``lower_ci`` and
    ``upper_ci`` (NaN where empty or not a number); ``table`` the text cells as written.
    """
    metric = table["metric"].where(metric_ok, "")
    specs = {m: catalogue.metrics[m] for m in metric.unique() if m}

    def where(test: Callable[[MetricSpec], bool]) -> pd.Series:
        return metric.map({m: test(s) for m, s in specs.items()}).eq(True)

    value, numerator, denominator = numbers["value"], numbers["numerator"], numbers["denominator"]
    lower, upper = numbers["lower_ci"], numbers["upper_ci"]
    percent = where(is_percentage)
    over = percent & (value > 100)
    check.add(over, "value", lambda t: f"{t.strip()} is above 100, impossible for a percentage (0–100)", table["value"])
    check.add(percent & (lower < 0), "lower_ci",
              lambda t: f"lower limit {t.strip()} is below 0, impossible for a percentage (0–100)", table["lower_ci"])
    check.add(percent & (upper > 100), "upper_ci",
              lambda t: f"upper limit {t.strip()} is above 100, impossible for a percentage (0–100)", table["upper_ci"])
    counted_or_rate = where(lambda s: s.measure in ("count", "crude_rate", "dsr"))
    check.add(counted_or_rate & (lower < 0), "lower_ci",
              lambda t: f"lower limit {t.strip()} is below 0, impossible for a count or a rate", table["lower_ci"])

    whole_numerator = where(lambda s: s.measure != "mean")
    check.add(whole_numerator & _fractional(numerator), "numerator",
              lambda t: f"{t.strip()} is not a whole number, but a numerator counts people or events",
              table["numerator"])
    check.add(where(lambda s: s.measure == "count") & _fractional(value), "value",
              lambda t: f"{t.strip()} is not a whole number, but this metric is a count", table["value"])

    multiplier = metric.map({m: float(s.multiplier) for m, s in specs.items()})
    derived = where(lambda s: s.measure in ("proportion", "crude_rate"))
    proportion = where(lambda s: s.measure == "proportion")
    usable = derived & value.notna() & numerator.notna() & (denominator > 0) & ~over
    usable &= ~(proportion & (numerator > denominator))  # already refused: numerator above denominator
    if not usable.any():
        return
    expected = multiplier * numerator / denominator
    mismatch = usable & ~_agrees(value, expected, table["value"], usable)
    as_fraction = mismatch & proportion & _agrees(value, numerator / denominator, table["value"], mismatch)
    check.add(as_fraction, "value",
              lambda t, n, d, e: (f"{t.strip()} is the fraction {n.strip()}/{d.strip()} on a 0–1 scale, but this "
                                  f"metric is a percentage (0–100): write {_shown(e)}"),
              table["value"], table["numerator"], table["denominator"], expected)
    check.add(mismatch & ~as_fraction, "value",
              lambda t, n, d, m, e: (f"{t.strip()} does not match its numerator and denominator: "
                                     f"{_shown(m)} × {n.strip()}/{d.strip()} = {_shown(e)}, beyond rounding"),
              table["value"], table["numerator"], table["denominator"], multiplier, expected)


def scale_problems(frame: pd.DataFrame, display: dict[str, str], catalogue: Catalogue) -> list[Problem]:
    """Rows of a percentage written as fractions with no counts to show it, judged over the whole file.

    ``frame`` holds the normalised rows of the whole file (``report.frame``). A metric's rows without
    both numerator and denominator are refused when all of these hold, so a genuine small percentage
    is never refused: the metric is a percentage whose lowest England level in the catalogue (the
    ``demo.england`` levels) is at least ``SCALE_LEVEL``; every value the file gives it is at most 1;
    no row's own counts put it at ``SMALL_COUNTED`` % or below; and the file holds its England row or
    at least ``SCALE_ROWS`` of its rows. Rows with counts are judged by ``check_measures`` instead.
    """
    problems: list[Problem] = []
    if frame.empty:
        return problems
    column = display.get("value", "value")
    for metric_id, rows in frame[frame["value"].notna()].groupby("metric_id", sort=False):
        spec = catalogue.metrics.get(str(metric_id))
        if spec is None or not is_percentage(spec) or _england_floor(spec) < SCALE_LEVEL:
            continue
        values = rows["value"].astype(float)
        if values.max() > 1:
            continue
        counted = rows["numerator"].notna() & (rows["denominator"].astype(float) > 0)
        shares = 100 * rows["numerator"][counted].astype(float) / rows["denominator"][counted].astype(float)
        if (shares <= SMALL_COUNTED).any():
            continue
        if not ((rows["area_code"] == ENGLAND).any() or len(rows) >= SCALE_ROWS):
            continue
        for line, value in zip(rows["line"][~counted], values[~counted], strict=True):
            problems.append(Problem(int(line), column, (
                f"{value:g} looks like a fraction on a 0–1 scale: every value of {metric_id} in this file is at "
                f"most 1, but it is a percentage (0–100) whose England level has never been below "
                f"{_england_floor(spec):g}%; write percentages, e.g. {100 * value:g}")))
    return problems


def _england_floor(spec: MetricSpec) -> float:
    levels = [float(v) for v in (spec.demo.get("england") or {}).values() if isinstance(v, int | float)]
    return min(levels) if levels else 0.0


def _fractional(values: pd.Series) -> pd.Series:
    return values.notna() & ((values - values.round()).abs() > 1e-9 * np.maximum(values.abs(), 1.0))


def _agrees(value: pd.Series, expected: pd.Series, text: pd.Series, rows: pd.Series) -> pd.Series:
    """True where ``value`` equals ``expected`` to within the rounding its written decimals allow.

    The relative slack alone settles most rows; the decimals are read only for the rest.
    """
    gap = (value - expected).abs()
    slack = RELATIVE_SLACK * expected.abs() + 1e-9
    ok = (gap <= slack).to_numpy(dtype=bool)
    rest = rows.to_numpy(dtype=bool) & ~ok
    if rest.any():
        parts = text[rest].astype(str).str.extract(_DECIMALS)
        decimals = parts[0].fillna("").str.len().astype(float) - pd.to_numeric(parts[1], errors="coerce").fillna(0.0)
        half_unit = 0.5 * np.power(10.0, -decimals.to_numpy(dtype=float))
        ok[rest] = gap[rest].to_numpy(dtype=float) <= half_unit + slack[rest].to_numpy(dtype=float)
    return pd.Series(ok, index=value.index)


def _shown(number: float) -> str:
    """A number as a person would write it: at most 4 decimals, no trailing zeros."""
    return f"{number:.4f}".rstrip("0").rstrip(".")
