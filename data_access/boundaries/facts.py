"""The non-geometric inputs of every layer: which authorities exist when, and how they group.

Layers are built from two kinds of facts: areas (code, name, region, validity dates, centroid) and
the current footprint (which partnership each authority belongs to). Both normally come from the
store; the tile fallback must work without one, so both can also be read from the committed
tables in ``geodata/``. Keeping the two readers side by side guarantees they return the same shapes.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import hypot

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.geography import AREAS_FILE, DEFAULT_FOOTPRINT_FILE
from data_access.models import Area, FootprintVersion, Membership

#: Boundary vintages the app can use for earlier periods, and the day each one describes.
VINTAGES: dict[int, date] = {2021: date(2021, 12, 31)}


@dataclass(frozen=True)
class AreaFact:
    """One row of the area table, detached from any session."""

    code: str
    name: str
    type: str
    parent_code: str | None
    valid_from: date
    valid_to: date | None
    lon: float | None
    lat: float | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass
class Footprint:
    """The current assignment of authorities to partnerships (``version`` is None when not from the store)."""

    version: int | None
    names: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def areas_from_store(session: Session) -> dict[str, AreaFact]:
    """Every area in the store, by code."""
    return {a.code: AreaFact(a.code, a.name, a.type, a.parent_code, a.valid_from, a.valid_to, a.lon, a.lat)
            for a in session.scalars(select(Area))}


def areas_from_csv() -> dict[str, AreaFact]:
    """Every area in the committed table, by code: what the tile fallback places."""
    with AREAS_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {r["code"]: AreaFact(r["code"], r["name"], r["type"], r["parent_code"] or None,
                                date.fromisoformat(r["valid_from"]),
                                date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
                                float(r["lon"]) if r["lon"] else None, float(r["lat"]) if r["lat"] else None)
            for r in rows}


def authorities_on(areas: dict[str, AreaFact], day: date) -> dict[str, AreaFact]:
    """Upper-tier authorities in force on ``day``: the set a map of that day must cover."""
    return {c: a for c, a in areas.items() if a.type == "utla" and a.valid_on(day)}


def footprint_from_store(session: Session) -> Footprint | None:
    """The store's current footprint version, or None if the store has none yet."""
    version = session.scalar(select(FootprintVersion).where(FootprintVersion.is_current))
    if version is None:
        return None
    footprint = Footprint(version=version.id)
    rows = session.execute(select(Membership.partnership_code, Membership.partnership_name, Membership.member_code)
                           .where(Membership.footprint_version_id == version.id)
                           .order_by(Membership.partnership_code, Membership.member_code))
    for code, name, member in rows:
        footprint.names[code] = name
        footprint.members[code].append(member)
    return footprint


def footprint_from_csv() -> Footprint:
    """The committed default footprint: used only when no store can be read."""
    footprint = Footprint(version=None)
    with DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            footprint.names[row["partnership_code"]] = row["partnership_name"]
            footprint.members[row["partnership_code"]].append(row["member_code"])
    return footprint


def successors(areas: dict[str, AreaFact]) -> dict[str, list[str]]:
    """Abolished authority → the authorities that replaced it.

    The area table has no "replaced by" column, so this is inferred: a successor starts the day
    after the abolished authority ended, in the same region, and goes to the nearest abolished
    authority by centroid when a region lost more than one on the same day. For April 2023 this
    gives Cumbria → Cumberland + Westmorland and Furness, North Yorkshire → North Yorkshire,
    Somerset → Somerset, which is how the earlier vintage is drawn without its own polygons.
    """
    ended = [a for a in areas.values() if a.type == "utla" and a.valid_to is not None]
    result: dict[str, list[str]] = {a.code: [] for a in ended}
    for new in sorted((a for a in areas.values() if a.type == "utla"), key=lambda a: a.code):
        candidates = [old for old in ended
                      if old.valid_to + timedelta(days=1) == new.valid_from and old.parent_code == new.parent_code]
        if candidates:
            nearest = min(candidates, key=lambda old: (_distance(old, new), old.code))
            result[nearest.code].append(new.code)
    return result


def _distance(a: AreaFact, b: AreaFact) -> float:
    if None in (a.lon, a.lat, b.lon, b.lat):
        return 0.0
    return hypot(a.lon - b.lon, a.lat - b.lat)
