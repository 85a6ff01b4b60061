"""The Fingertips pull: the real fingertips_py client over HTTP against a local server in the API's shapes."""

from __future__ import annotations

import pytest
from fingertips_py import api_calls, metadata, retrieve_data
from sqlalchemy import select

from data_access.db import session_scope
from data_access.ingest import FetchFailed, load_fingertips
from data_access.ingest.fingertips import api_base_url, check_indicator_ids, configured_indicator_ids
from data_access.models import Observation, Period, Release
from tests.fixtures.fingertips_api import Failure
from tests.support.fingertips_server import unused_url
from tests.support.ingest_helpers import FINGERTIPS_DIR, counts, fingerprint

SERIES = {92454: "adults_in_drug_treatment_fingertips", 90244: "drug_treatment_completion_opiate_fingertips",
          90245: "drug_treatment_completion_non_opiate_fingertips"}


def rows(engine, release_id: int) -> dict[tuple[str, str, str, str], Observation]:
    with session_scope(engine) as session:
        found = session.execute(select(Observation, Period.label).join(Period, Observation.period_id == Period.id)
                                .where(Observation.release_id == release_id)).all()
        return {(o.metric_id, o.area_code, label, o.breakdown): o for o, label in found}


def test_configured_ids_come_from_the_catalogue():
    assert configured_indicator_ids() == [92432, 92454, 90244, 90245]
    assert check_indicator_ids([92432, 92432]) == [92432]
    with pytest.raises(ValueError, match="12345"):
        check_indicator_ids([12345])


def test_pull_over_http_loads_one_release_and_a_repeat_changes_nothing(store, fingertips_api):
    result = load_fingertips(store, indicator_ids=[92454, 90244], area_type_id=402, api_url=fingertips_api.base_url)
    assert fingertips_api.requests == ["/api/all_data/csv/by_indicator_id?indicator_ids=92454,90244"
                                       "&child_area_type_id=402&parent_area_type_id=6"]
    assert (result.created, result.layout) == (True, "fingertips")
    assert result.skipped == {"Fingertips category breakdown rows (e.g. deprivation deciles), not loaded": 40,
                              "Fingertips rows with neither a value nor a value note, not loaded": 8}
    loaded = rows(store, result.release_id)
    # each indicator feeds its own series, in its own period type, with its own numbers
    opiate = {k[2] for k in loaded if k[0] == SERIES[90244]}
    assert opiate == {"2021", "2022"}
    assert {k[2] for k in loaded if k[0] == SERIES[92454]} == {"2021/22", "2022/23"}
    assert not any(k[0] in ("numbers_in_treatment", "successful_completions_adults") for k in loaded)
    assert {k[3] for k in loaded} == {"all"}
    england = loaded[(SERIES[92454], "E92000001", "2021/22", "all")]
    assert england.value == pytest.approx(england.numerator / england.denominator * 1000, abs=5e-4)
    assert (SERIES[92454], "E12000002", "2021/22", "all") in loaded  # regions come too
    assert loaded[(SERIES[92454], "E10000006", "2022/23", "all")].value is not None  # Cumbria, 2021 geography
    assert "includes Isles of Scilly" in loaded[(SERIES[92454], "E06000052", "2021/22", "all")].note
    assert not any(k[1] in ("E06000053", "E09000001") for k in loaded)  # reported with their neighbours
    notes = {o.note for o in loaded.values()}
    assert "Value not published for data quality reasons" in notes
    assert any(o.suppressed and o.value is None for o in loaded.values())  # "*": a count too small to publish
    with session_scope(store) as session:
        release = session.get(Release, result.release_id)
        assert release.source.startswith(f"Fingertips API at {fingertips_api.base_url}: indicators 92454,90244")
    before = fingerprint(store)
    again = load_fingertips(store, indicator_ids=[92454, 90244], area_type_id=402, api_url=fingertips_api.base_url)
    assert (again.release_id, again.created) == (result.release_id, False)
    assert fingerprint(store) == before


def test_deaths_keep_their_pools_and_sexes(store, fingertips_api):
    result = load_fingertips(store, indicator_ids=[92432], area_type_id=402, api_url=fingertips_api.base_url)
    loaded = rows(store, result.release_id)
    assert {k[2] for k in loaded} == {"2019-21", "2020-22"}
    assert {k[3] for k in loaded} == {"all", "Male", "Female"}
    assert "Fingertips category breakdown rows (e.g. deprivation deciles), not loaded" in result.skipped


def test_a_502_export_loads_with_the_2023_authorities_history(store, fingertips_api):
    result = load_fingertips(store, api_url=fingertips_api.base_url)
    loaded = rows(store, result.release_id)
    assert ("drug_misuse_deaths", "E06000063", "2019-21", "all") in loaded  # Cumberland, before it existed
    assert (SERIES[92454], "E06000066", "2021/22", "all") in loaded  # Somerset's 2023 unitary authority
    assert not any(k[1] == "E10000006" for k in loaded)


def test_the_configured_url_is_used_and_the_client_is_left_as_it_was(store, fingertips_api, monkeypatch):
    import config

    original = retrieve_data.base_url
    monkeypatch.setenv("CDP_FINGERTIPS_URL", fingertips_api.base_url.rstrip("/"))
    config.get_settings.cache_clear()
    try:
        assert api_base_url() == fingertips_api.base_url
        load_fingertips(store, indicator_ids=[90245], area_type_id=402)
    finally:
        config.get_settings.cache_clear()
    assert len(fingertips_api.requests) == 1
    assert retrieve_data.base_url == api_calls.base_url == metadata.base_url == original


def test_server_down_is_one_clear_error_and_writes_nothing(store):
    before = counts(store)
    with pytest.raises(FetchFailed, match="could not reach the Fingertips API") as failed:
        load_fingertips(store, indicator_ids=[92432], api_url=unused_url())
    assert "\n" not in str(failed.value) and "refused" in str(failed.value).lower()
    assert counts(store) == before


@pytest.mark.parametrize("failure", [
    Failure(500, "text/plain", b"Internal Server Error"),
    Failure(503, "text/html", b"<html><body><h1>Service unavailable</h1></body></html>\n"),
    Failure(200, "text/html", b"<!DOCTYPE html>\n<html><head><title>Fingertips</title></head></html>\n"),
], ids=["500", "503-html", "200-html"])
def test_an_error_answer_instead_of_data_is_refused(store, fingertips_api, failure):
    fingertips_api.fail = failure
    before = counts(store)
    with pytest.raises(FetchFailed, match="not indicator data") as failed:
        load_fingertips(store, indicator_ids=[92432], api_url=fingertips_api.base_url)
    assert "\n" not in str(failed.value) and "it begins" in str(failed.value)
    assert counts(store) == before


def test_the_server_answers_like_an_api(fingertips_api):
    import requests

    base = fingertips_api.base_url
    assert requests.get(base + "nowhere", timeout=5).status_code == 404
    assert requests.get(base + "all_data/csv/by_indicator_id?indicator_ids=92432", timeout=5).status_code == 400
    assert requests.get(base + "all_data/csv/by_indicator_id?indicator_ids=92432&child_area_type_id=502"
                               "&parent_area_type_id=6&colour=red", timeout=5).status_code == 400
    empty = requests.get(base + "all_data/csv/by_indicator_id?indicator_ids=1&child_area_type_id=502"
                                "&parent_area_type_id=15", timeout=5)
    assert empty.status_code == 200 and empty.text.count("\n") == 1  # the header only


def test_recorded_responses_can_stand_in_for_the_api(store):
    result = load_fingertips(store, from_path=FINGERTIPS_DIR, indicator_ids=[92432])
    assert result.rows == 14
    with pytest.raises(FetchFailed, match="no recorded Fingertips responses"):
        load_fingertips(store, from_path=FINGERTIPS_DIR / "missing")
