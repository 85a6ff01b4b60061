"""The committed geography fact tables agree with each other and with the ONS totals."""

from __future__ import annotations

import csv

from tests.support.paths import PROJECT_ROOT

GEODATA = PROJECT_ROOT / "geodata"


def _rows(name: str) -> list[dict]:
    return list(csv.DictReader((GEODATA / name).open(encoding="utf-8")))


def test_each_region_is_the_sum_of_its_current_authorities():
    areas = _rows("areas.csv")
    population = {row["code"]: int(row["pop_all_ages"]) for row in _rows("population_mid2022.csv")}
    current = [a for a in areas if a["type"] == "utla" and not a["valid_to"]]
    assert len(current) == 153
    for region in (a for a in areas if a["type"] == "region"):
        members = [a["code"] for a in current if a["parent_code"] == region["code"]]
        assert sum(population[c] for c in members) == population[region["code"]], region["name"]


def test_every_authority_is_in_exactly_one_default_partnership():
    areas = {a["code"] for a in _rows("areas.csv") if a["type"] == "utla"}
    members = [row["member_code"] for row in _rows("footprint_default.csv")]
    assert sorted(members) == sorted(areas)
    statuses = {row["status"] for row in _rows("footprint_default.csv")}
    assert statuses == {"sourced", "assumed"}
