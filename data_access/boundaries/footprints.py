"""Load an authoritative partnership list as a new footprint version, after checking all of it.

A footprint decides how every partnership value is pooled, so a half-right file is worse than
none: the whole file is validated first, every problem is reported with its row and column, and
nothing is written unless there are none. The rules (DESIGN §1): every authority in force today
is in exactly one partnership; every code is a known upper-tier authority; partnership codes
have one name; no partnership is empty. Abolished authorities may be listed and then follow the
same rule on their last day: listing one of them means listing every authority in force that day.
Rows are numbered as in a spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from data_access.boundaries.facts import AreaFact, areas_from_store, authorities_on
from data_access.db import get_engine, session_scope
from data_access.geography import FOOTPRINT_COLUMNS, add_footprint_version, file_sha256
from data_access.models import FootprintVersion

REQUIRED = ("partnership_code", "partnership_name", "member_code")
STATUSES = ("sourced", "assumed")
DEFAULT_STATUS = "sourced"  # a list loaded as authoritative is sourced unless it says otherwise
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # partnership codes end up in URLs
_LIMITS = {"partnership_code": 80, "partnership_name": 200}


@dataclass(frozen=True)
class Problem:
    """One reason a footprint file cannot be loaded; ``row`` is None for whole-file problems."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row is not None else ""
        return f"{where}column {self.column}: {self.message}"


class FootprintError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class FootprintLoad:
    version_id: int
    created: bool
    is_current: bool
    partnerships: int
    members: int


def read_footprint_file(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The file's data rows as (row number, values) with blanks stripped, plus header problems."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(None, "-", "the file is not UTF-8 text")]
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    problems = [Problem(1, column, "required column is missing") for column in REQUIRED if column not in header]
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            problems.append(Problem(reader.line_num, "-", f"{len(values)} values for {len(header)} columns"))
        rows.append((reader.line_num, {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}))
    if not rows and not problems:
        problems.append(Problem(None, "-", "the file has no data rows"))
    return rows, problems


def validate_footprint(rows: list[tuple[int, dict[str, str]]], areas: dict[str, AreaFact],
                       today: date | None = None) -> list[Problem]:
    """Every problem with ``rows`` as a complete footprint, in row order then whole-file problems."""
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    names: dict[str, tuple[str, int]] = {}
    members: dict[str, list[str]] = {}
    placed: dict[str, tuple[int, str]] = {}
    for number, row in rows:
        code, name, member = row.get("partnership_code", ""), row.get("partnership_name", ""), row.get("member_code", "")
        member = member.upper()
        for column in REQUIRED[:2]:
            if not row.get(column, ""):
                problems.append(Problem(number, column, "value is empty"))
            elif len(row[column]) > _LIMITS[column]:
                problems.append(Problem(number, column, f"longer than {_LIMITS[column]} characters"))
        if code and not _CODE.match(code):
            problems.append(Problem(number, "partnership_code", f"{code!r}: use letters, digits, '-' and '_' only"))
        if code and name:
            if code in names and names[code][0] != name:
                problems.append(Problem(number, "partnership_name", f"{name!r} differs from {names[code][0]!r} "
                                        f"given for {code} in row {names[code][1]}"))
            names.setdefault(code, (name, number))
        if code:
            first_row.setdefault(code, number)
            members.setdefault(code, [])
        status = row.get("status", "").lower()
        if status and status not in STATUSES:
            problems.append(Problem(number, "status", f"{status!r} is not one of {', '.join(STATUSES)}"))
        if not member:
            problems.append(Problem(number, "member_code", "value is empty"))
            continue
        area = areas.get(member)
        if area is None:
            problems.append(Problem(number, "member_code", f"{member} is not a code in the areas table"))
        elif area.type != "utla":
            problems.append(Problem(number, "member_code", f"{member} ({area.name}) is a {area.type}, "
                                    "not an upper-tier local authority"))
        elif member in placed:
            problems.append(Problem(number, "member_code", f"{member} ({area.name}) is already in "
                                    f"{placed[member][1]} (row {placed[member][0]})"))
        else:
            placed[member] = (number, code)
            if code:
                members[code].append(member)
    for code, number in first_row.items():
        if not members[code]:
            problems.append(Problem(number, "member_code", f"partnership {code} has no valid member"))
    problems.sort(key=lambda problem: problem.row or 0)  # stable: a row's problems stay in column order
    problems.extend(_coverage_problems(placed, areas, today or date.today()))
    return problems


def _coverage_problems(placed: dict[str, tuple[int, str]], areas: dict[str, AreaFact], today: date) -> list[Problem]:
    """Authorities left out: all of today's, and all of any earlier day the file covers."""
    days = {today} | {areas[m].valid_to for m in placed if areas[m].valid_to is not None}
    problems, reported = [], set(placed)
    for day in sorted(days, reverse=True):
        reason = ("is in force today" if day == today
                  else f"was in force on {day}, which the file covers (it lists authorities that ended that day)")
        for code, area in sorted(authorities_on(areas, day).items()):
            if code not in reported:
                reported.add(code)
                problems.append(Problem(None, "member_code", f"{code} ({area.name}) is in no partnership but {reason}"))
    return problems


def load_footprint_file(path: Path, *, engine: Engine | None = None, label: str | None = None) -> FootprintLoad:
    """Validate ``path`` and store it as the new current footprint version (once per file content).

    Raises ``FootprintError`` with every problem and writes nothing if there is any. Loading a
    file already loaded changes nothing and reports the existing version.
    """
    path = Path(path)
    rows, problems = read_footprint_file(path)
    file_hash = file_sha256(path)
    with session_scope(engine or get_engine(read_only=False)) as session:
        areas = areas_from_store(session)
        if not areas:
            problems.append(Problem(None, "-", "the store has no areas; run `flask --app app data init` first"))
        if not problems:
            problems = validate_footprint(rows, areas)
        if problems:
            raise FootprintError(problems)
        existing = session.scalar(select(FootprintVersion).where(FootprintVersion.file_hash == file_hash))
        records = [{"partnership_code": row["partnership_code"], "partnership_name": row["partnership_name"],
                    "member_code": row["member_code"].upper(),
                    "status": row.get("status", "").lower() or DEFAULT_STATUS,
                    "source": row.get("source") or path.name} for _, row in rows]
        version = add_footprint_version(session, [{k: r[k] for k in FOOTPRINT_COLUMNS} for r in records],
                                        label=label or f"Loaded from {path.name}", source=path.name,
                                        file_hash=file_hash)
        return FootprintLoad(version.id, existing is None, version.is_current,
                             len({r["partnership_code"] for r in records}), len(records))
