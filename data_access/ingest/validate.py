"""Check every row of a canonical table at once and produce the normalised rows or every problem.

Checks run as pandas column operations (codes, periods and metrics are resolved once per distinct
value and mapped back), so a million-row file validates in seconds; a per-row Python loop would
take minutes. Each check adds one problem per offending row, naming the file line and the column
as the file spells it, and all checks always run so one pass shows everything to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from data_access.catalogue import Catalogue
from data_access.geography import former_authorities
from data_access.ingest.areas import AreaResolver
from data_access.ingest.checks import check_measures, scale_problems
from data_access.ingest.layouts import CanonicalTable, FileContext
from data_access.ingest.numbers import Numbers, parse_numbers
from data_access.ingest.report import NORMALISED_COLUMNS, Problem, ValidationReport
from data_access.periods import PeriodError, PeriodSpec, parse_period
from data_access.vintages import BY_CODE, UnknownVintage, from_fingertips_area_type, in_force_on, vintage

NUMERIC = ("value", "numerator", "denominator", "lower_ci", "upper_ci")
NON_NEGATIVE = ("value", "numerator", "denominator")
BREAKDOWN_MAX = 60  # observation.breakdown is VARCHAR(60)
# Notes publishers put on a withheld value: "*", "Value suppressed for disclosure control…", "…too small".
SUPPRESSION_NOTE = re.compile(r"^\s*\*+\s*$|suppress|disclos|too small|\bredacted\b|^\s*(?:c|x|\[c\]|\[x\])\s*$", re.I)


class _Collector:
    """Accumulates problems for masked rows without a Python loop over the whole table."""

    def __init__(self, table: pd.DataFrame, display: dict[str, str]) -> None:
        self.table, self.display, self.problems = table, display, []

    def add(self, mask: pd.Series, column: str, message, *values: Iterable) -> None:
        """``message`` is a string, or a function of the masked rows' ``values`` giving one."""
        if not mask.any():
            return
        lines = self.table["line"][mask]
        name = self.display.get(column, column)
        if isinstance(message, str):
            self.problems.extend(Problem(int(line), name, message) for line in lines)
            return
        picked = [pd.Series(v)[mask] if isinstance(v, pd.Series) else v for v in values]
        for line, *args in zip(lines, *picked, strict=True):
            self.problems.append(Problem(int(line), name, message(*args)))


def validate_table(canonical: CanonicalTable, catalogue: Catalogue, known_metrics: set[str],
                   resolver: AreaResolver, *, encoding: str, rows_read: int,
                   earlier: list[Problem] | None = None, geography: str | None = None,
                   context: FileContext | None = None) -> ValidationReport:
    """Validate ``canonical`` against the catalogue and the store's areas; never writes.

    With ``context`` (the whole file's), ``canonical`` is one chunk of a file: the checks across
    rows that need every chunk (duplicates, nothing left to load) are left to ``duplicate_problems``
    and ``finish_report`` once all chunks are validated.

    ``geography`` is the vintage the whole file is on (e.g. the Fingertips area type a pull asked
    for); a row's own vintage (the long layout's ``geography`` column, the Fingertips "Area Type")
    wins over it, and without either a row is on the authorities in force at its period's end.
    """
    report = ValidationReport(canonical.layout, encoding, rows_read, [*(earlier or []), *canonical.problems],
                              skipped=dict(canonical.skipped))
    if canonical.frame.empty:
        return finish_report(report) if context is None else report
    # Numeric columns are not trimmed: number parsing ignores surrounding spaces by itself. A note is kept
    # as given but for surrounding ASCII spaces: a leading tab or CR may be the publisher's own guard.
    table = canonical.frame.apply(lambda s: s if s.name == "line" or s.name in NUMERIC
                                  else s.str.strip(" ") if s.name == "note" else _strip(s))
    resolved = resolver.resolve_column(table["area_code"], table["area_name"])
    skip = resolved["skip"] != ""
    for reason, count in resolved["skip"][skip].value_counts().items():
        report.skipped[str(reason)] = report.skipped.get(str(reason), 0) + int(count)
    table, resolved = table[~skip], resolved[~skip]
    check = _Collector(table, canonical.display)

    metric_ok = table["metric"].isin(known_metrics)
    check.add(~metric_ok & (table["metric"] != ""), "metric",
              lambda m: f"unknown metric '{m}': not in the catalogue (data_access/catalogue/metrics.yaml)",
              table["metric"])
    if canonical.layout == "long":
        check.add(table["metric"] == "", "metric", "the metric is empty")
    area_ok = resolved["problem"] == ""
    check.add(~area_ok, "area_code", lambda p: p, resolved["problem"])

    periods = _periods(table["period"], table["metric"].where(metric_ok, ""), catalogue)
    period_ok = metric_ok & (periods["problem"] == "")
    check.add(metric_ok & ~period_ok, "period", lambda p: p, periods["problem"])
    vintages = _vintages(check, table["geography"], periods, geography,
                         None if context is None else context.geographies)
    _check_validity(check, resolved["code"], periods, vintages, area_ok & period_ok & (vintages != ""), resolver)

    numbers = {c: parse_numbers(table[c]) for c in NUMERIC}
    for column, parsed in numbers.items():
        check.add(parsed.bad, column, lambda t: f"'{t.strip()}' is not a number", table[column])
    values = {c: numbers[c].values for c in NUMERIC}
    for column in NON_NEGATIVE:
        check.add(values[column] < 0, column, lambda t: f"must not be negative ({t.strip()})", table[column])
    note = table["note"]
    value_missing = numbers["value"].empty
    suppressed = value_missing & note.str.contains(SUPPRESSION_NOTE, na=False)
    check.add(value_missing & (note.str.strip() == ""), "value",
              "the value is empty and no note says why (write e.g. '*' or 'suppressed' in note)")
    _check_arithmetic(check, table, numbers, metric_ok, catalogue)
    check_measures(check, table, values, metric_ok, catalogue)

    breakdown = table["breakdown"].where(table["breakdown"] != "", "all")
    check.add(breakdown.str.len() > BREAKDOWN_MAX, "breakdown",
              lambda b: f"'{b}' is longer than {BREAKDOWN_MAX} characters", breakdown)
    key = pd.DataFrame({"metric": table["metric"], "area_code": resolved["code"], "period": periods["label"],
                        "breakdown": breakdown})
    if context is None:
        _check_duplicates(check, key, metric_ok & area_ok & period_ok)
    report.problems.extend(check.problems)
    alias_note = resolved["alias_note"]
    notes = alias_note.where(note == "", alias_note + "; " + note).where(alias_note != "", note)
    report.frame = pd.DataFrame({
        "line": table["line"], "metric_id": table["metric"], "area_code": resolved["code"],
        "period_label": periods["label"], "period_type": periods["type"], "period_start": periods["start"],
        "period_end": periods["end"], "breakdown": breakdown, **values, "suppressed": suppressed,
        "note": notes.where(notes != "", None).astype(object), "geography": vintages,
    })[list(NORMALISED_COLUMNS)]
    if context is None:
        report.problems.extend(scale_problems(report.frame, canonical.display, catalogue))
        return finish_report(report)
    return report


def finish_report(report: ValidationReport) -> ValidationReport:
    """Sort the problems into file order; a file whose every row was skipped has nothing to load."""
    if not report.problems and report.frame.empty:
        reasons = "; ".join(f"{count} {reason}" for reason, count in report.skipped.items())
        report.problems.append(Problem(0, "", f"nothing to load: every row was skipped ({reasons})"))
    report.problems.sort()
    return report


def duplicate_problems(frame: pd.DataFrame, display: dict[str, str]) -> list[Problem]:
    """Duplicates across a file validated in chunks; ``frame`` holds the normalised rows of every chunk.

    A row's key is usable when its metric, area and period were understood: an unknown metric or a
    bad period leaves the period label empty, an unknown area the area code.
    """
    check = _Collector(frame, display)
    key = pd.DataFrame({"metric": frame["metric_id"], "area_code": frame["area_code"],
                        "period": frame["period_label"], "breakdown": frame["breakdown"]})
    _check_duplicates(check, key, (frame["area_code"] != "") & (frame["period_label"] != ""))
    return check.problems


def _check_duplicates(check: _Collector, key: pd.DataFrame, usable: pd.Series) -> None:
    """Each repeat of a (metric, area, period, breakdown) names the line that had it first."""
    key = key[usable]
    dupes = key.duplicated(keep="first")
    if not dupes.any():
        return
    first_line = check.table["line"][usable].groupby([key[c] for c in key.columns]).transform("first")
    label = ", ".join(check.display.get(c, c) for c in key.columns)
    check.add(dupes.reindex(check.table.index, fill_value=False), label,
              lambda first: f"duplicate of line {int(first)}: same metric, area, period and breakdown",
              first_line.reindex(check.table.index))


def _strip(column: pd.Series) -> pd.Series:
    """Trim each cell, working on the distinct values (codes and labels repeat on most rows)."""
    codes, uniques = pd.factorize(column)
    stripped = pd.Series(uniques, dtype=object).str.strip().to_numpy(dtype=object)
    return pd.Series(stripped[codes], index=column.index, dtype=object)


def _periods(labels: pd.Series, metrics: pd.Series, catalogue: Catalogue) -> pd.DataFrame:
    """Parse each distinct (label, metric) once with the metric's period type as the hint."""
    pairs = pd.DataFrame({"label_raw": labels, "metric": metrics})
    distinct = pairs.drop_duplicates()
    rows = [_period(label, metric, catalogue) for label, metric in zip(distinct["label_raw"], distinct["metric"],
                                                                        strict=True)]
    parsed = pd.DataFrame(rows, columns=["label", "type", "start", "end", "problem"])
    parsed["label_raw"], parsed["metric"] = distinct["label_raw"].to_numpy(), distinct["metric"].to_numpy()
    merged = pairs.merge(parsed, on=["label_raw", "metric"], how="left")
    merged.index = labels.index
    return merged


def _period(label: str, metric: str, catalogue: Catalogue) -> tuple:
    if not metric:
        return ("", "", None, None, "")
    expected = catalogue.metrics[metric].period_type
    try:
        spec: PeriodSpec = parse_period(label, expected)
    except PeriodError as error:
        return ("", "", None, None, f"cannot read the period for metric {metric} "
                                    f"(a {expected.replace('_', ' ')}): {error}")
    if spec.type != expected:
        return ("", "", None, None, f"'{label}' is a {spec.type.replace('_', ' ')}, but metric {metric} is "
                                    f"reported by {expected.replace('_', ' ')}")
    return (spec.label, spec.type, spec.start, spec.end, "")


def _vintages(check: _Collector, stated: pd.Series, periods: pd.DataFrame, default: str | None,
              file_stated: set[str] | None = None) -> pd.Series:
    """Each row's vintage code: its own, else the file's, else the one in force at its period's end.

    ``file_stated`` is every geography the whole file states, when ``stated`` is one chunk of it.

    A Fingertips file names the vintage on its authority rows only ("Area Type"); its England and
    region rows take the vintage the file's authorities are on when there is exactly one.
    """
    default = _vintage_code(default) if default else None
    codes = {text: _vintage_code(text) for text in stated.unique() if text}
    unknown = stated.map(lambda t: bool(t) and codes[t] is None).astype(bool)
    check.add(unknown, "geography", lambda t: f"unknown geography '{t}': use a vintage year ({', '.join(BY_CODE)}) "
              "or a Fingertips area type (102, 202, 302, 402, 502)", stated)
    own = stated.map(lambda t: codes.get(t) or "").astype(object)
    if default is None:
        found = set(own[own != ""]) if file_stated is None else {
            code for text in file_stated if text and (code := _vintage_code(text))}
        default = found.pop() if len(found) == 1 else None
    ends = periods["end"]
    by_end = {e: in_force_on(e).code for e in ends.dropna().unique()}
    in_force = ends.map(by_end).fillna("").astype(object)
    fallback = in_force if default is None else pd.Series(default, index=stated.index, dtype=object)
    return own.where(own != "", fallback).where(~unknown, "").astype(object)


def _vintage_code(text: str) -> str | None:
    try:
        return vintage(text).code
    except UnknownVintage:
        found = from_fingertips_area_type(text)
        return found.code if found is not None else None


def _check_validity(check: _Collector, codes: pd.Series, periods: pd.DataFrame, vintages: pd.Series,
                    usable: pd.Series, resolver: AreaResolver) -> None:
    """An area may hold a value only on a vintage whose authorities include it.

    Checking the vintage rather than the period lets re-based history load (a 2023-geography file
    gives Cumberland's value for 2019/20) while an area is still refused where it did not exist on
    the stated geography (North Northamptonshire on the authorities in force in 2015/16).
    """
    areas = resolver.areas
    pairs = pd.DataFrame({"code": codes, "vintage": vintages})[usable]
    distinct = pairs.drop_duplicates()
    valid = {(c, v): areas[c].in_vintage(BY_CODE[v]) for c, v in zip(distinct["code"], distinct["vintage"], strict=True)}
    ok = pd.Series([valid[k] for k in zip(pairs["code"], pairs["vintage"], strict=True)], index=pairs.index, dtype=bool)
    invalid = (~ok).reindex(codes.index, fill_value=False)
    replaced = {f.code: f for f in former_authorities().values()}

    def message(code: str, label: str, code_vintage: str) -> str:
        area = areas[code]
        span = f"from {area.boundary_from or area.valid_from}" + (f" to {area.valid_to}" if area.valid_to else "")
        former = replaced.get(code)
        successors = f"; it was replaced by {', '.join(former.successors)}" if former else ""
        return (f"area {code} ({area.name}) is not valid in {label} on the geography of "
                f"{BY_CODE[code_vintage].label}: it exists {span}{successors}. State the geography the figures "
                "are on (Fingertips Area Type, the geography column or --geography)")

    check.add(invalid, "area_code", message, codes, periods["label"], vintages)


def _check_arithmetic(check: _Collector, table: pd.DataFrame, numbers: dict[str, Numbers],
                      metric_ok: pd.Series, catalogue: Catalogue) -> None:
    value, numerator, denominator = (numbers[c].values for c in ("value", "numerator", "denominator"))
    lower, upper = numbers["lower_ci"].values, numbers["upper_ci"].values
    proportions = {m.id: m.measure == "proportion" for m in catalogue.metrics.values()}
    proportion = table["metric"].map(proportions).eq(True) & metric_ok
    check.add(proportion & (numerator > denominator), "numerator",
              lambda n, d: f"numerator {n} is above denominator {d}, impossible for a proportion",
              table["numerator"], table["denominator"])
    check.add(lower.notna() & numbers["upper_ci"].empty, "upper_ci",
              "a lower limit is given without an upper limit")
    check.add(upper.notna() & numbers["lower_ci"].empty, "lower_ci",
              "an upper limit is given without a lower limit")
    check.add(lower > upper, "lower_ci", lambda lo, up: f"lower limit {lo} is above upper limit {up}",
              table["lower_ci"], table["upper_ci"])
    # Published limits are rounded like the value, so allow a rounding-sized slack.
    slack = np.maximum(value.abs(), 1.0) * 1e-9
    ordered = ~(lower > upper)
    check.add(ordered & (lower > value + slack), "lower_ci",
              lambda lo, v: f"lower limit {lo} is above the value {v}", table["lower_ci"], table["value"])
    check.add(ordered & (upper < value - slack), "upper_ci",
              lambda up, v: f"upper limit {up} is below the value {v}", table["upper_ci"], table["value"])
