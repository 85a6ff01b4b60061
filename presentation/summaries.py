"""Plain-English sentences generated from the statistics by fixed rules (no AI).

They are each chart's accessible description (``aria-describedby``), the visible caption under a
chart and the template text of board packs, so they must say what the chart shows, including
when a value is suppressed or missing, and use the same significance words as the charts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from presentation.formatting import ESTIMATE, format_value, is_missing, is_percent

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

_COMPARISON_WORDS = {
    "better": "significantly better than England",
    "similar": "similar to England",
    "worse": "significantly worse than England",
    "higher": "significantly higher than England",
    "lower": "significantly lower than England",
}
_SIGNIFICANCE_WORDS = {
    "improved": "a statistically significant improvement",
    "worsened": "a statistically significant worsening",
    "increased": "a statistically significant increase",
    "decreased": "a statistically significant decrease",
}
_CHANGE_LABELS = {
    "improved": "Improved since baseline (significant)",
    "worsened": "Worsened since baseline (significant)",
    "increased": "Increased since baseline (significant)",
    "decreased": "Decreased since baseline (significant)",
    "no_significant_change": "No significant change since baseline",
    "not_tested": "Change since baseline not tested",
}
_IRREGULAR_PLURALS = {"children", "people"}
_HEAD_BREAKS = re.compile(r"\s(?:of|for|in|with|within|related|that|against|after|by|to|as|-|–)\s")


def metric_subject(spec: MetricSpec) -> str:
    """The metric's name as the subject of a sentence: parenthetical notes dropped, first letter lowered."""
    name = re.sub(r"\s*\([^)]*\)", "", spec.name).strip()
    if len(name) > 1 and not name[1].isupper():
        name = name[0].lower() + name[1:]
    return name


def _is_plural(subject: str) -> bool:
    """Whether the head noun (last word before the first "of/for/in/…") is plural: "deaths … were".

    A subject opening with a gerund ("protecting vulnerable people") is singular whatever follows.
    """
    if subject.split()[0].lower().endswith("ing"):
        return False
    head = _HEAD_BREAKS.split(f"{subject} ", maxsplit=1)[0].split()[-1].lower()
    return head in _IRREGULAR_PLURALS or (head.endswith("s") and not head.endswith(("ss", "us", "is")))


def _quantity_noun(spec: MetricSpec) -> str:
    if is_percent(spec):
        return "the percentage"
    return {"count": "the number", "mean": "the average"}.get(spec.measure, "the rate")


def comparison_phrase(comparison: str | None, england_value: Any, spec: MetricSpec) -> str:
    """", significantly worse than England (5.2)" or "" when the value was not compared."""
    words = _COMPARISON_WORDS.get(comparison or "")
    if words is None:
        return ""
    if is_missing(england_value):
        return f", {words}"
    return f", {words} ({format_value(england_value, spec, short=True)})"


def significance_phrase(significance: str | None, *, capitalise: bool = False) -> str:
    """Words for a change-since-baseline test, e.g. "a statistically significant worsening"."""
    text = _SIGNIFICANCE_WORDS.get(significance or "")
    if text is None:
        text = ("no statistically significant change" if significance == "no_significant_change"
                else "not tested for statistical significance")
    if capitalise:
        text = re.sub(r"^an? ", "", text)
        text = text[0].upper() + text[1:]
    return text


def change_label(significance: str | None) -> str:
    """The short label for tiles: "Improved since baseline (significant)"; "No baseline" when untested."""
    return _CHANGE_LABELS.get(significance or "", "No baseline")


def baseline_label(spec: MetricSpec, baseline_period: str | None = None) -> str:
    """ "the 2019-21 baseline", or "the baseline (average of 2019/20 to 2021/22)" for an averaged one."""
    periods = spec.baseline_periods
    if spec.baseline_rule == "average" and len(periods) > 1:
        return f"the baseline (average of {periods[0]} to {periods[-1]})"
    period = baseline_period or (periods[0] if periods else None)
    return f"the {period} baseline" if period else "the baseline"


def _baseline_clause(spec: MetricSpec, summary: Mapping[str, Any] | None) -> str:
    if not summary or is_missing(summary.get("baseline_value")):
        if spec.baseline_rule == "none":
            return "; no baseline has been set for this measure."
        return "; the baseline value is not available."
    noun = _quantity_noun(spec)
    label = baseline_label(spec, summary.get("baseline_period"))
    if summary.get("latest_period") == summary.get("baseline_period"):
        return "; this is the baseline period."
    change = summary.get("change")
    if is_missing(change):
        change = float(summary.get("latest_value")) - float(summary["baseline_value"])
    if float(change) == 0:
        return f"; {noun} is the same as at {label}."
    verb = "has risen" if float(change) > 0 else "has fallen"
    significance = summary.get("significance")
    if significance in _SIGNIFICANCE_WORDS:
        return f"; since {label} {noun} {verb}, {_SIGNIFICANCE_WORDS[significance]}."
    if significance == "no_significant_change":
        return f"; since {label} {noun} {verb}, but the change is not statistically significant."
    return f"; since {label} {noun} {verb} (not tested for statistical significance)."


def trend_summary(
    spec: MetricSpec,
    area_name: str,
    baseline_summary: Mapping[str, Any] | None,
    comparison: str | None,
    england_value: Any,
    *,
    latest_value: Any = None,
    latest_period: str | None = None,
    suppressed: bool = False,
) -> str:
    """One sentence on an area's latest value, its comparison with England and its change since baseline.

    ``latest_value``/``latest_period`` are used when ``baseline_summary`` is None (no baseline).
    """
    summary = dict(baseline_summary or {})
    value = summary.get("latest_value", latest_value) if baseline_summary else latest_value
    period = summary.get("latest_period") or latest_period
    subject = metric_subject(spec)
    if suppressed or is_missing(value):
        when = f"the {period} value" if period else "the latest value"
        if suppressed:
            return f"In {area_name}, {when} for {subject} is suppressed to protect confidentiality."
        return f"In {area_name}, there is no value for {subject}" + (f" for {period}." if period else ".")
    verb = "were" if _is_plural(subject) else "was"
    when = f" in {period}" if period else ""
    compared = "" if area_name == "England" else comparison_phrase(comparison, england_value, spec)
    estimate = f" ({ESTIMATE})" if summary.get("estimated") else ""
    sentence = f"In {area_name}, {subject} {verb} {format_value(value, spec)}{estimate}{when}{compared}"
    return sentence + _baseline_clause(spec, baseline_summary)


def national_summary(spec: MetricSpec, baseline_summary: Mapping[str, Any] | None, *,
                     ambition_text: str | None = None, latest_value: Any = None,
                     latest_period: str | None = None) -> str:
    """The England sentence for a national-only metric, followed by the ambition when there is one."""
    sentence = trend_summary(spec, "England", baseline_summary, None, None, latest_value=latest_value,
                             latest_period=latest_period)
    if ambition_text:
        sentence += f" Ambition: {ambition_text.strip().rstrip('.')}."
    return sentence


def _areas(area_values: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    frame = area_values
    if "area_type" in frame:
        frame = frame[~frame["area_type"].isin(["country", "region"])]
    utla = "area_type" in frame and (frame["area_type"] == "utla").any()
    return frame, ("local authority" if utla else "partnership")


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} " + (noun[:-1] + "ies" if noun.endswith("y") else noun + "s")


def _number(count: int) -> str:
    return "none" if count == 0 else str(count)


def _flags(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    suppressed = (frame["suppressed"].map(lambda v: False if is_missing(v) else bool(v))
                  if "suppressed" in frame else pd.Series(False, index=frame.index))
    missing = frame["value"].map(is_missing) & ~suppressed
    return suppressed.astype(bool), missing.astype(bool)


def _gaps_clause(suppressed: int, missing: int) -> str:
    parts = []
    if suppressed:
        parts.append("1 value is suppressed" if suppressed == 1 else f"{suppressed} values are suppressed")
    if missing:
        parts.append("1 has no data" if missing == 1 else f"{missing} have no data")
    return "".join(f"; {p}" for p in parts)


def _range_sentence(frame: pd.DataFrame, spec: MetricSpec, noun: str, period: str | None) -> str:
    valued = frame[frame["_usable"]]
    low = valued.loc[pd.to_numeric(valued["value"]).idxmin()]
    high = valued.loc[pd.to_numeric(valued["value"]).idxmax()]
    if len(valued) == 1:
        when = f"In {period}, the" if period else "The"
        return f"{when} only {noun} value is {format_value(low['value'], spec)} ({low['area_name']})"
    when = f"In {period}, values" if period else "Values"
    return (f"{when} for {_plural(len(valued), noun)} ranged from {format_value(low['value'], spec)} "
            f"({low['area_name']}) to {format_value(high['value'], spec)} ({high['area_name']})")


def map_summary(spec: MetricSpec, area_values: pd.DataFrame, period: str | None) -> str:
    """How many areas were better, similar and worse than England, and how many are suppressed or missing.

    E.g. "Of 125 partnerships, 18 were better than England, 70 similar and 37 worse in 2021/22;
    3 values are suppressed." Where nothing was compared, the range of values is given instead.
    """
    frame, noun = _areas(area_values)
    if frame.empty:
        return f"No {noun} values are available" + (f" for {period}." if period else ".")
    suppressed, missing = _flags(frame)
    frame = frame.assign(_usable=~suppressed & ~missing)
    gaps = _gaps_clause(int(suppressed.sum()), int(missing.sum()))
    if not frame["_usable"].any():
        return f"No values are available for the {_plural(len(frame), noun)}" + gaps + "."
    keys = ["better", "similar", "worse"] if spec.polarity != "no_judgement" else ["lower", "similar", "higher"]
    compared = frame[frame["_usable"]]["comparison"] if "comparison" in frame else pd.Series(dtype=object)
    counts = [int((compared == k).sum()) for k in keys]
    if sum(counts) == 0:
        return _range_sentence(frame, spec, noun, period) + "; none were compared with England" + gaps + "."
    not_compared = int(frame["_usable"].sum()) - sum(counts)
    first = "better than England" if keys[0] == "better" else "lower than England"
    when = f" in {period}" if period else ""
    sentence = (f"Of {_plural(len(frame), noun)}, {_number(counts[0])} {'was' if counts[0] == 1 else 'were'} "
                f"{first}, {_number(counts[1])} similar and {_number(counts[2])} {keys[2]}{when}")
    if not_compared:
        sentence += f"; {not_compared} {'was' if not_compared == 1 else 'were'} not compared"
    return sentence + gaps + "."


def ordinal(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def compare_summary(spec: MetricSpec, area_values: pd.DataFrame, *, selected_code: str | None = None,
                    england_value: Any = None, period: str | None = None) -> str:
    """The selected area's rank among all areas, or the range of values when no area is selected."""
    frame, noun = _areas(area_values)
    if frame.empty:
        return f"No {noun} values are available" + (f" for {period}." if period else ".")
    suppressed, missing = _flags(frame)
    frame = frame.assign(_usable=~suppressed & ~missing)
    gaps = _gaps_clause(int(suppressed.sum()), int(missing.sum()))
    if not frame["_usable"].any():
        return f"No values are available for the {_plural(len(frame), noun)}" + gaps + "."
    england = f"; England {format_value(england_value, spec)}" if not is_missing(england_value) else ""
    selected = frame[frame["area_code"] == selected_code] if selected_code else frame.iloc[0:0]
    if selected.empty:
        return _range_sentence(frame, spec, noun, period) + england + gaps + "."
    row = selected.iloc[0]
    if not row["_usable"]:
        state = "suppressed" if suppressed[selected.index[0]] else "not available"
        return (f"The value for {row['area_name']} is {state}. "
                + _range_sentence(frame, spec, noun, period) + england + gaps + ".")
    values = pd.to_numeric(frame.loc[frame["_usable"], "value"])
    rank = int((values > float(row["value"])).sum()) + 1
    count = len(values)
    place = ("the highest" if rank == 1 else "the lowest" if rank == count else f"the {ordinal(rank)} highest")
    when = f" in {period}" if period else ""
    compared = comparison_phrase(row.get("comparison"), england_value, spec)
    return (f"{row['area_name']} had {place} value of {_plural(count, noun)} "
            f"({format_value(row['value'], spec)}{when}){compared}" + gaps + ".")
