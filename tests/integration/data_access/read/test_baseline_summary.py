"""The baseline summary is one typed, frozen result, built by one rule for live and pinned reads alike."""

from __future__ import annotations

import dataclasses

import pytest

from data_access import read
from data_access.read import pinned
from data_access.read.summary import SUMMARY_KEYS, BaselineSummary
from tests.integration.data_access.read.test_indicators import CLEVELAND, METRIC, _rows
from tests.support.fixtures.read import add_release


@pytest.fixture
def two_releases(read_store):
    """Two releases of the metric: the first with one period, the second adding a later one."""
    base = {code: (n + 500, d) for code, (n, d) in CLEVELAND.items()}
    later = {code: (n + 800, d) for code, (n, d) in CLEVELAND.items()}
    first = add_release(read_store, _rows("2021/22", base), name="first")
    second = add_release(read_store, _rows("2022/23", later, england=(287164, 45219492)), name="second")
    return first, second


def test_live_and_pinned_summaries_are_the_same_frozen_type(two_releases):
    """Given two releases, then the live summary and those pinned to each release are all BaselineSummary,
    and the summary pinned to the newest release is the live one."""
    first, second = two_releases
    live = read.baseline_summary(METRIC, "cleveland", area_type="partnership")
    old = pinned.summary_as_of(METRIC, "cleveland", area_type="partnership", release_id=first)
    new = pinned.summary_as_of(METRIC, "cleveland", area_type="partnership", release_id=second)
    from_table = pinned.summary_from_table(METRIC, read.metric_table(METRIC), "cleveland", area_type="partnership")
    assert {type(s) for s in (live, old, new, from_table)} == {BaselineSummary}
    assert new == live == from_table
    assert (old.latest_period, live.latest_period) == ("2021/22", "2022/23")
    with pytest.raises(dataclasses.FrozenInstanceError):
        live.latest_value = 0.0  # type: ignore[misc]


def test_the_summary_still_reads_as_the_dict_it_was(two_releases):
    """Given a summary, then callers written against the dict read the same keys and values from it."""
    summary = read.baseline_summary(METRIC, "cleveland", area_type="partnership")
    as_dict = dict(summary)
    assert list(as_dict) == list(SUMMARY_KEYS) == [f.name for f in dataclasses.fields(BaselineSummary)]
    assert as_dict == dataclasses.asdict(summary) == summary
    assert summary["latest_value"] == summary.latest_value and summary.get("missing", "x") == "x"
    assert "change_pct" in summary and "missing" not in summary
    with pytest.raises(KeyError):
        summary["missing"]


def test_an_area_without_data_gets_the_empty_summary(two_releases):
    """Given an area with no rows, then its summary carries the baseline rule and the 'no data' defaults."""
    summary = read.baseline_summary(METRIC, "northamptonshire", area_type="partnership")
    assert summary.latest_value is None and summary.trend == "not_enough_data"
    assert summary.comparison == "not_compared" and summary.significance == "not_tested"
    assert summary.baseline_period == "2021/22"


def test_the_area_profile_has_a_column_per_summary_key(two_releases):
    """Given an area, then its profile table has the summary's keys as columns, in the same order."""
    profile = read.area_profile("cleveland", area_type="partnership")
    assert list(profile.columns) == ["outcome_id", "outcome_name", "metric_id", "short_name", "tier", "local",
                                     *SUMMARY_KEYS]
