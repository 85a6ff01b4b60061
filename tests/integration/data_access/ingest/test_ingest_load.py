"""Good files land as exactly one release, with every row, alias note, suppression and period right."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from data_access.db import session_scope
from data_access.ingest import ValidationFailed, load_file, load_frame
from data_access.models import Observation, Period, Release
from tests.support.ingest_helpers import FINGERTIPS_SAMPLE, LONG_HEADER, counts, fingerprint, long_csv

SCA = "successful_completions_adults"
AGE_BANDS = [f"{a}-{a + 4}" for a in range(0, 90, 5)] + ["90+"]


def observations(engine, release_id: int) -> dict[tuple[str, str, str, str], Observation]:
    with session_scope(engine) as session:
        rows = session.execute(select(Observation, Period.label).join(Period, Period.id == Observation.period_id)
                               .where(Observation.release_id == release_id)).all()
    return {(o.metric_id, o.area_code, label, o.breakdown): o for o, label in rows}


def test_long_csv_lands_as_one_release_with_every_row(store, write_file):
    path = write_file(long_csv(
        f"{SCA},E92000001,2021/22,21.5,61186,284580,21.3,21.7,",
        f"{SCA},E06000001,2021/22,20,20,100,13.3,28.9,provisional",
        f"{SCA},E06000002,2020/21,,,,,,*",
        "drug_misuse_deaths,E12000001,2019 - 21,7.1,560,7800000,6.5,7.7,",
    ), name="completions.csv")
    before = counts(store)
    result = load_file(path, store, publisher="OHID", published_date=date(2024, 1, 25))
    assert (result.created, result.rows, result.layout, result.new_periods) == (True, 4, "long", 3)
    after = counts(store)
    assert after["release"] == before["release"] + 1
    assert after["observation"] == before["observation"] + 4
    with session_scope(store) as session:
        release = session.get(Release, result.release_id)
        assert (release.source, release.publisher, release.published_date) == ("completions.csv", "OHID",
                                                                               date(2024, 1, 25))
        assert (release.is_demo, release.visibility, release.row_count) == (False, "published", 4)
        assert release.file_hash == hashlib.sha256(path.read_bytes()).hexdigest()
        assert release.extracted_date == date.today()
        assert session.scalar(select(Period).where(Period.label == "2019-21")).type == "rolling_3_year"
    rows = observations(store, result.release_id)
    england = rows[(SCA, "E92000001", "2021/22", "all")]
    assert (england.value, england.numerator, england.denominator, england.lower_ci, england.upper_ci) == (
        21.5, 61186, 284580, 21.3, 21.7)
    assert rows[(SCA, "E06000001", "2021/22", "all")].note == "provisional"
    suppressed = rows[(SCA, "E06000002", "2020/21", "all")]
    assert (suppressed.value, suppressed.suppressed, suppressed.note) == (None, True, "*")
    assert ("drug_misuse_deaths", "E12000001", "2019-21", "all") in rows


def test_same_file_twice_changes_nothing(store, write_file):
    path = write_file(long_csv(f"{SCA},E06000001,2021/22,20,20,100,13.3,28.9,"))
    first = load_file(path, store)
    before = fingerprint(store)
    again = load_file(path, store)
    assert (again.release_id, again.created, again.rows) == (first.release_id, False, 1)
    assert fingerprint(store) == before


def test_a_new_release_keeps_the_old_one_and_reuses_periods(store, write_file):
    first = load_file(write_file(long_csv(f"{SCA},E06000001,2021/22,20,20,100,13.3,28.9,"), "a.csv"), store)
    second = load_file(write_file(long_csv(f"{SCA},E06000001,2021/22,21,21,100,14.2,30.0,revised"), "b.csv"),
                       store, visibility="internal")
    assert second.release_id != first.release_id and second.new_periods == 0
    assert len(observations(store, first.release_id)) == 1 and len(observations(store, second.release_id)) == 1
    with session_scope(store) as session:
        assert session.get(Release, second.release_id).visibility == "internal"
        assert session.get(Release, first.release_id) is not None


def test_age_band_breakdowns_load(store, write_file):
    rows = [f"numbers_in_treatment,E06000001,2022/23,{i + 1},{i + 1},1000,,,,{band}" for i, band in
            enumerate(AGE_BANDS)]
    result = load_file(write_file(long_csv(*rows, header=LONG_HEADER + ",breakdown")), store)
    assert result.rows == 19
    assert {key[3] for key in observations(store, result.release_id)} == set(AGE_BANDS)


def test_combined_areas_land_on_the_larger_authority_with_a_note(store, write_file):
    content = long_csv(
        f"{SCA},E06000052+E06000053,2021/22,20,20,100,13.3,28.9,,",
        f"{SCA},E06000052,2020/21,20,20,100,13.3,28.9,,Cornwall and Isles of Scilly",
        f"{SCA},E41000052,2019/20,20,20,100,13.3,28.9,from ONS,",
        f"{SCA},E09000012,2021/22,20,20,100,13.3,28.9,,Hackney and City of London",
        f"{SCA},E09000012 & E09000001,2020/21,20,20,100,13.3,28.9,,",
        header=LONG_HEADER + ",area_name")
    result = load_file(write_file(content), store)
    rows = observations(store, result.release_id)
    assert {key[1] for key in rows} == {"E06000052", "E09000012"}  # no companion row invented
    assert rows[(SCA, "E06000052", "2021/22", "all")].note == "Includes Isles of Scilly"
    assert rows[(SCA, "E06000052", "2020/21", "all")].note == "Includes Isles of Scilly"
    assert rows[(SCA, "E06000052", "2019/20", "all")].note == "Includes Isles of Scilly; from ONS"
    assert rows[(SCA, "E09000012", "2021/22", "all")].note == "Includes City of London"
    assert rows[(SCA, "E09000012", "2020/21", "all")].note == "Includes City of London"


def test_pre_2023_cumbria_accepted_for_2019_20_and_refused_for_2024_25(store, write_file):
    result = load_file(write_file(long_csv(f"{SCA},E10000006,2019/20,20,20,100,13.3,28.9,"), "old.csv"), store)
    assert result.rows == 1
    with pytest.raises(ValidationFailed) as refused:
        load_file(write_file(long_csv(f"{SCA},E10000006,2024/25,20,20,100,13.3,28.9,"), "new.csv"), store)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(2, "area_code")]


def test_rows_outside_england_are_skipped_and_counted(store, write_file):
    result = load_file(write_file(long_csv(
        f"{SCA},E92000001,2021/22,20,20,100,13.3,28.9,",
        f"{SCA},W06000001,2021/22,20,20,100,13.3,28.9,",
        f"{SCA},K04000001,2021/22,20,20,100,13.3,28.9,",
        f"{SCA},S12000033,2021/22,20,20,100,13.3,28.9,")), store)
    assert result.rows == 1
    assert list(result.skipped.values()) == [3] and "outside England" in next(iter(result.skipped))
    with session_scope(store) as session:
        assert "3 areas outside England" in session.get(Release, result.release_id).description


@pytest.mark.parametrize(("encoding", "prefix"), [("cp1252", b""), ("utf-8", b"\xef\xbb\xbf")], ids=["cp1252", "bom"])
def test_excel_encodings_are_decoded(store, write_file, encoding, prefix):
    text = long_csv(f"{SCA},E06000001,2021/22,20,20,100,13.3,28.9,Café – £5 grant")
    result = load_file(write_file(prefix + text.encode(encoding)), store)
    assert result.rows == 1
    assert observations(store, result.release_id)[(SCA, "E06000001", "2021/22", "all")].note == "Café – £5 grant"


def test_fingertips_download_lands_as_one_release(store):
    result = load_file(FINGERTIPS_SAMPLE, store)
    assert (result.created, result.layout, result.rows) == (True, "fingertips", 27)
    assert result.skipped == {"Fingertips category breakdown rows (e.g. deprivation deciles), not loaded": 2,
                              "Fingertips rows with neither a value nor a value note, not loaded": 2}
    rows = observations(store, result.release_id)
    deaths = "drug_misuse_deaths"
    assert rows[(deaths, "E92000001", "2019-21", "all")].value == 5.0
    assert rows[(deaths, "E92000001", "2019-21", "Male")].numerator == 6100
    assert rows[(deaths, "E12000009", "2019-21", "all")].lower_ci == 5.5  # regions are kept
    scilly = rows[(deaths, "E06000053", "2019-21", "all")]
    assert (scilly.value, scilly.suppressed) == (None, True)
    assert rows[(deaths, "E09000012", "2020-22", "all")].note == "Includes City of London"
    assert not any(key[1] == "E09000001" for key in rows)
    assert rows[("adults_in_drug_treatment_fingertips", "E06000063", "2021/22", "all")].denominator == 402000  # 2023 history
    assert ("adults_in_drug_treatment_fingertips", "E06000063", "2023/24", "all") in rows
    assert not any(key[0] == SCA for key in rows)  # opiate and non-opiate completions are series of their own
    assert rows[("drug_treatment_completion_opiate_fingertips", "E06000052", "2021", "all")].value == 5.0
    assert ("drug_treatment_completion_non_opiate_fingertips", "E92000001", "2021", "all") in rows
    with session_scope(store) as session:
        assert "Fingertips" in session.get(Release, result.release_id).publisher


def test_load_frame_validates_and_loads_a_dataframe(store):
    frame = pd.DataFrame({"metric": [SCA, SCA], "area_code": ["E06000001", "E06000002"],
                          "period": ["2021/22", "2021/22"], "value": [20.0, None], "numerator": [20, None],
                          "denominator": [100, 90], "lower_ci": [13.3, None], "upper_ci": [28.9, None],
                          "note": ["", "suppressed"]}, index=[10, 20])
    result = load_frame(frame, store, source="generator", file_hash="f" * 64, is_demo=True)
    assert result.rows == 2
    with session_scope(store) as session:
        assert session.get(Release, result.release_id).is_demo is True
    assert observations(store, result.release_id)[(SCA, "E06000002", "2021/22", "all")].suppressed is True
    bad = frame.assign(value=[20.0, -1.0])
    with pytest.raises(ValidationFailed) as refused:
        load_frame(bad, store, source="generator", file_hash="e" * 64)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(3, "value")]
