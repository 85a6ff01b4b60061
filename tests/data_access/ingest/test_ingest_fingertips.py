"""The Fingertips pull: real fingertips_py code, with the network replaced by a recorded response."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.error import URLError

import pandas as pd
import pytest
import requests
from fingertips_py import api_calls, retrieve_data

from data_access.ingest import FetchFailed, load_fingertips
from data_access.ingest.fingertips import check_indicator_ids, configured_indicator_ids
from tests.data_access.ingest.helpers import FINGERTIPS_DIR, FINGERTIPS_SAMPLE, counts, fingerprint


@pytest.fixture
def recorded_api(monkeypatch) -> list[str]:
    """fingertips_py's own URL building and CSV reading, answered from the recorded response.

    Only ``pd.read_csv`` inside ``fingertips_py.retrieve_data`` is replaced, so the test checks the URL
    fingertips_py builds and the DataFrame is made exactly as fingertips_py makes it.
    """
    urls: list[str] = []

    def read_csv(url, **kwargs):
        urls.append(url)
        return pd.read_csv(FINGERTIPS_SAMPLE, **kwargs)

    monkeypatch.setattr(retrieve_data, "pd", SimpleNamespace(read_csv=read_csv))
    return urls


@pytest.fixture
def offline_api(monkeypatch) -> None:
    """No network: the CSV read fails with a URLError and fingertips_py's requests fallback cannot connect."""

    def read_csv(url, **kwargs):
        raise URLError("[Errno -2] Name or service not known")

    def get(url, **kwargs):
        raise requests.ConnectionError("Failed to resolve 'fingertips.phe.org.uk'")

    monkeypatch.setattr(retrieve_data, "pd", SimpleNamespace(read_csv=read_csv))
    monkeypatch.setattr(api_calls.requests, "get", get)


def test_configured_ids_come_from_the_catalogue():
    assert configured_indicator_ids() == [92432, 92454, 90244, 90245]
    assert check_indicator_ids([92432, 92432]) == [92432]
    with pytest.raises(ValueError, match="12345"):
        check_indicator_ids([12345])


def test_pull_loads_one_release_and_a_repeat_changes_nothing(store, recorded_api):
    result = load_fingertips(store)
    assert recorded_api == [f"{api_calls.base_url}all_data/csv/by_indicator_id?indicator_ids=92432,92454,90244,90245"
                            "&child_area_type_id=502&parent_area_type_id=6"]
    assert (result.created, result.rows, result.layout) == (True, 27, "fingertips")
    before = fingerprint(store)
    again = load_fingertips(store)
    assert (again.release_id, again.created) == (result.release_id, False)
    assert fingerprint(store) == before


def test_pull_of_one_indicator_keeps_only_its_rows(store, recorded_api):
    result = load_fingertips(store, indicator_ids=[92454], area_type_id=402)
    assert "indicator_ids=92454&child_area_type_id=402" in recorded_api[0]
    assert result.rows == 9


def test_network_failure_is_one_clear_error_and_writes_nothing(store, offline_api):
    before = counts(store)
    with pytest.raises(FetchFailed, match="could not reach the Fingertips API") as failed:
        load_fingertips(store)
    assert "\n" not in str(failed.value) and "Failed to resolve" in str(failed.value)
    assert counts(store) == before


def test_an_error_page_instead_of_data_is_refused(store, monkeypatch):
    def read_csv(url, **kwargs):
        raise URLError("certificate verify failed")

    page = SimpleNamespace(content=b"<html><body>Service unavailable</body></html>\n")
    monkeypatch.setattr(retrieve_data, "pd", SimpleNamespace(read_csv=read_csv))
    monkeypatch.setattr(api_calls.requests, "get", lambda url, **kwargs: page)
    before = counts(store)
    with pytest.raises(FetchFailed, match="not indicator data"):
        load_fingertips(store)
    assert counts(store) == before


def test_recorded_responses_can_stand_in_for_the_api(store):
    result = load_fingertips(store, from_path=FINGERTIPS_DIR, indicator_ids=[92432])
    assert result.rows == 14
    with pytest.raises(FetchFailed, match="no recorded Fingertips responses"):
        load_fingertips(store, from_path=FINGERTIPS_DIR / "missing")
