"""Every observation is stored on a geography vintage, and areas are checked against it.

Fingertips re-bases history onto newer authorities (a 502 export gives Cumberland's 2019/20
value), older exports stay on their own authorities (Cumbria, Northamptonshire, Poole), and a
one-to-one recode (Buckinghamshire's county code) loads on either code.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.db import session_scope
from data_access.models import Observation
from data_access.vintages import from_fingertips_area_type, in_force_on, vintage


def stored(engine, release_id: int) -> dict[str, tuple[str, str | None]]:
    with session_scope(engine) as session:
        rows = session.scalars(select(Observation).where(Observation.release_id == release_id))
        return {o.area_code: (o.geography, o.note) for o in rows}


@pytest.mark.parametrize(("name", "code"), [
    ("Counties & UAs (from Apr 2023)", "2023"), ("Upper tier local authorities (post 4/23)", "2023"),
    ("Counties & UAs (from Apr 2021)", "2021"), ("Upper tier local authorities (4/21-3/23)", "2021"),
    ("Counties & UAs (from Apr 2020)", "2020"), ("Upper tier local authorities (4/20-3/21)", "2020"),
    ("Counties & UAs (from Apr 2019)", "2019"), ("Upper tier local authorities (4/19 - 3/20)", "2019"),
    ("Counties & UAs (pre Apr 2019)", "2009"), ("Upper tier local authorities (pre 4/19)", "2009"),
    ("Counties & UAs (2019/20)", "2019"), ("Counties & UAs (2020/21)", "2020"),
    ("Counties & UAs (2021/22-2022/23)", "2021"), ("502", "2023"), ("102", "2009")])
def test_fingertips_area_type_names_give_their_vintage(name, code):
    assert from_fingertips_area_type(name).code == code


@pytest.mark.parametrize("name", ["England", "Region", "Districts & UAs (from Apr 2023)", "ICB"])
def test_other_area_types_name_no_vintage(name):
    assert from_fingertips_area_type(name) is None


def test_vintage_in_force_and_by_area_type():
    assert in_force_on(vintage("2023").starts).code == "2023"
    assert in_force_on(vintage("2023").starts.replace(day=1, month=3)).code == "2021"
    assert vintage("402").code == "2021"
