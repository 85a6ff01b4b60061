"""Areas and partnership footprints: loading the committed fact tables into the store.

Areas (England, regions, upper-tier authorities with validity dates) come from
``geodata/areas.csv``; the default footprint from ``geodata/footprint_default.csv``. A footprint
is a complete assignment of authorities to partnerships; a new one is added as a new version
and made current, and older versions are kept.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data_access.models import Area, FootprintVersion, Membership

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
AREAS_FILE = GEODATA / "areas.csv"
POPULATION_FILE = GEODATA / "population_mid2022.csv"
DEFAULT_FOOTPRINT_FILE = GEODATA / "footprint_default.csv"
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
    return version


def load_default_footprint(session: Session) -> FootprintVersion:
    """The default footprint: sourced groupings, every other authority as its own partnership."""
    if session.scalar(select(FootprintVersion.id).limit(1)) is not None:
        current = session.scalar(select(FootprintVersion).where(FootprintVersion.is_current))
        if current is not None:
            return current
    rows = list(csv.DictReader(DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8")))
    return add_footprint_version(session, rows, label="Default footprint (sourced groupings; other authorities assumed)",
                                 source=str(DEFAULT_FOOTPRINT_FILE.name), file_hash=file_sha256(DEFAULT_FOOTPRINT_FILE))
