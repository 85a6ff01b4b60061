"""Resolve the area codes (and names) a publisher used to the areas the store knows.

Publishers combine small authorities with a neighbour (Cornwall with the Isles of Scilly, Hackney
with the City of London) and keep codes from before a reorganisation. Every such case is an
explicit row of the committed table ``area_aliases.csv``: a mapping to one store area with a note
that is kept on the observation, or an abolished code whose successors are named so the problem
can be fixed at the source. A combined row is loaded on the larger authority only; no value is
invented for the smaller one. Areas outside England are skipped and counted; anything else the
store does not know is a problem. Nothing is dropped silently. A name the table maps to an area
never overrides a code beside it that names a different area: the two contradict, and the row is
refused rather than moved to either.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.geography import boundary_starts
from data_access.models import Area
from data_access.vintages import Vintage, valid_in

ALIASES_FILE = Path(__file__).with_name("area_aliases.csv")
SKIP_OUTSIDE_ENGLAND = "areas outside England (Wales, Scotland, Northern Ireland, UK/GB or England and Wales totals), not loaded"
# ONS code prefixes of areas that are not in England (K02 UK, K03 GB, K04 England and Wales).
_OUTSIDE_ENGLAND = re.compile(r"^(W|S|N|L|M|K0)\d", re.I)
_SEPARATORS = re.compile(r"\s*[+,&/;]\s*|\s+and\s+", re.I)


@dataclass(frozen=True)
class Alias:
    """One row of ``area_aliases.csv``: a mapping (``target_code``) or an abolished code (``successors``)."""

    alias_code: str
    name_pattern: re.Pattern[str] | None
    target_code: str
    note: str
    successors: str
    reason: str

    def matches(self, code: str, name: str) -> bool:
        if self.alias_code and self.alias_code != code:
            return False
        return not self.name_pattern or bool(self.name_pattern.search(name))


@dataclass(frozen=True)
class Resolution:
    """Where one (code, name) of the file goes: a store code (+ note), a skip reason, or a problem."""

    code: str = ""
    note: str = ""
    skip: str = ""
    problem: str = ""


@dataclass(frozen=True)
class StoreArea:
    code: str
    name: str
    type: str
    valid_from: date
    valid_to: date | None
    #: Earlier than ``valid_from`` when the code replaced an older one for the same boundary.
    boundary_from: date | None = None

    def in_vintage(self, item: Vintage) -> bool:
        """True when the area's boundary belongs to the vintage ``item``."""
        return valid_in(self.boundary_from or self.valid_from, self.valid_to, item)


def normalise_code(text: str) -> str:
    """Upper-case, trimmed; combined codes such as ``E06000052 & E06000053`` become ``E06000052+E06000053``."""
    return "+".join(part for part in _SEPARATORS.split(str(text).strip().upper()) if part)


def load_aliases(path: Path = ALIASES_FILE) -> list[Alias]:
    """Read the alias table; a malformed table is a programming error, so it raises."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    aliases = []
    for row in rows:
        alias = Alias(normalise_code(row["alias_code"]), re.compile(row["name_pattern"], re.I) if row["name_pattern"] else None,
                      row["target_code"].strip(), row["note"].strip(), row["successors"].strip(), row["reason"].strip())
        if not (alias.alias_code or alias.name_pattern) or bool(alias.target_code) == bool(alias.successors):
            raise ValueError(f"{path.name}: each row needs a code or name pattern and exactly one of "
                             f"target_code or successors: {row}")
        aliases.append(alias)
    return aliases


def store_areas(session: Session) -> dict[str, StoreArea]:
    """Every area in the store by code, with its validity dates."""
    rows = session.execute(select(Area.code, Area.name, Area.type, Area.valid_from, Area.valid_to))
    starts = boundary_starts()
    return {r.code: StoreArea(r.code, r.name, r.type, r.valid_from, r.valid_to, starts.get(r.code)) for r in rows}


class AreaResolver:
    """Resolves codes against the store and the alias table, once per distinct (code, name)."""

    def __init__(self, areas: dict[str, StoreArea], aliases: list[Alias] | None = None) -> None:
        self.areas = areas
        self.aliases = load_aliases() if aliases is None else aliases

    def resolve(self, raw_code: str, name: str = "") -> Resolution:
        code = normalise_code(raw_code)
        name = str(name).strip()
        named = [a for a in self.aliases if a.name_pattern is not None and a.matches(code, name)]
        coded = [a for a in self.aliases if a.name_pattern is None and a.alias_code == code]
        # A name that says "combined" wins over a plain code of the same area ("E06000052, Cornwall and Isles
        # of Scilly"); beside the code of any other area it is a contradiction, never a silent override.
        alias = (named or coded or [None])[0]
        if named and code and code not in self._codes_of(named[0].target_code):
            return Resolution(problem=self._contradiction(raw_code, code, name, named[0]))
        if alias is not None:
            return self._aliased(alias, raw_code)
        if not code:
            return Resolution(problem="the area code is empty")
        if code in self.areas:
            return Resolution(code=code)
        if _OUTSIDE_ENGLAND.match(code):
            return Resolution(skip=SKIP_OUTSIDE_ENGLAND)
        label = f" ({name})" if name else ""
        return Resolution(problem=f"unknown area code '{raw_code.strip()}'{label}: the store holds England, its "
                                  "regions and upper-tier local authorities (see geodata/areas.csv)")

    def _codes_of(self, target: str) -> set[str]:
        """Codes that may stand beside a name mapped to ``target``: the target, the codes the alias table
        maps to it, and each part of those combined codes (a row of Cornwall and the Isles of Scilly
        may carry Cornwall's code, the Isles of Scilly's, either combined code or E41000052)."""
        codes = {target}
        for alias in self.aliases:
            if alias.name_pattern is None and alias.target_code == target:
                codes |= {alias.alias_code, *alias.alias_code.split("+")}
        return codes

    def _contradiction(self, raw_code: str, code: str, name: str, alias: Alias) -> str:
        known = self.areas.get(code)
        named_code = f" ({known.name})" if known else ""
        target = self.areas.get(alias.target_code)
        target_name = f" ({target.name})" if target else ""
        return (f"area code '{raw_code.strip()}'{named_code} contradicts the name '{name}', which area_aliases.csv "
                f"maps to {alias.target_code}{target_name}: correct the code or the name")

    def _aliased(self, alias: Alias, raw_code: str) -> Resolution:
        if alias.successors:
            return Resolution(problem=f"area code '{raw_code.strip()}' cannot be mapped to one current area: "
                                      f"{alias.reason}. Successor(s): {alias.successors}. Re-issue these rows "
                                      "on current codes")
        if alias.target_code not in self.areas:
            return Resolution(problem=f"area code '{raw_code.strip()}' is mapped to {alias.target_code} by "
                                      "area_aliases.csv, but the store has no such area")
        return Resolution(code=alias.target_code, note=alias.note)

    def resolve_column(self, codes: pd.Series, names: pd.Series) -> pd.DataFrame:
        """Vectorised over rows: columns ``code``, ``alias_note``, ``skip``, ``problem`` aligned to ``codes``."""
        pairs = pd.DataFrame({"raw": codes.astype(str), "name": names.astype(str)})
        distinct = pairs.drop_duplicates()
        resolved = [self.resolve(c, n) for c, n in zip(distinct["raw"], distinct["name"], strict=True)]
        table = pd.DataFrame({"raw": distinct["raw"].to_numpy(), "name": distinct["name"].to_numpy(),
                              "code": [r.code for r in resolved], "alias_note": [r.note for r in resolved],
                              "skip": [r.skip for r in resolved], "problem": [r.problem for r in resolved]})
        merged = pairs.merge(table, on=["raw", "name"], how="left")
        merged.index = codes.index
        return merged[["code", "alias_note", "skip", "problem"]]
