"""The release schedule file: every problem with its line and column, and what a date means on a given day."""

from __future__ import annotations

from datetime import date

import pytest

from data_access.catalogue import get_catalogue
from data_access.catalogue.schedule import (
    NOT_ANNOUNCED,
    OVERDUE_OR_UNANNOUNCED,
    SCHEDULE_FILE,
    SCHEDULED,
    ScheduleEntry,
    ScheduleError,
    answer,
    date_text,
    parse_schedule,
    read_schedule_file,
    window_end,
)

TODAY = date(2026, 12, 4)
HEADER = "metric_id,release_date,date_precision,covers,source,recorded_on\n"
METRICS = get_catalogue().metrics


def problems(text: str) -> list[str]:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text, METRICS, TODAY)
    return [str(p) for p in caught.value.problems]


def entry(released: date, precision: str = "day") -> ScheduleEntry:
    return ScheduleEntry("drug_misuse_deaths", released, precision, "2025 registrations", "ONS release calendar",
                         date(2026, 11, 30))


def test_the_committed_schedule_is_valid_and_every_date_in_it_has_passed():
    entries = read_schedule_file(SCHEDULE_FILE, METRICS, TODAY)
    assert len(entries) == 10
    assert all(answer(e, TODAY).state == OVERDUE_OR_UNANNOUNCED for e in entries)


def test_a_good_file_parses():
    [parsed] = parse_schedule("\ufeff" + HEADER + "drug_misuse_deaths,2027-10-22,day,2025,ONS,2026-12-01\n",
                              METRICS, TODAY)
    assert parsed == ScheduleEntry("drug_misuse_deaths", date(2027, 10, 22), "day", "2025", "ONS", date(2026, 12, 1))


def test_every_row_problem_is_listed_with_line_and_column():
    found = problems(HEADER
                     + "nope,2027-10-22,day,2025,ONS,2026-12-01\n"
                     + "drug_misuse_deaths,22/10/2027,day,2025,ONS,2026-12-01\n"
                     + "drug_misuse_deaths,2027-10-22,week,,ONS,2027-01-01\n"
                     + "numbers_in_treatment,2027-03-01,month,2025/26,ONS,2026-12-01\n"
                     + "treatment_progress,2027-10-22,day,2025/26,ONS,2026-12-01\n"
                     + "treatment_progress,2027-10-23,day,2025/26,ONS,2026-12-01\n")
    assert found == [
        "line 2, column metric_id: 'nope' is not a metric in the catalogue",
        "line 3, column release_date: '22/10/2027' is not a date written YYYY-MM-DD",
        "line 4, column covers: is empty",
        "line 4, column metric_id: 'drug_misuse_deaths' is already scheduled on line 3",
        "line 4, column date_precision: 'week' is not one of day, month, season, year",
        "line 4, column recorded_on: 2027-01-01 is after today (2026-12-04)",
        "line 5, column release_date: for precision month, write the last day it allows: 2027-03-31",
        "line 7, column metric_id: 'treatment_progress' is already scheduled on line 6",
    ]


def test_missing_and_unknown_columns_are_line_1():
    found = problems("metric_id,release_date,date_precision,covers,sauce\n")
    assert found == ["line 1, column source: column is missing", "line 1, column recorded_on: column is missing",
                     "line 1, column sauce: is not a schedule column"]


def test_empty_file_and_ragged_rows():
    assert problems("") == ["file: the file is empty; expected the header "
                            "metric_id,release_date,date_precision,covers,source,recorded_on"]
    assert problems(HEADER + "drug_misuse_deaths,2027-10-22,day,2025,ONS,2026-12-01,extra\n") == [
        "line 2: 7 values for 6 columns"]


def test_a_header_only_file_is_an_empty_schedule():
    assert parse_schedule(HEADER, METRICS, TODAY) == []


@pytest.mark.parametrize(("day", "precision", "end", "words"), [
    (date(2027, 10, 22), "day", date(2027, 10, 22), "22 October 2027"),
    (date(2024, 2, 3), "month", date(2024, 2, 29), "February 2024"),
    (date(2023, 10, 1), "season", date(2023, 11, 30), "Autumn 2023"),
    (date(2023, 12, 15), "season", date(2024, 2, 29), "Winter 2023/24"),
    (date(2024, 1, 15), "season", date(2024, 2, 29), "Winter 2023/24"),
    (date(2023, 6, 1), "year", date(2023, 12, 31), "end of 2023"),
])
def test_precision_windows_and_words(day, precision, end, words):
    assert window_end(day, precision) == end
    assert date_text(end, precision) == words


def test_a_future_date_is_the_next_release():
    shown = answer(entry(date(2027, 10, 22)), TODAY)
    assert shown.state == SCHEDULED and shown.is_scheduled
    assert shown.sentence == "Next release: 22 October 2027 (covering 2025 registrations)"
    assert shown.text == "22 October 2027 (covering 2025 registrations)" and shown.source == "ONS release calendar"
    assert answer(entry(TODAY), TODAY).state == SCHEDULED  # the release day itself is still to come


def test_a_past_date_is_never_shown_as_the_next_release():
    shown = answer(entry(date(2023, 11, 30), "season"), TODAY)
    assert shown.state == OVERDUE_OR_UNANNOUNCED and not shown.is_scheduled
    assert shown.sentence == "Next release not yet announced (the last announced date, Autumn 2023, has passed)"
    assert shown.brief == "Next release not yet announced"
    assert not shown.brief.startswith("Next release:") and not shown.text.startswith("Autumn")


def test_no_entry_is_not_announced():
    shown = answer(None, TODAY)
    assert (shown.state, shown.text, shown.source) == (NOT_ANNOUNCED, "Not announced", "")
