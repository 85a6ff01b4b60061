"""Files are read, validated and written a chunk of rows at a time, with the result of one whole pass.

Small files with a chunk of two or three rows put every chunk boundary to the test: a Fingertips
indicator whose usual age is only seen in a later chunk, England rows in a chunk without any
authority's geography, a duplicate pair split across chunks, a problem in the last chunk.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access.db import session_scope
from data_access.ingest import ValidationFailed, load_file, validate_file
from data_access.models import Observation, Period
from tests.support.ingest_helpers import FINGERTIPS_SAMPLE, counts, fingerprint, long_csv
from tests.support.make_large_csv import write as write_large_csv

SCA = "successful_completions_adults"
FT_HEADER = FINGERTIPS_SAMPLE.read_text(encoding="utf-8").splitlines()[0]
FT_ROW = ("92432,Deaths from drug misuse,E12000001,North East region,{code},Somewhere,"
          "Counties & UAs (from Apr 2023),Persons,{age},,,2019 - 21,5.1,4.0,6.3,3.6,6.9,40,780000,,,Similar,"
          "Not compared,20190000,,,3y")
WHOLE = 1_000_000  # a chunk larger than any file here: the file is validated as one table


def _same_reports(store, path, chunk_rows: int) -> tuple:
    with session_scope(store) as session:
        whole = validate_file(path, session, chunk_rows=WHOLE)
        chunked = validate_file(path, session, chunk_rows=chunk_rows)
    assert chunked.problems == whole.problems
    assert (chunked.layout, chunked.encoding, chunked.rows_read, chunked.skipped) == (
        whole.layout, whole.encoding, whole.rows_read, whole.skipped)
    pd.testing.assert_frame_equal(chunked.frame.reset_index(drop=True), whole.frame.reset_index(drop=True))
    return whole, chunked


@pytest.mark.parametrize("chunk_rows", [1, 2, 5])
def test_a_fingertips_export_in_chunks_validates_like_the_whole_file(store, chunk_rows):
    whole, _ = _same_reports(store, FINGERTIPS_SAMPLE, chunk_rows)
    # England's rows come first, in chunks with no authority: they still take the file's geography.
    assert set(whole.frame["geography"]) == {"2023"}


def test_the_usual_age_is_the_whole_files_even_when_a_chunk_has_only_other_ages(store, write_file):
    rows = [FT_ROW.format(code=code, age="18-64 yrs") for code in ("E06000001", "E06000002")]
    rows += [FT_ROW.format(code=code, age="All ages") for code in ("E06000001", "E06000002", "E06000003")]
    whole, _ = _same_reports(store, write_file("\n".join([FT_HEADER, *rows]) + "\n"), 2)
    assert list(whole.frame["breakdown"]) == ["18-64 yrs", "18-64 yrs", "all", "all", "all"]


def test_a_duplicate_pair_split_across_chunks_is_refused_and_nothing_is_written(refusing_store, write_file):
    path = write_file(long_csv(*(f"{SCA},E0600000{i},2021/22,20,20,100,13,29," for i in range(1, 6)),
                               f"{SCA},E06000001,2021/22,21,21,100,14,30,"))
    before = fingerprint(refusing_store)
    with pytest.raises(ValidationFailed) as refused:
        load_file(path, refusing_store, chunk_rows=2)
    assert [(p.row, p.column, p.message) for p in refused.value.report.problems] == [
        (7, "metric, area_code, period, breakdown",
         "duplicate of line 2: same metric, area, period and breakdown")]
    assert fingerprint(refusing_store) == before


def test_a_problem_in_the_last_chunk_leaves_nothing_written(refusing_store, write_file):
    good = [f"{SCA},E0600000{i},2021/22,20,20,100,13,29," for i in range(1, 7)]
    path = write_file(long_csv(*good, f"{SCA},E06000007,2021/22,twenty,20,100,13,29,"))
    before = fingerprint(refusing_store)
    with pytest.raises(ValidationFailed) as refused:
        load_file(path, refusing_store, chunk_rows=3)
    assert [(p.row, p.column) for p in refused.value.report.problems] == [(8, "value")]
    assert fingerprint(refusing_store) == before


def test_ragged_rows_and_problems_in_several_chunks_are_all_listed_in_file_order(store, write_file):
    path = write_file(long_csv(f"{SCA},E06000001,2021/22,oops,20,100,13,29,",
                               *(f"{SCA},E0600000{i},2021/22,20,20,100,13,29," for i in range(2, 6)),
                               f"{SCA},E06000006,2021/22,20,20,100,13,29,,extra",
                               f"{SCA},E06999999,2021/22,20,20,100,13,29,"))
    _same_reports(store, path, 2)
    with session_scope(store) as session:
        report = validate_file(path, session, chunk_rows=2)
    assert [(p.row, p.column) for p in report.problems] == [(2, "value"), (7, ""), (8, "area_code")]


def test_a_large_file_loads_in_chunks_and_loading_it_again_changes_nothing(store, tmp_path):
    path = tmp_path / "large.csv"
    rows = 200_000
    write_large_csv(path, rows)
    result = load_file(path, store, publisher="test", chunk_rows=30_000)
    assert (result.created, result.rows) == (True, rows)
    written = pd.read_csv(path, skiprows=range(1, 150_000), nrows=1, keep_default_na=False).iloc[0]
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == rows
        stored = session.execute(select(Observation.value, Observation.numerator, Observation.denominator)
                                 .join(Period, Period.id == Observation.period_id)
                                 .where(Observation.metric_id == written["metric"],
                                        Observation.area_code == written["area_code"],
                                        Observation.breakdown == written["breakdown"],
                                        Period.label == written["period"])).one()
    assert tuple(stored) == (float(written["value"]), float(written["numerator"]), float(written["denominator"]))
    before = counts(store)
    again = load_file(path, store, publisher="test", chunk_rows=30_000)
    assert (again.created, again.release_id) == (False, result.release_id)
    assert counts(store) == before
