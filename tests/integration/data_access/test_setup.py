"""The store initialises from empty, idempotently, on both backends."""

from datetime import date

from sqlalchemy import func, select

from data_access.db import session_scope
from data_access.models import Area, FootprintVersion, Membership, Metric, Outcome
from data_access.setup import init_store


def test_init_store_loads_catalogue_areas_and_footprint(store):
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(Outcome)) == 6
        assert session.scalar(select(func.count()).select_from(Metric)) == 31  # 28 framework metrics and 3 published series
        utlas = session.scalars(select(Area).where(Area.type == "utla")).all()
        assert len([a for a in utlas if a.valid_to is None]) == 153
        before_2023 = [a for a in utlas if a.valid_from < date(2023, 4, 1) and a.valid_to in (None, date(2023, 3, 31))]
        assert len(before_2023) == 152  # the April 2021 authorities
        assert len([a for a in utlas if a.valid_to is not None and a.valid_to < date(2023, 3, 31)]) == 4
        members = session.scalars(select(Membership.member_code)).all()
        assert sorted(members) == sorted(a.code for a in utlas)


def test_init_store_is_idempotent(store):
    init_store(store)
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(FootprintVersion)) == 1
        assert session.scalar(select(func.count()).select_from(Area)) == 170  # England, 9 regions, 160 authorities
