"""What changed since the last board: the read functions and the page callback over a store with two releases.

Release 1 (demonstration data) is back-dated before ``SINCE``; release 2, loaded after it, revises
Cleveland's successful completions and England's homicides and adds numbers in treatment 2025/26
(see ``tests/boardpack/revised_store.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.layout_tree import text
from tests.support.revised_store import CLEVELAND_MEMBERS, ENGLAND, SINCE, revised_env  # noqa: F401

HEADING, STATUS, BODY = range(3)


@pytest.fixture(scope="module")
def changes(revised_env):  # noqa: F811
    from data_access.read import changes

    return changes


class TestReleases:
    def test_only_the_second_release_is_new(self, changes):
        """Given release 1 loaded before the date and release 2 after, then only release 2 is listed."""
        assert list(changes.releases_since(SINCE)["id"]) == [2]
        assert changes.release_before(SINCE) == 1

    def test_a_date_before_every_release_has_nothing_before_it(self, changes):
        assert changes.release_before(date(2000, 1, 1)) is None
        assert list(changes.releases_since(date(2000, 1, 1))["id"]) == [2, 1]


class TestNewPeriods:
    def test_the_new_period_and_nothing_else(self, changes):
        """Given release 2 adds numbers in treatment 2025/26, then that is the only new period, first in release 2."""
        frame = changes.new_periods(SINCE)
        assert list(zip(frame["metric_id"], frame["period"], frame["release_id"], strict=True)) == [
            ("numbers_in_treatment", "2025/26", 2)]

    def test_revised_periods_are_not_new(self, changes):
        frame = changes.new_periods(SINCE)
        assert "successful_completions_adults" not in set(frame["metric_id"])


class TestRevisions:
    def test_revised_cells_old_to_new(self, changes):
        """Given release 2 revises four member values and England's homicides, then each is listed old → new."""
        frame = changes.revised_values(SINCE, [*CLEVELAND_MEMBERS, ENGLAND])
        completions = frame[frame["metric_id"] == "successful_completions_adults"]
        assert sorted(completions["area_code"]) == sorted(CLEVELAND_MEMBERS)
        assert set(completions["period"]) == {"2024/25"}
        assert (completions["new_value"] < completions["old_value"]).all()
        assert set(completions["old_release_id"]) == {1} and set(completions["new_release_id"]) == {2}
        homicides = frame[frame["metric_id"] == "drug_related_homicides"].iloc[0]
        assert (homicides["area_code"], homicides["old_value"], homicides["new_value"]) == (ENGLAND, 330.0, 345.0)

    def test_a_new_period_is_not_a_revision(self, changes):
        frame = changes.revised_values(SINCE, [*CLEVELAND_MEMBERS, ENGLAND])
        assert "numbers_in_treatment" not in set(frame["metric_id"])

    def test_other_areas_are_not_listed(self, changes):
        assert changes.revised_values(SINCE, ["E09000001"]).empty


class TestJudgements:
    def test_cleveland_moves_from_better_to_worse(self, changes):
        """Given Cleveland's completions fall well below England's, then its comparison change is reported."""
        frame = changes.judgement_changes(SINCE, [("cleveland", "partnership")], ["successful_completions_adults"])
        row = frame[(frame["what"] == "comparison")].iloc[0]
        assert (row["area_name"], row["old_label"], row["new_label"]) == ("Cleveland", "better", "worse")
        assert row["old_period"] == row["new_period"] == "2024/25"

    def test_an_unrevised_partnership_has_no_changes(self, changes):
        frame = changes.judgement_changes(SINCE, [("barnet", "partnership")], ["successful_completions_adults"])
        assert frame.empty

    def test_nothing_to_compare_without_an_earlier_release(self, changes):
        frame = changes.judgement_changes(date(2000, 1, 1), [("cleveland", "partnership")],
                                          ["successful_completions_adults"])
        assert frame.empty


def test_upcoming_releases_headline_first(changes):
    frame = changes.upcoming_releases()
    assert not frame.empty and frame["next_release"].str.len().gt(0).all()
    tiers = list(frame["tier"])
    assert tiers == sorted(tiers, key=lambda t: t != "headline")


@pytest.fixture(scope="module")
def page(changes):
    from callbacks.changes import render_changes

    return render_changes("cleveland", SINCE.isoformat())


class TestCallback:
    def test_heading_names_the_date_and_partnership(self, page):
        assert page[HEADING] == "What changed since 1 July 2025: Cleveland"
        assert page[STATUS] is None

    def test_an_authority_shows_its_partnership(self, changes):
        from callbacks.changes import render_changes

        heading, status, _ = render_changes("Hartlepool", SINCE.isoformat())
        assert heading.endswith(": Cleveland") and "Hartlepool is part of the Cleveland partnership" in text(status)

    def test_before_every_release_everything_is_new(self, changes):
        from callbacks.changes import render_changes

        body = text(render_changes("cleveland", "2000-01-01")[BODY])
        assert "No data release was loaded before 1 January 2000" in body

    def test_every_section_reports_the_changes(self, page):
        body = text(page[BODY])
        for words in ("Data releases loaded", "Revision test release", "New periods published", "2025/26",
                      "Revised values", "Hartlepool", "345", "330", "Changed comparisons and trends",
                      "Better than England (2024/25)", "Worse than England (2024/25)", "Upcoming releases"):
            assert words in body, words

    def test_unknown_partnership_is_a_friendly_message(self, changes):
        from callbacks.changes import render_changes

        heading, status, body = render_changes("nowhere", SINCE.isoformat())
        assert heading == "Partnership not found" and body is None
        assert "There is no partnership called “nowhere”" in text(status)
