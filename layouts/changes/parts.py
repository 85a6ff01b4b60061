"""The "what changed since the last board" page's ids, date parsing and sections (pure: no data access).

Kept apart from the page module (which registers a page and so cannot be imported by callbacks
before the app exists). Each section is an accessible table with a caption, or one sentence
saying there is nothing to report, so a board member can read "nothing changed" as clearly as a
change.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
from dash import html

from data_access.catalogue import get_catalogue
from presentation import theme
from presentation.blocks import data_table
from presentation.formatting import format_value

DEFAULT_DAYS = 90
MAX_REVISIONS = 200
TREND_WORDS = {"increasing": "Increasing", "decreasing": "Decreasing", "no_significant_change": "No significant change",
               "not_enough_data": "Not enough data to test"}
JUDGEMENT_WORDS = {"getting_better": " and getting better", "getting_worse": " and getting worse"}


def parse_since(raw: Any, today: date, messages: list[str]) -> date:
    """``?since=YYYY-MM-DD``; absent → 90 days ago; nonsense or a future date → 90 days ago with a message."""
    default = today - timedelta(days=DEFAULT_DAYS)
    if raw in (None, ""):
        return default
    text = str(raw).strip()
    shown = text if len(text) <= 30 else text[:27] + "…"
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        messages.append(f"“{shown}” is not a date written YYYY-MM-DD. Showing changes in the last {DEFAULT_DAYS} days.")
        return default
    if day > today:
        messages.append(f"{day_words(day)} is in the future. Showing changes in the last {DEFAULT_DAYS} days.")
        return default
    return day


def day_words(day: Any) -> str:
    """ "1 September 2026"."""
    stamp = pd.Timestamp(day)
    return f"{stamp.day} {stamp:%B %Y}"


def _nothing(text: str) -> html.P:
    return html.P(text, className="changes__none")


def _section(title: str, intro: str, body: Any) -> html.Section:
    if isinstance(body, html.Table):
        # A wide table scrolls in its own keyboard-focusable region instead of widening a phone's page.
        body = html.Div(body, className="table-scroll", tabIndex=0, role="region", **{"aria-label": f"{title}: table"})
    return html.Section([html.H2(title), html.P(intro), body], className="changes__section mb-4")


def releases_section(frame: pd.DataFrame, since: date) -> html.Section:
    """The data releases loaded on or after ``since``."""
    if frame.empty:
        body = _nothing(f"No data release has been loaded since {day_words(since)}, so nothing below has changed.")
    else:
        rows = frame.assign(loaded=frame["loaded_at"].map(day_words),
                            extracted=frame["extracted_date"].map(lambda d: day_words(d) if not pd.isna(d) else "–"))
        body = data_table(rows, [("id", "Release", True, str), ("source", "Source"), ("publisher", "Publisher"),
                                 ("extracted", "Extracted"), ("loaded", "Loaded")],
                          f"Data releases loaded since {day_words(since)}")
    return _section("Data releases loaded", "Every load of data is a release; older releases are kept.", body)


def new_periods_section(frame: pd.DataFrame, since: date, *, compared: bool = True) -> html.Section:
    """Per measure, the periods published for the first time since the date (every period is new when no
    release was loaded before the date: then one sentence says so instead of listing them all)."""
    if not compared and not frame.empty:
        body = _nothing(f"No data release was loaded before {day_words(since)}: all {len(frame)} periods of "
                        f"{frame['metric_id'].nunique()} measures were first published since then.")
    elif frame.empty:
        body = _nothing(f"No measure has a new period since {day_words(since)}.")
    else:
        grouped = (frame.groupby(["metric_id", "metric_name"], sort=False)
                   .agg(periods=("period", lambda s: ", ".join(s)), releases=("release_id", lambda s: ", ".join(
                       str(int(v)) for v in dict.fromkeys(s)))).reset_index())
        body = data_table(grouped, [("metric_name", "Measure"), ("periods", "New periods"),
                                    ("releases", "First in release")],
                          f"Periods published for the first time since {day_words(since)}")
    return _section("New periods published", "Periods that no release before the date had, for any area.", body)


def revisions_section(frame: pd.DataFrame, names: dict[str, str], since: date) -> html.Section:
    """Values of the partnership's member authorities and England revised since the date: old → new."""
    if frame.empty:
        body = _nothing(f"No published value for these areas has been revised since {day_words(since)}.")
    else:
        catalogue = get_catalogue()
        shown = frame.head(MAX_REVISIONS)
        rows = shown.assign(
            area=shown["area_code"].map(lambda c: names.get(c, c)),
            old=[format_value(v, catalogue.metric(m), suppressed=bool(s))
                 for v, m, s in zip(shown["old_value"], shown["metric_id"], shown["old_suppressed"], strict=True)],
            new=[format_value(v, catalogue.metric(m), suppressed=bool(s))
                 for v, m, s in zip(shown["new_value"], shown["metric_id"], shown["new_suppressed"], strict=True)],
            release=shown["new_release_id"].map(lambda v: str(int(v))))
        body = html.Div([
            data_table(rows, [("metric_name", "Measure"), ("area", "Area"), ("period", "Period"),
                              ("old", "Was", True), ("new", "Now", True), ("release", "Revised in release", True)],
                       f"Values revised since {day_words(since)}", row_header=False),
            html.P(f"Showing the first {MAX_REVISIONS} of {len(frame)} revised values; the CSV downloads hold every "
                   "value.") if len(frame) > MAX_REVISIONS else None,
        ], className="table-scroll", tabIndex=0, role="region", **{"aria-label": "Revised values: table"})
    return _section("Revised values", "Published values of the member authorities and England that a newer release "
                    "changed (partnership figures are pooled from these, so they change with them).", body)


def label_words(what: str, label: Any) -> str:
    """Words for a stored judgement label ("worse" → "Worse than England"; trends in full)."""
    if what == "comparison":
        return theme.comparison_style(str(label))["text"]
    trend, _, judgement = str(label).partition("/")
    return TREND_WORDS.get(trend, trend.replace("_", " ").capitalize()) + JUDGEMENT_WORDS.get(judgement, "")


def judgements_section(frame: pd.DataFrame, since: date, *, compared: bool) -> html.Section:
    """Areas whose comparison with England or recent trend changed: before → now, with the periods."""
    if not compared:
        body = _nothing(f"No data release was loaded before {day_words(since)}, so there is nothing to compare with.")
    elif frame.empty:
        body = _nothing("No comparison with England or recent trend changed for the partnership or its members.")
    else:
        rows = frame.assign(
            kind=frame["what"].map({"comparison": "Compared with England", "trend": "Recent trend"}),
            before=[f"{label_words(w, lab)} ({p or 'no data'})"
                    for w, lab, p in zip(frame["what"], frame["old_label"], frame["old_period"], strict=True)],
            after=[f"{label_words(w, lab)} ({p or 'no data'})"
                   for w, lab, p in zip(frame["what"], frame["new_label"], frame["new_period"], strict=True)])
        body = data_table(rows, [("area_name", "Area"), ("metric_name", "Measure"), ("kind", "Judgement"),
                                 ("before", "Before"), ("after", "Now")],
                          "Judgements that changed (latest period before the date → latest period now)")
    return _section("Changed comparisons and trends", "For each headline measure published for local areas: the "
                    "partnership and each member authority, as of the last release before the date against now.", body)


def upcoming_section(frame: pd.DataFrame) -> html.Section:
    """Next publication dates from the release schedule; a date that has passed reads "Not yet announced"."""
    if frame.empty:
        body = _nothing("No publication date has been announced for any measure.")
    else:
        rows = frame.assign(kind=frame["tier"].str.capitalize())
        body = data_table(rows, [("metric_name", "Measure"), ("outcome", "Outcome"), ("kind", "Tier"),
                                 ("next_release", "Next publication")], "Next publication dates")
    return _section("Upcoming releases", "From the release schedule, as recorded from the publishers' announcements; "
                    "check the publisher's release calendar before relying on a date.", body)
