"""The store initialises from empty, idempotently, on both backends."""

from sqlalchemy import func, select

from data_access.db import session_scope
from data_access.models import Area, FootprintVersion, Membership, Metric, Outcome
from data_access.setup import init_store


def test_init_store_loads_catalogue_areas_and_footprint(store):
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(Outcome)) == 6
        assert session.scalar(select(func.count()).select_from(Metric)) == 28
        utlas = session.scalars(select(Area).where(Area.type == "utla")).all()
        assert len([a for a in utlas if a.valid_to is None]) == 153
        assert len([a for a in utlas if a.valid_from.year < 2023]) == 152
        members = session.scalars(select(Membership.member_code)).all()
        assert sorted(members) == sorted(a.code for a in utlas)


def test_init_store_is_idempotent(store):
    init_store(store)
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(FootprintVersion)) == 1
        assert session.scalar(select(func.count()).select_from(Area)) == 166
