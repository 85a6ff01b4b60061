"""The pack's words: tile lines, summary sentences, table cells and provenance, from the gathered data.

Every phrase comes from the same formatters and sentence rules the dashboard uses
(``presentation.formatting`` and ``summaries``), so the pack and the screen never disagree
on a number or a judgement. Judgements are written out in words: paper is often grey.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from data_access.catalogue import OutcomeSpec
from data_access.geography import ENGLAND
from presentation.boardpack.chart_extras import lines_sentence, region_name, region_rows
from presentation.boardpack.gather import MetricData, PackData
from presentation.boardpack.styles import LICENCE_LINE
from presentation.catalogue_text import ambitions_line, source_text
from presentation.formatting import (
    ESTIMATE,
    ESTIMATE_FOOTNOTE,
    estimate_marker,
    format_change,
    format_count,
    format_interval,
    format_number,
    format_value,
    geography_line,
    is_missing,
    is_percent,
    shown_note,
    unit_words,
)
from presentation.status_words import ambition_sentence
from presentation.summaries import (
    baseline_label,
    change_label,
    comparison_phrase,
    national_summary,
    trend_summary,
)

TREND_WORDS = {"increasing": "Increasing", "decreasing": "Decreasing",
               "no_significant_change": "No significant change", "not_enough_data": "Not enough data to test"}
JUDGEMENT_WORDS = {"getting_better": "and getting better", "getting_worse": "and getting worse"}
ENGLAND_ONLY = "England only: no partnership figure"
POOLED_NOTE = ("Partnership figures are derived by this service by pooling the numerators and denominators of "
               "member local authorities; they are not official statistics.")
DEMO_WARNING = "Demonstration data: not real figures. Do not use them for decisions or quote them."


def day(value: Any) -> str | None:
    """ "22 November 2026" from a date, datetime or ISO string; None when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, (datetime, pd.Timestamp)):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def trend_words(trend: str | None, judgement: str | None) -> str:
    """ "Increasing and getting worse", "No significant change", "Not enough data to test"."""
    words = TREND_WORDS.get(trend or "", "Not tested")
    if trend in ("increasing", "decreasing") and judgement in JUDGEMENT_WORDS:
        words = f"{words} {JUDGEMENT_WORDS[judgement]}"
    return words


def comparison_words(metric: MetricData) -> str:
    """ "Significantly worse than England (95%)", "Similar to England (95%)" or "Not compared with England"."""
    phrase = comparison_phrase(metric.summary.get("comparison"), None, metric.spec).lstrip(", ")
    return f"{phrase[0].upper()}{phrase[1:]} (95%)" if phrase else "Not compared with England"


def change_words(metric: MetricData) -> str:
    """ "No significant change since baseline: +1.2 per 100,000 (+8.1%) since the 2019/20 baseline"."""
    summary, spec = metric.summary, metric.spec
    if is_missing(summary.get("baseline_value")):
        return "No baseline set" if spec.baseline_rule == "none" else "Baseline not available"
    if summary.get("latest_period") == summary.get("baseline_period"):
        return "The latest period is the baseline period"
    change = format_change(summary.get("change"), spec, change_pct=summary.get("change_pct"))
    return (f"{change_label(summary.get('significance'))}: {change} since "
            f"{baseline_label(spec, summary.get('baseline_period'))}")


def tile(metric: MetricData) -> dict[str, str]:
    """The headline tile's lines: title, value, period, england, comparison, change, trend."""
    summary, spec = metric.summary, metric.spec
    value = format_value(summary.get("latest_value"), spec, suppressed=bool(summary.get("suppressed")))
    if summary.get("estimated") and not summary.get("suppressed") and value != "–":
        value += f" ({ESTIMATE})"
    lines = {"title": spec.short_name, "value": "No data" if value == "–" else value,
             "period": summary.get("latest_period") or "No period published",
             "change": change_words(metric),
             "trend": "Recent trend: " + trend_words(summary.get("trend"), summary.get("trend_judgement"))}
    if metric.local:
        lines["england"] = f"England: {format_value(summary.get('england_value'), spec)}"
        lines["comparison"] = comparison_words(metric)
    else:
        lines["england"] = ENGLAND_ONLY
        lines["comparison"] = "Not compared (measured for England only)"
    return lines


def ambition(outcome: OutcomeSpec) -> str | None:
    """The outcome's ambitions in one line, or None."""
    return ambitions_line(outcome.ambitions)


def sentence(metric: MetricData, area_name: str, outcome: OutcomeSpec) -> str:
    """The one-sentence summary the dashboard shows under the same chart."""
    summary = metric.summary
    if metric.local:
        return trend_summary(metric.spec, area_name, summary, summary.get("comparison"), summary.get("england_value"),
                             suppressed=bool(summary.get("suppressed")))
    return national_summary(metric.spec, summary, ambition_text=ambition(outcome))


def chart_region(metric: MetricData, area_code: str) -> tuple[str, str] | None:
    """The region line the chart draws (code and name), or None: only a local measure's chart has one."""
    rows = region_rows(metric.series, area_code) if metric.local else metric.series.iloc[0:0]
    return None if rows.empty else (str(rows["area_code"].iloc[0]), region_name(rows) or "")


def chart_alt(metric: MetricData, pack: PackData, outcome: OutcomeSpec) -> str:
    """The chart's alternative text: the summary sentence the dashboard shows under it, then the lines it draws."""
    area = pack.name if metric.local else "England"
    region = chart_region(metric, pack.code)
    lines = lines_sentence(area, england=metric.local, region=region[1] if region else None, ambition=metric.ambition)
    return f"{sentence(metric, pack.name, outcome)} {lines}"


def ambition_status(metric: MetricData, pack: PackData) -> str | None:
    """Whether England is on track for the ambition whose trajectory the chart draws, in the status summary's
    words (page 1 and the dashboard's status summary say the same); None when no trajectory is drawn."""
    if metric.ambition is None or not metric.ambition.trajectory or pack.summary is None:
        return None
    row = next((r for r in pack.summary.rows if r.spec.id == metric.spec.id), None)
    return ambition_sentence(row) if row is not None else None


def chart_title(metric: MetricData, area_name: str) -> str:
    return f"{metric.spec.name}: {area_name if metric.local else 'England'}"


def provenance(metric: MetricData, pack: PackData) -> list[str]:
    """The chart's footer: source, data up to, release, licence (and what is derived, what is demonstration)."""
    release = pack.release
    lines = [f"Source: {source_text(metric.spec)}",
             f"Data up to: {metric.summary.get('latest_period') or 'no data published'}. Data release "
             f"{release['id']}, extracted {day(release.get('extracted_date')) or 'date not recorded'}.",
             LICENCE_LINE + "."]
    if metric.local:
        lines.append(POOLED_NOTE)
    if metric.local and metric.summary.get("estimated"):
        lines.append(ESTIMATE_FOOTNOTE)
    geography = geography_line(metric.series[metric.series["area_type"] == "partnership"]) if metric.local else None
    if geography:
        lines.append(geography + ".")
    if release.get("any_demo"):
        lines.append(DEMO_WARNING)
    return lines


def _value_cell(row: pd.Series, spec: Any, *, short: bool = False) -> str:
    """The value as the dashboard shows it, marked "(estimate)" when it is one."""
    suppressed = bool(row.get("suppressed"))
    return format_value(row.get("value"), spec, suppressed=suppressed, short=short) + (
        "" if suppressed else estimate_marker(row))


def table_notes(metric: MetricData) -> list[str]:
    """The notes on the latest table's values, one line per area with a note (the publisher's, or the
    estimate's method), in the table's order."""
    return [f"{row.get('area_name') or row.get('area_code')}: {shown_note(row)}"
            for _, row in metric.latest_rows.iterrows() if shown_note(row)]


def _signed(value: Any, spec: Any) -> str:
    """A change without its unit (the column header names it): "+0.6", "−1.0"."""
    if is_missing(value):
        return "–"
    return ("+" if float(value) > 0 else "") + format_number(value, spec)


def _interval(row: pd.Series, spec: Any) -> str:
    text = format_interval(row.get("lower_ci"), row.get("upper_ci"), spec)
    return text.removeprefix("95% CI ")


def unit_header(spec: Any) -> str:
    """The unit for a column header: "%" for percentages, else the unit words ("per 100,000")."""
    return "%" if is_percent(spec) else unit_words(spec) or "number"


def latest_table(metric: MetricData) -> tuple[list[str], list[list[str]]]:
    """Header and rows: the partnership, each member authority and England in the latest period."""
    spec = metric.spec
    unit = unit_header(spec)
    change_unit = "percentage points" if is_percent(spec) else unit
    header = ["Area", f"Value ({unit})", "95% interval", "Count", "Compared with England",
              f"Change since baseline ({change_unit})"]
    rows = []
    for _, row in metric.latest_rows.iterrows():
        suppressed = bool(row.get("suppressed"))
        england = row.get("area_type") == "country"
        phrase = comparison_phrase(row.get("comparison"), None, spec).lstrip(", ")
        # A withheld value says "Suppressed" once; the columns derived from it are simply empty.
        rows.append([
            str(row.get("area_name") or row.get("area_code")),
            _value_cell(row, spec, short=True),
            "–" if suppressed else _interval(row, spec),
            "–" if suppressed else format_count(row.get("numerator")),
            "England (benchmark)" if england else (phrase[:1].upper() + phrase[1:] if phrase else "Not compared"),
            "–" if suppressed else _signed(row.get("change"), spec),
        ])
    return header, rows


def trend_table(metric: MetricData, area_code: str, area_name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the chart's values by period (the chart as a table, and its fallback): the area, its
    region (when the chart draws one) and England."""
    series = metric.series.assign(_start=pd.to_datetime(metric.series["period_start"]))
    order = list(dict.fromkeys(series.sort_values("_start")["period"].astype(str)))
    local = metric.local
    region = chart_region(metric, area_code)
    columns = ([(area_code, area_name)] + ([region] if region else []) + [(ENGLAND, "England")] if local
               else [(ENGLAND, "England")])
    header = ["Period"] + [name for _, name in columns]
    by_area = {code: rows.drop_duplicates("period").set_index("period") for code, rows in series.groupby("area_code")}
    rows = []
    for period in order:
        cells = [period]
        for code, _ in columns:
            frame = by_area.get(code)
            cells.append(_value_cell(frame.loc[period], metric.spec) if frame is not None and period in frame.index
                         else "–")
        rows.append(cells)
    return header, rows


def member_lines(pack: PackData) -> list[str]:
    """The members in one line (former members marked), then how the grouping is known: one line per
    distinct status and source, so a shared source is printed once; then the similar partnerships."""
    names = []
    for row in pack.members.itertuples(index=False):
        until = f", until {day(row.valid_to)}" if not is_missing(row.valid_to) else ""
        names.append(f"{row.name} ({row.code}{until})")
    lines = ["Members: " + "; ".join(names) + "."]
    statuses = pack.members[["status", "source"]].fillna("").drop_duplicates()
    for row in statuses.itertuples(index=False):
        if row.status == "sourced":
            lines.append(f"Sourced grouping. Source: {row.source or 'not recorded'}.")
        else:
            lines.append("Assumed grouping: " + (row.source or "no published source was found for this grouping."))
    if pack.similar:
        lines.append("Similar partnerships (nearest on population size, age structure and opiate/crack use "
                     "prevalence; the method is on the dashboard's About page): " + ", ".join(pack.similar) + ".")
    return lines
