"""A release schedule line that carries an editor's note instead of the publisher's words is refused, since pages
show its ``covers`` and ``source`` as written."""

from __future__ import annotations

from datetime import date

import pytest

from data_access.catalogue.schedule import COLUMNS, ScheduleError, parse_schedule

TODAY = date(2026, 12, 4)
SOURCE = "From Harm to Hope: First Annual Report 2022-23 (CP 906; July 2023); headline metrics table"


def _file(covers: str, source: str = SOURCE) -> str:
    return ",".join(COLUMNS) + f'\nprison_continuity_of_care,2023-12-31,year,"{covers}","{source}",2026-12-04\n'


def test_published_words_load():
    [entry] = parse_schedule(_file("Q4 2023/24"), ["prison_continuity_of_care"], TODAY)
    assert entry.covers == "Q4 2023/24"


@pytest.mark.parametrize("covers, source", [
    ("Expected end 2023 (Q4 2023/24) - as printed; looks internally inconsistent", SOURCE),
    ("Q4 2023/24", "Annual report [page to be confirmed]"),
])
def test_an_editors_note_is_refused_with_its_column(covers, source):
    with pytest.raises(ScheduleError) as error:
        parse_schedule(_file(covers, source), ["prison_continuity_of_care"], TODAY)
    columns = {problem.column for problem in error.value.problems}
    assert columns == ({"covers"} if covers != "Q4 2023/24" else {"source"})
    assert all("editor's note" in problem.message for problem in error.value.problems)
