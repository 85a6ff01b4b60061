"""``flask data load|fingertips|releases``: exit codes and what the operator is told."""

from __future__ import annotations

import pytest

from tests.support.ingest_helpers import FINGERTIPS_DIR, FINGERTIPS_SAMPLE, fingerprint, long_csv

SCA = "successful_completions_adults"


@pytest.fixture
def run(data_cli):
    """``flask data …`` against the test store (see ``tests/conftest.py``)."""
    return data_cli


def test_load_good_file_then_again(run, store, write_file):
    path = write_file(long_csv(f"{SCA},E06000001,2021/22,20,20,100,13.3,28.9,",
                               f"{SCA},W06000001,2021/22,20,20,100,13.3,28.9,"), "good.csv")
    first = run("load", path, "--publisher", "OHID", "--published-date", "2024-01-25", "--internal")
    assert first.exit_code == 0, first.output
    assert "Loaded good.csv as release" in first.output and "1 observations" in first.output
    assert "Skipped 1 row(s): areas outside England" in first.output
    before = fingerprint(store)
    second = run("load", path)
    assert second.exit_code == 0
    assert "already loaded as release" in second.output
    assert fingerprint(store) == before
    listing = run("releases")
    assert listing.exit_code == 0
    line = listing.output.splitlines()[-1].split()
    assert line[3:] == ["good.csv", "OHID", "no", "internal", "1"]


def test_load_bad_file_lists_each_problem_and_exits_1(run, store, write_file):
    path = write_file(long_csv("nope,E06000001,2021/22,1,,,,,", f"{SCA},E06000001,2021/22,abc,,,,,"), "bad.csv")
    before = fingerprint(store)
    result = run("load", path)
    assert result.exit_code == 1
    assert "bad.csv: 2 problem(s); nothing was written." in result.stderr
    assert "line 2, column metric: unknown metric 'nope'" in result.stderr
    assert "line 3, column value: 'abc' is not a number" in result.stderr
    assert fingerprint(store) == before


def test_load_caps_the_listing_but_counts_everything(run, write_file):
    rows = [f"nope,E06000001,2021/22,{i},,,,," for i in range(15)]
    result = run("load", write_file(long_csv(*rows)), "--max-problems", "3")
    assert result.exit_code == 1
    assert "… and 12 more (use --max-problems 0 to list all)." in result.stderr
    assert "15 × metric: unknown metric" in result.stderr


def test_load_usage_errors_exit_2(run, tmp_path):
    assert run("load", tmp_path / "absent.csv").exit_code == 2
    assert run("load", FINGERTIPS_SAMPLE, "--published-date", "25/01/2024").exit_code == 2


def test_fingertips_from_recorded_responses(run, store):
    result = run("fingertips", "--from-file", FINGERTIPS_DIR, "--indicator", "92432", "--indicator", "90245")
    assert result.exit_code == 0, result.output
    assert "Loaded the Fingertips data as release" in result.output and "16 observations" in result.output
    assert "Skipped 2 row(s): Fingertips category breakdown rows" in result.output
    again = run("fingertips", "--from-file", FINGERTIPS_DIR, "--indicator", "92432", "--indicator", "90245")
    assert again.exit_code == 0 and "already loaded" in again.output


def test_fingertips_unknown_indicator_is_a_usage_error(run):
    result = run("fingertips", "--indicator", "12345")
    assert result.exit_code == 2 and "12345" in result.output


def test_releases_on_an_empty_store(run):
    result = run("releases")
    assert result.exit_code == 0 and "No releases yet." in result.output
