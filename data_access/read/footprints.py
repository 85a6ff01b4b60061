"""Partnership footprint versions: which list of partnerships is in force, when it was loaded, where it came from.

A footprint is data (DESIGN §1): the default one groups the sourced partnerships and treats every
other authority as its own partnership; loading an authoritative list adds a new version and keeps
the old. The About page shows the current version and, for each partnership, whether its grouping
is sourced or assumed, so these reads are small and read-only.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from data_access.cache import memoize
from data_access.db import get_engine
from data_access.models import FootprintVersion, Membership
from data_access.read.releases import release_key

VERSION_COLUMNS = ["id", "label", "source", "loaded_at", "is_current", "n_partnerships", "n_members"]
SOURCE_COLUMNS = ["partnership_code", "status", "source"]


@memoize
def _versions(key: str) -> pd.DataFrame:
    partnerships = func.count(func.distinct(Membership.partnership_code)).label("n_partnerships")
    members = func.count(Membership.id).label("n_members")
    query = (select(FootprintVersion.id, FootprintVersion.label, FootprintVersion.source, FootprintVersion.loaded_at,
                    FootprintVersion.is_current, partnerships, members)
             .join(Membership, Membership.footprint_version_id == FootprintVersion.id, isouter=True)
             .group_by(FootprintVersion.id, FootprintVersion.label, FootprintVersion.source,
                       FootprintVersion.loaded_at, FootprintVersion.is_current)
             .order_by(FootprintVersion.id.desc()))
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=VERSION_COLUMNS)


def footprint_versions() -> pd.DataFrame:
    """Every footprint version, newest first: id, label, source, loaded_at, is_current, n_partnerships,
    n_members (membership rows, including authorities abolished since)."""
    return _versions(release_key())


def current_footprint() -> dict | None:
    """The footprint version in force as a dict (``footprint_versions`` columns), or None for an empty store."""
    versions = footprint_versions()
    current = versions[versions["is_current"].astype(bool)]
    return None if current.empty else current.iloc[0].to_dict()


@memoize
def _sources(key: str) -> pd.DataFrame:
    query = (select(Membership.partnership_code, Membership.status, Membership.source)
             .join(FootprintVersion).where(FootprintVersion.is_current)
             .order_by(Membership.partnership_code, Membership.member_code))
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    members = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    if members.empty:
        return members
    # A partnership is sourced only when every member row is; its distinct sources are kept in order.
    grouped = members.groupby("partnership_code", sort=True).agg(
        status=("status", lambda s: "sourced" if (s == "sourced").all() else "assumed"),
        source=("source", lambda s: "; ".join(dict.fromkeys(v for v in s if v))),
    )
    return grouped.reset_index()[SOURCE_COLUMNS]


def partnership_sources() -> pd.DataFrame:
    """One row per partnership of the current footprint: partnership_code, status ("sourced" | "assumed"),
    source (the members' distinct source texts or URLs, "; "-joined)."""
    return _sources(release_key())
