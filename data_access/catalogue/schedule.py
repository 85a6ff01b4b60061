"""The release schedule as data: read and check a schedule file, and say what a metric's next release is.

A publisher's next-release date is a fact with a date on it, so it lives in a file
(``release_schedule.csv``: metric_id, release_date, date_precision, covers, source, recorded_on)
rather than in free text, and the app compares it with today: a date that has passed is never shown
as the next release. ``release_date`` is an ISO date; for an announcement less precise than a day it
is the last day the announcement allows (the month's last day, the season's, the year's), so one
comparison with today serves every precision. Nothing here touches the store: the store keeps the
checked rows (``schedule_store``) and the read layer answers pages from them.
"""

from __future__ import annotations

import calendar
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from data_access.catalogue.public_text import note_markers
from data_access.ingest.report import Problem  # one problem type for every file the app checks

SCHEDULE_FILE = Path(__file__).with_name("release_schedule.csv")
COLUMNS = ("metric_id", "release_date", "date_precision", "covers", "source", "recorded_on")
PRECISIONS = ("day", "month", "season", "year")
#: Meteorological seasons by the month they end in; winter runs December to February.
SEASON_ENDS = {5: "Spring", 8: "Summer", 11: "Autumn", 2: "Winter"}

SCHEDULED = "scheduled"
OVERDUE_OR_UNANNOUNCED = "overdue_or_unannounced"
NOT_ANNOUNCED = "not_announced"


@dataclass(frozen=True)
class ScheduleEntry:
    """One metric's announced next release."""

    metric_id: str
    release_date: date
    date_precision: str
    covers: str
    source: str
    recorded_on: date

    @property
    def date_text(self) -> str:
        """The date as announced: "12 March 2027", "March 2027", "Autumn 2023", "end of 2023"."""
        return date_text(self.release_date, self.date_precision)


@dataclass(frozen=True)
class NextRelease:
    """What to say about a metric's next release on a given day.

    ``state``: ``scheduled`` (an announced date still to come), ``overdue_or_unannounced`` (the last
    announced date has passed and no new one is recorded) or ``not_announced`` (no date recorded).
    ``text`` follows a "Next release" label; ``sentence`` stands alone; ``brief`` is the short form
    for a tile.
    """

    state: str
    text: str
    sentence: str
    brief: str
    release_date: date | None = None
    covers: str = ""
    source: str = ""

    @property
    def is_scheduled(self) -> bool:
        return self.state == SCHEDULED


class ScheduleError(Exception):
    """A schedule file that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}")
        self.problems = problems


def window_end(day: date, precision: str) -> date:
    """The last day of the month, season or year that ``day`` falls in (``day`` itself for "day")."""
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "season":
        year, month = day.year, day.month
        end_month = next(m for m in (2, 5, 8, 11) if m >= month) if month <= 11 else 2
        if month == 12:
            year += 1
        return date(year, end_month, calendar.monthrange(year, end_month)[1])
    if precision == "year":
        return date(day.year, 12, 31)
    return day


def date_text(day: date, precision: str) -> str:
    """A release date in words, no more precise than it was announced."""
    if precision == "month":
        return f"{day:%B %Y}"
    if precision == "season":
        season = SEASON_ENDS.get(day.month, "")
        return f"Winter {day.year - 1}/{day.year % 100:02d}" if season == "Winter" else f"{season} {day.year}"
    if precision == "year":
        return f"end of {day.year}"
    return f"{day.day} {day:%B %Y}"


def answer(entry: ScheduleEntry | None, today: date) -> NextRelease:
    """The next release to show on ``today``: a date still to come, or plainly none (never a past one)."""
    if entry is None:
        return NextRelease(NOT_ANNOUNCED, "Not announced", "Next release not announced", "Next release not announced")
    when = entry.date_text
    if entry.release_date < today:
        passed = f"(the last announced date, {when}, has passed)"
        return NextRelease(OVERDUE_OR_UNANNOUNCED, f"Not yet announced {passed}",
                           f"Next release not yet announced {passed}", "Next release not yet announced",
                           release_date=entry.release_date, covers=entry.covers, source=entry.source)
    text = f"{when} (covering {entry.covers})"
    return NextRelease(SCHEDULED, text, f"Next release: {text}", f"Next release: {text}",
                       release_date=entry.release_date, covers=entry.covers, source=entry.source)


def _iso_date(value: str, row: int, column: str, problems: list[Problem]) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(Problem(row, column, f"{value!r} is not a date written YYYY-MM-DD"))
        return None


def _entry(record: dict[str, str], row: int, known: set[str], seen: dict[str, int], today: date,
           problems: list[Problem]) -> ScheduleEntry | None:
    before = len(problems)
    values = {column: (record.get(column) or "").strip() for column in COLUMNS}
    for column, value in values.items():
        if not value:
            problems.append(Problem(row, column, "is empty"))
    for column in ("covers", "source"):  # shown on pages as written: published words only, never a note
        problems += [Problem(row, column, f"holds an editor's note ({marker}); write only what the publisher said")
                     for marker in note_markers(values[column])[:1]]
    metric_id = values["metric_id"]
    if metric_id and metric_id not in known:
        problems.append(Problem(row, "metric_id", f"{metric_id!r} is not a metric in the catalogue"))
    elif metric_id in seen:
        problems.append(Problem(row, "metric_id", f"{metric_id!r} is already scheduled on line {seen[metric_id]}"))
    elif metric_id:
        seen[metric_id] = row
    precision = values["date_precision"]
    if precision and precision not in PRECISIONS:
        problems.append(Problem(row, "date_precision", f"{precision!r} is not one of {', '.join(PRECISIONS)}"))
    released = _iso_date(values["release_date"], row, "release_date", problems) if values["release_date"] else None
    if released and precision in PRECISIONS and window_end(released, precision) != released:
        problems.append(Problem(row, "release_date", f"for precision {precision}, write the last day it allows: "
                                                     f"{window_end(released, precision).isoformat()}"))
    recorded = _iso_date(values["recorded_on"], row, "recorded_on", problems) if values["recorded_on"] else None
    if recorded and recorded > today:
        problems.append(Problem(row, "recorded_on", f"{recorded.isoformat()} is after today ({today.isoformat()})"))
    if len(problems) > before or released is None or recorded is None:
        return None
    return ScheduleEntry(metric_id, released, precision, values["covers"], values["source"], recorded)


def parse_schedule(text: str, metric_ids: Iterable[str], today: date) -> list[ScheduleEntry]:
    """Every entry of a schedule file's text, checked against the catalogue's metric ids.

    Raises ScheduleError listing every problem (with its line and column) when anything is wrong.
    """
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        raise ScheduleError([Problem(0, "", "the file is empty; expected the header " + ",".join(COLUMNS))])
    problems = [Problem(1, column, "column is missing") for column in COLUMNS if column not in header]
    problems += [Problem(1, column, "is not a schedule column") for column in header if column not in COLUMNS]
    if problems:
        raise ScheduleError(problems)
    reader.fieldnames = header
    known, seen, entries = set(metric_ids), {}, []
    for row, record in enumerate(reader, start=2):
        if None in record:
            problems.append(Problem(row, "", f"{len(header) + len(record[None])} values for {len(header)} columns"))
            continue
        if not any((value or "").strip() for value in record.values()):
            continue
        entry = _entry(record, row, known, seen, today, problems)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise ScheduleError(problems)
    return entries


def read_schedule_file(path: Path, metric_ids: Iterable[str], today: date) -> list[ScheduleEntry]:
    """``parse_schedule`` on a file (UTF-8, with or without a byte-order mark)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScheduleError([Problem(0, "", f"not UTF-8 text (byte {error.start})")]) from None
    return parse_schedule(text, metric_ids, today)
