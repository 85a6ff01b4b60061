"""Areas and partnership footprints: loading the committed fact tables into the store.

Areas (England, regions, upper-tier authorities with validity dates) come from
``geodata/areas.csv``; the default footprint from ``geodata/footprint_default.csv``. A footprint
is a complete assignment of authorities to partnerships; a new one is added as a new version
and made current, and older versions are kept.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data_access.generation import renew_generation
from data_access.models import Area, FootprintVersion, Membership

#: England's ONS code: the country every figure is compared with, and the one spelling of it in the app.
ENGLAND = "E92000001"
GEODATA = Path(__file__).resolve().parent.parent / "geodata"
AREAS_FILE = GEODATA / "areas.csv"
POPULATION_FILE = GEODATA / "population_mid2022.csv"
DEFAULT_FOOTPRINT_FILE = GEODATA / "footprint_default.csv"
AREA_CHANGES_FILE = GEODATA / "area_changes.csv"
FOOTPRINT_COLUMNS = ("partnership_code", "partnership_name", "member_code", "status", "source")


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_areas(session: Session) -> int:
    """Insert or update every area from the committed tables; returns how many."""
    population = {row["code"]: {k: int(v) for k, v in row.items() if k != "code"}
                  for row in csv.DictReader(POPULATION_FILE.open(encoding="utf-8"))}
    rows = list(csv.DictReader(AREAS_FILE.open(encoding="utf-8")))
    for row in rows:
        session.merge(Area(code=row["code"], name=row["name"], type=row["type"], parent_code=row["parent_code"] or None,
                           valid_from=_date(row["valid_from"]), valid_to=_date(row["valid_to"]),
                           lon=float(row["lon"]), lat=float(row["lat"]), population=population.get(row["code"], {})))
    return len(rows)


@dataclass(frozen=True)
class FormerAuthority:
    """An upper-tier authority replaced since 2009, from ``geodata/area_changes.csv``.

    ``same_boundary`` marks a new code for the same area (Buckinghamshire in 2020): figures
    published on either code load on the new one, whose boundary therefore starts at ``valid_from``.
    """

    code: str
    name: str
    valid_from: date
    valid_to: date
    successors: tuple[str, ...]
    same_boundary: bool
    change: str


@lru_cache(maxsize=1)
def former_authorities() -> dict[str, FormerAuthority]:
    """Every former authority by code (the committed table is small and never changes at run time)."""
    with AREA_CHANGES_FILE.open(encoding="utf-8") as handle:
        return {row["code"]: FormerAuthority(row["code"], row["name"], date.fromisoformat(row["valid_from"]),
                                             date.fromisoformat(row["valid_to"]), tuple(row["successors"].split(";")),
                                             row["same_boundary"] == "yes", row["change"])
                for row in csv.DictReader(handle)}


def boundary_starts() -> dict[str, date]:
    """For an authority that is a new code for an older area, the day that area's boundary began."""
    return {f.successors[0]: f.valid_from for f in former_authorities().values() if f.same_boundary}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def add_footprint_version(session: Session, rows: list[dict[str, str]], *, label: str, source: str,
                          file_hash: str) -> FootprintVersion:
    """Store ``rows`` (already validated) as a new current footprint version, or return the same one."""
    existing = session.scalar(select(FootprintVersion).where(FootprintVersion.file_hash == file_hash))
    if existing is not None:
        return existing
    session.execute(update(FootprintVersion).values(is_current=False))
    version = FootprintVersion(label=label, source=source, file_hash=file_hash, is_current=True)
    version.memberships = [Membership(**{k: row.get(k, "") for k in FOOTPRINT_COLUMNS}) for row in rows]
    session.add(version)
    session.flush()
    renew_generation(session)
    return version


DEFAULT_FOOTPRINT_LABEL = "Default footprint (sourced groupings; other authorities assumed)"


def load_default_footprint(session: Session) -> FootprintVersion:
    """The footprint in force, after adding the committed default (sourced groupings, every other
    authority as its own partnership) when the store has none in force or an earlier default is in
    force: a changed default arrives as a new version and the old one is kept. A footprint loaded
    from an authoritative list is never replaced by the default."""
    current = session.scalar(select(FootprintVersion).where(FootprintVersion.is_current))
    if current is not None and (current.label, current.source) != (DEFAULT_FOOTPRINT_LABEL, DEFAULT_FOOTPRINT_FILE.name):
        return current
    rows = list(csv.DictReader(DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8")))
    return add_footprint_version(session, rows, label=DEFAULT_FOOTPRINT_LABEL, source=DEFAULT_FOOTPRINT_FILE.name,
                                 file_hash=file_sha256(DEFAULT_FOOTPRINT_FILE))
