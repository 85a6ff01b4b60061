"""The demonstration generator's view of geography: authorities, their populations and boundary changes.

The generator draws every local number for *atoms* — the authorities in force today — and sums
atoms to whichever authorities were valid at a period's end. Every earlier authority in
``geodata/areas.csv`` is the exact union of its successors (Cumbria = Cumberland + Westmorland and
Furness; North Yorkshire and Somerset kept their footprints), so this keeps each boundary set, and
England, exactly consistent with one another and with the ONS mid-2022 populations.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
import pandas as pd

from data_access.geography import AREAS_FILE, GEODATA, POPULATION_FILE
from data_access.vintages import BY_CODE, CURRENT, valid_in

#: The vintage demonstration history before April 2023 is on.
DEMO_HISTORY = BY_CODE["2021"]

AGE_BANDS_FILE = GEODATA / "population_mid2022_age_bands.csv"
POPULATION_COLUMNS = ("pop_all_ages", "pop_15_64", "pop_18_plus", "pop_under_18")


class GeographyError(ValueError):
    """The committed fact tables do not describe a consistent set of authorities."""


@dataclass(frozen=True)
class Geography:
    """Authorities (type ``utla``) with validity dates, and the atoms each one is made of."""

    england: str
    atoms: tuple[str, ...]
    population: pd.DataFrame  # index: atoms; columns: POPULATION_COLUMNS
    age_bands: pd.DataFrame  # index: atoms; columns: band labels in age order
    validity: dict[str, tuple[date, date | None]]
    members: dict[str, tuple[str, ...]]
    _matrices: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def valid_at(self, day: date) -> tuple[str, ...]:
        """Authorities of the vintage a period ending on ``day`` is published on (``vintage_at``)."""
        item = BY_CODE[vintage_at(day)]
        return tuple(code for code, (start, end) in sorted(self.validity.items()) if valid_in(start, end, item))

    def matrix(self, codes: tuple[str, ...]) -> np.ndarray:
        """0/1 matrix (authorities x atoms): multiplying atom counts by it gives authority counts."""
        if codes not in self._matrices:
            position = {atom: i for i, atom in enumerate(self.atoms)}
            out = np.zeros((len(codes), len(self.atoms)), dtype=np.int64)
            for row, code in enumerate(codes):
                out[row, [position[a] for a in self.members[code]]] = 1
            if not (out.sum(axis=0) == 1).all():
                raise GeographyError("authorities valid on one date must cover every atom exactly once")
            self._matrices[codes] = out
        return self._matrices[codes]


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _successors(rows: list[dict[str, str]], atoms: list[str]) -> dict[str, tuple[str, ...]]:
    """Map each ended authority to the atoms that replaced it.

    A successor starts the day after its predecessor ended, in the same region; where a region lost
    more than one authority on the same day, the nearest centroid decides.
    """
    by_code = {row["code"]: row for row in rows}
    members: dict[str, list[str]] = {code: [] for code, row in by_code.items() if row["valid_to"]}
    for atom in atoms:
        row = by_code[atom]
        day_before = (date.fromisoformat(row["valid_from"]) - timedelta(days=1)).isoformat()
        candidates = [c for c, r in by_code.items() if r["valid_to"] == day_before and r["parent_code"] == row["parent_code"]]
        if candidates:
            def distance(code: str, row: dict[str, str] = row) -> float:
                other = by_code[code]
                return (float(other["lon"]) - float(row["lon"])) ** 2 + (float(other["lat"]) - float(row["lat"])) ** 2
            members[min(candidates, key=distance)].append(atom)
    empty = sorted(code for code, atoms_of in members.items() if not atoms_of)
    if empty:
        raise GeographyError(f"no successor authorities found for {', '.join(empty)}")
    return {code: tuple(sorted(atoms_of)) for code, atoms_of in members.items()}


def vintage_at(day: date) -> str:
    """The vintage demonstration figures for a period ending on ``day`` are on.

    Like Fingertips' 402 and 502 exports: periods before April 2023 on the April 2021 authorities
    (history re-based onto them), later periods on the April 2023 authorities.
    """
    return CURRENT.code if day >= CURRENT.starts else DEMO_HISTORY.code


@lru_cache(maxsize=1)
def load_geography() -> Geography:
    """Read ``geodata/`` once: areas, mid-2022 populations (all ages and by age band)."""
    with AREAS_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    england = next(row["code"] for row in rows if row["type"] == "country")
    # Only the authorities of the two vintages the demonstration is published on.
    authorities = [row for row in rows if row["type"] == "utla"
                   and any(valid_in(date.fromisoformat(row["valid_from"]), _date(row["valid_to"]), v)
                           for v in (DEMO_HISTORY, CURRENT))]
    atoms = sorted(row["code"] for row in authorities if not row["valid_to"])
    members = {atom: (atom,) for atom in atoms} | _successors(authorities, atoms)
    population = pd.read_csv(POPULATION_FILE).set_index("code").loc[atoms, list(POPULATION_COLUMNS)]
    bands = pd.read_csv(AGE_BANDS_FILE)
    order = list(dict.fromkeys(bands["age_band"]))
    age_bands = bands.pivot(index="code", columns="age_band", values="population").loc[atoms, order]
    if not (age_bands.sum(axis=1) == population["pop_all_ages"]).all():
        raise GeographyError("age-band populations do not add up to the all-ages population")
    validity = {row["code"]: (date.fromisoformat(row["valid_from"]), _date(row["valid_to"])) for row in authorities}
    return Geography(england=england, atoms=tuple(atoms), population=population.astype(np.int64),
                     age_bands=age_bands.astype(np.int64), validity=validity, members=members)
