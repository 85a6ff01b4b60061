"""``flask data fingertips`` end to end: the command, fingertips_py and HTTP to a local API server, a fresh store."""

from __future__ import annotations

import pytest

import config
from tests.fixtures.fingertips_api import Failure
from tests.support.fingertips_server import unused_url
from tests.support.ingest_helpers import counts


@pytest.fixture
def run(data_cli):
    """``flask data …`` against the test store (see ``tests/conftest.py``)."""
    return data_cli


def test_fingertips_command_pulls_over_http_and_loads(run, fingertips_api):
    result = run("fingertips", "--api-url", fingertips_api.base_url, "--area-type-id", "402")
    assert result.exit_code == 0, result.output + result.stderr
    assert fingertips_api.requests == ["/api/all_data/csv/by_indicator_id?indicator_ids=92432,92454,90244,90245"
                                       "&child_area_type_id=402&parent_area_type_id=6"]
    assert "Loaded the Fingertips data as release 1:" in result.output
    assert "(fingertips layout)" in result.output
    assert "Skipped 80 row(s): Fingertips category breakdown rows" in result.output
    listing = run("releases")
    assert f"Fingertips API at {fingertips_api.base_url}" in listing.output
    again = run("fingertips", "--api-url", fingertips_api.base_url, "--area-type-id", "402")
    assert again.exit_code == 0 and "already loaded" in again.output


def test_fingertips_command_reads_the_configured_url(run, fingertips_api, monkeypatch):
    monkeypatch.setenv("CDP_FINGERTIPS_URL", fingertips_api.base_url)
    config.get_settings.cache_clear()
    result = run("fingertips", "--indicator", "90245", "--area-type-id", "402")
    assert result.exit_code == 0, result.output + result.stderr
    assert len(fingertips_api.requests) == 1


def test_server_down_is_one_line_and_exit_1(run, store):
    before = counts(store)
    result = run("fingertips", "--indicator", "92432", "--api-url", unused_url())
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: could not reach the Fingertips API (http://127.0.0.1:")
    assert result.stderr.rstrip().endswith("Nothing was written.")
    assert counts(store) == before


@pytest.mark.parametrize("failure", [Failure(500, "text/plain", b"Internal Server Error"),
                                     Failure(200, "text/html", b"<html><body>Down for maintenance</body></html>")],
                         ids=["500", "html"])
def test_an_error_answer_is_one_line_and_exit_1(run, store, fingertips_api, failure):
    fingertips_api.fail = failure
    before = counts(store)
    result = run("fingertips", "--indicator", "92432", "--api-url", fingertips_api.base_url)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "is not indicator data" in result.stderr and "it begins" in result.stderr
    assert counts(store) == before
