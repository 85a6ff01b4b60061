"""Every observation is stored on a geography vintage, and areas are checked against it.

Fingertips re-bases history onto newer authorities (a 502 export gives Cumberland's 2019/20
value), older exports stay on their own authorities (Cumbria, Northamptonshire, Poole), and a
one-to-one recode (Buckinghamshire's county code) loads on either code.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.db import session_scope
from data_access.ingest import ValidationFailed, load_file
from data_access.models import Observation
from tests.support.ingest_helpers import FINGERTIPS_SAMPLE, LONG_HEADER, long_csv

SCA = "successful_completions_adults"


def stored(engine, release_id: int) -> dict[str, tuple[str, str | None]]:
    with session_scope(engine) as session:
        rows = session.scalars(select(Observation).where(Observation.release_id == release_id))
        return {o.area_code: (o.geography, o.note) for o in rows}


def test_history_rebased_on_2023_authorities_loads_as_such(store):
    result = load_file(FINGERTIPS_SAMPLE, store, geography="502")
    rows = stored(store, result.release_id)
    assert rows["E06000063"][0] == "2023"
    assert rows["E92000001"][0] == "2023"  # England takes the file's vintage


def test_older_exports_load_on_their_own_vintage(store, write_file):
    text = long_csv(f"{SCA},E10000021,2019/20,20,20,100,13.3,28.9,,2019",
                    f"{SCA},E06000029,2017/18,20,20,100,13.3,28.9,,102",
                    f"{SCA},E10000006,2021/22,20,20,100,13.3,28.9,,2021",
                    header=LONG_HEADER + ",geography")
    rows = stored(store, load_file(write_file(text), store).release_id)
    assert {code: g for code, (g, _) in rows.items()} == {"E10000021": "2019", "E06000029": "2009",
                                                         "E10000006": "2021"}


def test_a_file_on_the_2023_geography_refuses_cumbria(store, write_file):
    with pytest.raises(ValidationFailed) as refused:
        load_file(write_file(long_csv(f"{SCA},E10000006,2019/20,20,20,100,13.3,28.9,")), store, geography="2023")
    assert "not valid in 2019/20 on the geography of upper-tier local authorities as from April 2023" in \
        str(refused.value.report.problems[0])


def test_buckinghamshire_loads_on_either_code(store, write_file):
    text = long_csv(f"{SCA},E10000002,2018/19,20,20,100,13.3,28.9,", f"{SCA},E06000060,2019/20,20,20,100,13.3,28.9,")
    rows = load_file(write_file(text), store)
    with session_scope(store) as session:
        found = session.execute(select(Observation.area_code, Observation.geography, Observation.note)
                                .where(Observation.release_id == rows.release_id)).all()
    assert sorted(found) == [("E06000060", "2009", "Reported under the former code E10000002 (same boundary)"),
                             ("E06000060", "2019", None)]


def test_default_vintage_is_the_one_in_force_at_the_period_end(store, write_file):
    rows = stored(store, load_file(write_file(long_csv(f"{SCA},E06000063,2024/25,20,20,100,13.3,28.9,")),
                                   store).release_id)
    assert rows["E06000063"][0] == "2023"
