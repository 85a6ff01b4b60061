"""Pages over the demonstration store never show a date that has passed as a metric's next release:
the overview's tiles, the outcome page's definition and the metric page all say what the schedule says today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from data_access.catalogue import get_catalogue
from data_access.catalogue.schedule import SCHEDULE_FILE, ScheduleEntry, date_text, read_schedule_file
from data_access.read import memory
from presentation import ids
from tests.support.layout_tree import find, text, walk

FUTURE = date.today() + timedelta(days=400)
PAST = date(2024, 5, 31)


@pytest.fixture(scope="module")
def overview(web_env):
    """``update_overview`` with the app imported, so the read layer's cache is live (as when serving)."""
    import app  # noqa: F401
    from callbacks.home import update_overview

    return update_overview


@pytest.fixture
def schedule(monkeypatch):
    """Serve a schedule in which deaths are announced for a future day and treatment numbers for a past month."""
    from data_access.read import schedule as reader

    entries = {
        "drug_misuse_deaths": ScheduleEntry("drug_misuse_deaths", FUTURE, "day", "2025 registrations",
                                            "ONS release calendar", date.today()),
        "numbers_in_treatment": ScheduleEntry("numbers_in_treatment", PAST, "month", "2023/24",
                                              "OHID statistics calendar", date(2024, 1, 10)),
    }
    monkeypatch.setattr(reader, "_query_schedule", lambda: ("test-schedule", entries))
    memory.clear()
    yield entries
    memory.clear()


def release_lines(cards) -> dict[str, str]:
    """Each tile's next-release line by metric id ('' when the tile has none)."""
    lines = {}
    for tile in (c for c in find(cards, "Article") if c.className == "tile"):
        found = [text(p) for p in find(tile, "P") if text(p).startswith("Next release")]
        lines[tile.id["metric"]] = found[0] if found else ""
    return lines


def test_no_tile_shows_a_past_date_as_the_next_release(overview):
    """Given the committed schedule (every date in it has passed), then no tile names a date as the next release."""
    lines = release_lines(overview(None, {})[0])
    assert lines and not any(line.startswith("Next release:") for line in lines.values())
    for entry in read_schedule_file(SCHEDULE_FILE, get_catalogue().metrics, date.today()):
        if entry.metric_id in lines:
            assert lines[entry.metric_id] == "Next release not yet announced"
            assert entry.date_text not in lines[entry.metric_id]


def test_a_future_date_is_shown_and_a_past_one_is_not(overview, schedule):
    lines = release_lines(overview("cleveland", {})[0])
    assert lines["drug_misuse_deaths"] == (f"Next release: {date_text(FUTURE, 'day')} (covering 2025 registrations)")
    assert lines["numbers_in_treatment"] == "Next release not yet announced"
    assert all(line == "" for metric, line in lines.items() if metric not in schedule)


def answered_outcome_page(slug: str, **query: str):
    """The outcome page as served: its layout with the first callback answers the server puts in it."""
    import dash

    from app import server

    page = next(p for p in dash.page_registry.values() if p["path"] == f"/outcome/{slug}")
    with server.test_request_context(f"/outcome/{slug}"):
        return page["layout"](**query)


def test_definitions_say_what_the_schedule_says_today(overview, schedule):
    from layouts.metric.page import metric_detail

    catalogue = get_catalogue()
    page = answered_outcome_page("deaths-and-harm", metric="drug_misuse_deaths")
    deaths = text(next(c for c in walk(page) if getattr(c, "id", None) == ids.OUTCOME_DEFINITION))
    assert f"{date_text(FUTURE, 'day')} (covering 2025 registrations)" in deaths and "ONS release calendar" in deaths
    treatment = text(metric_detail(catalogue.metric("numbers_in_treatment")))
    assert "Not yet announced (the last announced date, May 2024, has passed)" in treatment
    assert "Not announced" in text(metric_detail(catalogue.metric("ocu_prevalence")))
