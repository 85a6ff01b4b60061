"""The two accepted file layouts, recognised from the header and brought to one canonical table.

*Long*: ``metric, area_code, period, value, numerator, denominator, lower_ci, upper_ci, note`` with
optional ``breakdown`` (default ``all``) and ``area_name``. *Fingertips*: the column layout of the
Fingertips API's ``all_data/csv`` responses and of the site's data downloads (what
``fingertips_py.get_data_by_indicator_ids`` returns). Both become the canonical text table that
validation checks, and every problem is reported under the column name the file itself uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from data_access.catalogue import Catalogue
from data_access.ingest.reading import RawTable
from data_access.ingest.report import Problem
from data_access.vintages import from_fingertips_area_type

CANONICAL = ("metric", "area_code", "area_name", "period", "breakdown", "value", "numerator", "denominator",
             "lower_ci", "upper_ci", "note", "geography")
LONG_REQUIRED = ("metric", "area_code", "period", "value", "numerator", "denominator", "lower_ci", "upper_ci", "note")
LONG_OPTIONAL = ("breakdown", "area_name", "geography")

FINGERTIPS_REQUIRED = (
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex",
    "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
    "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note",
)
# Columns the API added over the years or names after the parent area type; informative, not loaded.
FINGERTIPS_OPTIONAL = ("Recent Trend", "Time period Sortable", "New data", "Compared to goal", "Time period range")
_FINGERTIPS_COMPARED = re.compile(r"^Compared to .+$", re.I)
FINGERTIPS_TO_CANONICAL = {
    "Area Code": "area_code", "Area Name": "area_name", "Time period": "period", "Value": "value",
    "Count": "numerator", "Denominator": "denominator", "Lower CI 95.0 limit": "lower_ci",
    "Upper CI 95.0 limit": "upper_ci", "Value note": "note", "Indicator ID": "metric",
}
SKIP_CATEGORY = "Fingertips category breakdown rows (e.g. deprivation deciles), not loaded"
SKIP_EMPTY = "Fingertips rows with neither a value nor a value note, not loaded"


@dataclass
class CanonicalTable:
    """Rows in the canonical columns plus ``line``; ``display`` maps each canonical column to the file's name."""

    layout: str
    frame: pd.DataFrame
    display: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


def detect_layout(header: list[str]) -> str | None:
    """``fingertips`` or ``long`` from the header, or None when it resembles neither."""
    names = {name.strip().lower() for name in header}
    if "indicator id" in names or "time period" in names:
        return "fingertips"
    if names & {"metric", "area_code", "lower_ci"}:
        return "long"
    return None


@dataclass
class FileContext:
    """What a chunk's rows depend on in the rest of the file, gathered chunk by chunk before a chunked read:
    rows per (Fingertips indicator, age) on loaded rows, and every geography the rows state."""

    age_counts: pd.Series = field(default_factory=lambda: pd.Series([], dtype="int64"))
    geographies: set[str] = field(default_factory=set)

    def add(self, other: FileContext) -> None:
        if not len(self.age_counts):
            self.age_counts = other.age_counts
        elif len(other.age_counts):
            self.age_counts = pd.concat([self.age_counts, other.age_counts]).groupby(level=[0, 1]).sum()
        self.geographies |= other.geographies


def file_context(raw: RawTable) -> FileContext:
    """The part of ``raw``'s context that ``FileContext.add`` sums over a file's chunks."""
    layout = detect_layout(raw.header)
    if layout == "long" and not _column_problems(raw.header, LONG_REQUIRED, _LONG_ALLOWED):
        return FileContext(geographies=set(_long(raw).frame["geography"].str.strip().unique()))
    if layout == "fingertips" and not _column_problems(raw.header, FINGERTIPS_REQUIRED, _FT_ALLOWED,
                                                       _FINGERTIPS_COMPARED):
        source, _ = _fingertips_source(raw)
        return FileContext(_age_counts(source), set(_fingertips_geography(source["Area Type"]).unique()))
    return FileContext()


def to_canonical(raw: RawTable, catalogue: Catalogue, context: FileContext | None = None) -> CanonicalTable:
    """Check the header of ``raw`` and convert its rows; column problems stop row checks (nothing lines up).

    ``context`` is the whole file's when ``raw`` is one chunk of it, so every chunk reads its rows alike.
    """
    layout = detect_layout(raw.header)
    if layout is None:
        message = ("the header matches neither accepted layout: expected the long columns "
                   f"{', '.join(LONG_REQUIRED)} (optional {', '.join(LONG_OPTIONAL)}) or the Fingertips columns "
                   f"({', '.join(FINGERTIPS_REQUIRED[:5])}, …)")
        return CanonicalTable("unknown", pd.DataFrame(), {}, [Problem(1, "", message)])
    if layout == "long":
        return _long(raw)
    return _fingertips(raw, catalogue, context)


def _column_problems(header: list[str], required: tuple[str, ...], allowed: set[str],
                     also_allowed: re.Pattern[str] | None = None) -> list[Problem]:
    present = {name.lower() for name in header if name}
    problems = [Problem(1, name, "required column is missing") for name in required if name.lower() not in present]
    for name in header:
        if name and name.lower() not in allowed and not (also_allowed and also_allowed.match(name)):
            problems.append(Problem(1, name, "unexpected column (not part of this layout)"))
    return problems


_LONG_ALLOWED = {name.lower() for name in LONG_REQUIRED + LONG_OPTIONAL}
_FT_ALLOWED = {name.lower() for name in FINGERTIPS_REQUIRED + FINGERTIPS_OPTIONAL}


def _long(raw: RawTable) -> CanonicalTable:
    problems = _column_problems(raw.header, LONG_REQUIRED, _LONG_ALLOWED)
    if problems:
        return CanonicalTable("long", pd.DataFrame(), {}, problems)
    rename = {label: label.strip().lower() for label in raw.frame.columns if label != "line"}
    frame = raw.frame.rename(columns=rename)
    for column in LONG_OPTIONAL:
        if column not in frame:
            frame[column] = ""
    display = {column: column for column in CANONICAL}
    return CanonicalTable("long", frame[["line", *CANONICAL]], display)


def _fingertips(raw: RawTable, catalogue: Catalogue, context: FileContext | None = None) -> CanonicalTable:
    problems = _column_problems(raw.header, FINGERTIPS_REQUIRED, _FT_ALLOWED, _FINGERTIPS_COMPARED)
    if problems:
        return CanonicalTable("fingertips", pd.DataFrame(), {}, problems)
    source, skipped = _fingertips_source(raw)
    frame = pd.DataFrame({"line": source["line"]})
    for name, canonical in FINGERTIPS_TO_CANONICAL.items():
        frame[canonical] = source[name]
    metric, problems = _metrics_for_indicators(source, catalogue)
    frame["metric"] = metric
    counts = context.age_counts if context is not None else _age_counts(source)
    frame["breakdown"] = _fingertips_breakdown(source, metric, catalogue, counts)
    frame["geography"] = _fingertips_geography(source["Area Type"])
    display = {canonical: name for name, canonical in FINGERTIPS_TO_CANONICAL.items()}
    display["breakdown"], display["geography"] = "Sex/Age", "Area Type"
    return CanonicalTable("fingertips", frame[["line", *CANONICAL]], display, problems, skipped)


def _fingertips_source(raw: RawTable) -> tuple[pd.DataFrame, dict[str, int]]:
    """The rows a Fingertips file loads, under the layout's column names, and the skipped counts."""
    by_lower = {label.lower(): label for label in raw.frame.columns}
    source = raw.frame.rename(columns={by_lower[k.lower()]: k for k in FINGERTIPS_REQUIRED})
    skipped: dict[str, int] = {}
    category = source["Category Type"].str.strip() != ""
    no_data = (source["Value"].str.strip() == "") & (source["Value note"].str.strip() == "")
    for reason, mask in ((SKIP_CATEGORY, category), (SKIP_EMPTY, no_data & ~category)):
        if mask.any():
            skipped[reason] = int(mask.sum())
    return source[~(category | no_data)], skipped


def _indicator_and_age(source: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    return source["Indicator ID"].str.strip().str.replace(r"\.0$", "", regex=True), source["Age"].str.strip()


def _age_counts(source: pd.DataFrame) -> pd.Series:
    """Rows per (indicator, age), indexed in sorted order."""
    indicator, age = _indicator_and_age(source)
    return age.groupby([indicator.to_numpy(), age.to_numpy()]).size()


def _fingertips_geography(area_types: pd.Series) -> pd.Series:
    """The vintage each row's "Area Type" names ("" for England, regions and unrecognised names)."""
    distinct = {name: from_fingertips_area_type(name) for name in area_types.unique()}
    codes = {name: (found.code if found is not None else "") for name, found in distinct.items()}
    return area_types.map(codes).astype(object)


def indicator_map(catalogue: Catalogue) -> dict[int, str]:
    """Fingertips indicator id → catalogue metric id, from ``MetricSpec.fingertips_indicator_ids``."""
    return {ind: spec.id for spec in catalogue.metrics.values() for ind in spec.fingertips_indicator_ids}


def _metrics_for_indicators(source: pd.DataFrame, catalogue: Catalogue) -> tuple[pd.Series, list[Problem]]:
    ids = pd.to_numeric(source["Indicator ID"].str.strip(), errors="coerce")
    mapping = indicator_map(catalogue)
    metric = ids.map(lambda i: mapping.get(int(i), "") if pd.notna(i) and float(i).is_integer() else "")
    problems = []
    for line, text in zip(source["line"][metric == ""], source["Indicator ID"][metric == ""], strict=True):
        problems.append(Problem(int(line), "Indicator ID", f"unknown metric: Fingertips indicator '{text.strip()}' "
                                                           "is not mapped to any catalogue metric"))
    return metric.astype(object), problems


def _fingertips_breakdown(source: pd.DataFrame, metric: pd.Series, catalogue: Catalogue,
                          age_counts: pd.Series) -> pd.Series:
    """``all`` for persons at the indicator's usual age; otherwise the differing parts, e.g. ``Male``.

    The usual age is the one on most of the indicator's rows in ``age_counts`` (ties: the first in
    sort order), counted over the whole file so every chunk of it agrees.

    A metric fed by more than one indicator (opiate and non-opiate completions) keeps each
    indicator apart as ``indicator N`` rather than adding them up: the sum would be a new statistic.
    """
    if source.empty:
        return pd.Series([], dtype=object)
    indicator, age = _indicator_and_age(source)
    usual_age = age_counts.groupby(level=0).idxmax().map(lambda key: key[1])
    sex = source["Sex"].str.strip()
    multi = metric.map(lambda m: bool(m) and len(catalogue.metrics[m].fingertips_indicator_ids) > 1)
    columns = (("indicator " + indicator).where(multi, ""),
               sex.where(~sex.str.lower().isin(["persons", ""]), ""),
               age.where(age != indicator.map(usual_age), ""))
    joined = ["; ".join(p for p in parts if p) or "all" for parts in zip(*columns, strict=True)]
    return pd.Series(joined, index=source.index, dtype=object)
