"""Genuine published figures pass the plausibility checks that refuse impossible ones, on both stores.

The refusals themselves are in the table of ``test_ingest_problems``; here are the figures those
rules must never refuse: small percentages, values rounded the way publishers round them, counts
written "12.0", England rows with only a value, combined areas named beside their own codes, and
real-shaped Fingertips exports of every area type. Also: a file judged as a whole (fractions
without counts) is judged alike in chunks, and the command line and the upload page's loader
answer hostile files with a summary, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from data_access.db import make_engine, session_scope
from data_access.ingest import ValidationFailed, load_bytes, load_file, validate_bytes, validate_file
from data_access.models import Observation
from data_access.setup import init_store
from tests.conftest import _new_url
from tests.fixtures.fingertips_api.areas import AREA_TYPES
from tests.fixtures.fingertips_api.indicators import INDICATORS
from tests.fixtures.fingertips_api.server import all_data_csv
from tests.support.ingest_helpers import LONG_HEADER, fingerprint, long_csv

SCA = "successful_completions_adults"
NAMED = LONG_HEADER + ",area_name"

GENUINE = [
    ("small percentage with counts", long_csv("deaths_in_treatment,E06000001,2021/22,0.4,2,500,0.1,1.4,")),
    ("small percentage rounded to one decimal", long_csv("deaths_in_treatment,E06000002,2021/22,0.4,2,465,,,")),
    ("small percentages without counts", long_csv(*(f"deaths_in_treatment,E0600000{n},2021/22,0.{n},,,,,"
                                                    for n in range(1, 10)),
                                                  "deaths_in_treatment,E92000001,2021/22,0.9,,,,,")),
    ("one small authority percentage without counts",
     long_csv("drug_treatment_completion_opiate_fingertips,E06000001,2021,0.8,,,,,")),
    ("fractions alongside counts that confirm them", long_csv(
        "in_treatment_stable_accommodation,E06000001,2021/22,0.9,9,1000,,,",
        *(f"in_treatment_stable_accommodation,E060000{n:02d},2021/22,0.{n},,,,," for n in range(2, 12)))),
    ("published rounding", long_csv(f"{SCA},E92000001,2022/23,21.5,61186,284580,21.3,21.7,",
                                    f"{SCA},E06000001,2022/23,33,100,300,,,",
                                    f"{SCA},E06000002,2022/23,33.33333,100,300,,,",
                                    "drug_hospital_admissions,E06000001,2022/23,53.7,50,93148,39.9,70.8,")),
    ("counts written with a decimal point", long_csv("drug_related_homicides,E06000001,2021/22,12.0,12.0,,8.1,17.3,",
                                                     f"{SCA},E06000002,2021/22,20.0,20.0,100.0,13,29,")),
    ("England with only a value", long_csv(f"{SCA},E92000001,2021/22,47.3,,,,,",
                                           "drug_use_last_year,E92000001,2021/22,9.2,,,8.9,9.5,")),
    ("combined area named beside its own codes", long_csv(
        f"{SCA},E06000052,2021/22,20,20,100,,,,Cornwall and Isles of Scilly",
        f"{SCA},E06000052,2022/23,20,20,100,,,,Isles of Scilly and Cornwall",
        f"{SCA},E06000053,2023/24,20,20,100,,,,Cornwall and Isles of Scilly",
        f"{SCA},E41000052,2020/21,20,20,100,,,,Cornwall and Isles of Scilly",
        f"{SCA},,2019/20,20,20,100,,,,Cornwall and Isles of Scilly",
        f"{SCA},E09000001,2021/22,20,20,100,,,,Hackney and City of London", header=NAMED)),
    ("UTF-16 with a byte-order mark", long_csv(f"{SCA},E06000001,2021/22,20,20,100,13,29,").encode("utf-16")),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    urls = _new_url(request.param, tmp_path_factory.mktemp(request.param))
    engine = make_engine(next(urls))
    init_store(engine)
    yield engine
    engine.dispose()
    urls.close()


@pytest.mark.parametrize("content", [c[1] for c in GENUINE], ids=[c[0] for c in GENUINE])
def test_genuine_figures_load(module_store, write_file, content):
    result = load_file(write_file(content), module_store, publisher="test")
    assert result.created and result.rows >= 1


def test_a_rounded_value_keeps_what_the_publisher_wrote(module_store, write_file):
    result = load_bytes(long_csv(f"{SCA},E06000003,2022/23,21.5,61186,284580,,,").encode(), module_store,
                        source="rounded.csv")
    with session_scope(module_store) as session:
        value = session.scalar(select(Observation.value).where(Observation.release_id == result.release_id))
    assert value == pytest.approx(21.5)


@pytest.mark.parametrize("area_type", sorted(AREA_TYPES))
def test_real_shaped_fingertips_exports_of_every_area_type_pass(store_for_exports, area_type):
    content = all_data_csv(sorted(INDICATORS), area_type, 6).encode()
    with session_scope(store_for_exports) as session:
        report = validate_bytes(content, session, geography=str(area_type))
    assert report.ok, [str(p) for p in report.problems[:5]]
    assert len(report.frame) > 100


@pytest.fixture(scope="module")
def store_for_exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('exports') / 'store.sqlite3'}")
    init_store(engine)
    yield engine
    engine.dispose()


def test_fractions_judged_across_the_file_are_judged_alike_in_chunks(module_store, write_file):
    rows = [f"in_treatment_stable_accommodation,E060000{n:02d},2021/22,0.{60 + n},,,,," for n in range(1, 13)]
    path = write_file(long_csv(*rows))
    with session_scope(module_store) as session:
        whole = validate_file(path, session)
        chunked = validate_file(path, session, chunk_rows=3)
    assert [(p.row, p.column) for p in whole.problems] == [(n, "value") for n in range(2, 14)]
    assert chunked.problems == whole.problems


def test_command_line_answers_hostile_files_with_a_summary(data_cli, store, write_file):
    hostile = {"binary.csv": bytes(range(256)) * 16, "book.xlsx": b"PK\x03\x04" + bytes(64),
               "nul.csv": long_csv(f"{SCA},E06000001,2021/22,20,20,100,,,a\x00b").encode(),
               "scale.csv": long_csv(f"{SCA},E06000001,2021/22,0.36,36,100,,,").encode()}
    before = fingerprint(store)
    for name, content in hostile.items():
        result = data_cli("load", write_file(content, name))
        assert result.exit_code == 1, (name, result.output)
        assert f"{name}: " in result.stderr and "nothing was written" in result.stderr, result.stderr
        assert "Traceback" not in result.output + result.stderr
    assert fingerprint(store) == before


def test_upload_loader_refuses_hostile_bytes_with_validation_failed(module_store):
    """What the upload page calls: validation reports, loading raises ValidationFailed, nothing else."""
    for content in (bytes(range(256)) * 16, b"\x00" * 100, b"PK\x03\x04" + bytes(64), b"\xff\xfe\x00",
                    long_csv(f"{SCA},E06000001,2021/22,20,20,100,,,a\x00b").encode(),
                    b"\r\r\n\x00,\"\n\x81\x8d\x9d"):
        with session_scope(module_store) as session:
            report = validate_bytes(content, session)
        assert not report.ok
        with pytest.raises(ValidationFailed):
            load_bytes(content, module_store, source="upload.csv")
