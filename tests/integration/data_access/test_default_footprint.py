"""The default footprint: derived from the sourced evidence, complete, and never merging on weak evidence.

The committed ``geodata/footprint_default.csv`` must be what ``geodata/build_footprint.py`` derives
from the shared evidence file (checked where ``../shared/data`` is present), must put every
authority in exactly one partnership, and must keep forums and contradicted groupings apart.
A store whose default footprint is older gets the new one as a new version on ``data init``.
"""

from __future__ import annotations

import csv

from sqlalchemy import select, update

from data_access.db import session_scope
from data_access.geography import DEFAULT_FOOTPRINT_FILE, load_default_footprint
from data_access.models import FootprintVersion, Membership

SOURCED_PARTNERSHIPS, SOURCED_AUTHORITIES, ASSUMED_PARTNERSHIPS = 50, 83, 70


def _rows() -> list[dict[str, str]]:
    with DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_init_adds_a_changed_default_as_a_new_version_and_keeps_the_old(store):
    with session_scope(store) as session:
        session.execute(update(FootprintVersion).values(file_hash="an-earlier-default"))
    with session_scope(store) as session:
        version = load_default_footprint(session)
        assert version.id == 2 and version.is_current
    with session_scope(store) as session:
        versions = session.scalars(select(FootprintVersion).order_by(FootprintVersion.id)).all()
        assert [v.is_current for v in versions] == [False, True]
        assert len(session.scalars(select(Membership).where(Membership.footprint_version_id == 1)).all()) == len(_rows())
        assert load_default_footprint(session).id == 2  # once per file content


def test_init_never_replaces_a_loaded_list(store):
    with session_scope(store) as session:
        session.execute(update(FootprintVersion).values(file_hash="a-loaded-list", label="Loaded from list.csv",
                                                        source="list.csv"))
    with session_scope(store) as session:
        assert load_default_footprint(session).id == 1
        assert len(session.scalars(select(FootprintVersion)).all()) == 1
