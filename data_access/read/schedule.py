"""What pages say about each metric's next release: the store's current schedule compared with today.

The schedule is a few dozen rows, read once per web request in public mode and at most once a
second per worker (like the release key), so a new ``data schedule`` load reaches pages within a
second without touching the data release's cache. The comparison with today happens on every call,
so a date that passes overnight stops being shown as the next release at once. When the store
cannot be read the committed schedule answers instead, so a definition still says something true.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from data_access.catalogue import get_catalogue
from data_access.catalogue.schedule import SCHEDULE_FILE, NextRelease, ScheduleEntry, answer, read_schedule_file
from data_access.catalogue.schedule_store import current_schedule
from data_access.db import get_engine
from data_access.read.memory import per_request, recently

log = logging.getLogger(__name__)


def _query_schedule() -> tuple[str, dict[str, ScheduleEntry]]:
    try:
        with get_engine().connect() as conn:
            version, entries = current_schedule(conn)
        name = f"v{version.id}" if version is not None else "none"
    except SQLAlchemyError as error:
        log.warning("release schedule unavailable (%s); showing the committed schedule", error.__class__.__name__)
        name, entries = "file", read_schedule_file(SCHEDULE_FILE, get_catalogue().metrics, date.max)
    return name, {entry.metric_id: entry for entry in entries}


def _current() -> tuple[str, dict[str, ScheduleEntry]]:
    return per_request("release_schedule", lambda: recently("release_schedule", _query_schedule))


def release_schedule() -> dict[str, ScheduleEntry]:
    """The current schedule by metric id (metrics with no announced release are absent); never mutate it."""
    return _current()[1]


def schedule_key(today: date | None = None) -> str:
    """Names what ``next_release`` answers today: the schedule version and the date.

    Part of the key of any remembered view that shows a next release, so a new schedule or a date
    passing overnight is never answered from an older view.
    """
    return f"{_current()[0]}-{(today or date.today()).isoformat()}"


def next_release(metric_id: str, today: date | None = None) -> NextRelease:
    """What to say about ``metric_id``'s next release on ``today`` (default: today's date)."""
    return answer(release_schedule().get(metric_id), today or date.today())
