"""Similar partnerships: each partnership's comparator group, from characteristics the project holds.

A partnership compared only with England or its region learns little about what is achievable for
a place like it. Its comparator group is its five nearest partnerships
(``data_access.statistics.neighbours``) on these inputs, all summed over the partnership's current
member authorities:

* population size (all ages, mid-2022, as a base-10 logarithm so a tenfold difference counts the same
  at every size) — from ``geodata/population_mid2022.csv`` as loaded into the store;
* age structure: the shares of residents aged under 18, 15 to 64, and 65 and over (the last from
  ``geodata/population_mid2022_age_bands.csv``);
* the estimated prevalence of opiate and/or crack cocaine use per 1,000 aged 15 to 64, latest period
  in the store (``ocu_prevalence``).

Deprivation and population density are not used: the project holds no deprivation index, and its
committed geography facts carry no land areas (boundary polygons are optional at set-up).
Outcome measures such as treatment numbers are left out on purpose, so a group is not chosen by the
results it is then compared on.
"""

from __future__ import annotations

import csv
import math

import pandas as pd

from data_access.geography import GEODATA
from data_access.read.memory import ANSWERS, private, remembered
from data_access.read.releases import release_key
from data_access.read.tables import shared_geography
from data_access.read.values import area_values
from data_access.statistics.neighbours import DEFAULT_K, nearest_neighbours

AGE_BANDS_FILE = GEODATA / "population_mid2022_age_bands.csv"
PREVALENCE_METRIC = "ocu_prevalence"
#: The inputs, in the words the About page and the CSV use: column → description.
INPUTS = {
    "log10_population": "Population size (all ages, mid-2022; base-10 logarithm)",
    "share_under_18": "Share of residents aged under 18 (mid-2022)",
    "share_15_64": "Share of residents aged 15 to 64 (mid-2022)",
    "share_65_plus": "Share of residents aged 65 and over (mid-2022)",
    "ocu_prevalence": "Opiate and/or crack cocaine use per 1,000 aged 15 to 64 (latest estimate)",
}
GROUP_SIZE = DEFAULT_K
_OLD = {"65-69", "70-74", "75-79", "80-84", "85-89", "90+"}


def _people_65_plus() -> dict[str, int]:
    """Residents aged 65 and over by area code, from the committed age bands."""
    totals: dict[str, int] = {}
    with AGE_BANDS_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["age_band"] in _OLD:
                totals[row["code"]] = totals.get(row["code"], 0) + int(row["population"])
    return totals


def _inputs() -> pd.DataFrame:
    geo = shared_geography()
    people = geo["areas"].set_index("code")["population"]
    old = _people_65_plus()
    rows = {}
    for part in geo["partnerships"].itertuples():
        members = [c for c in str(part.member_codes).split(";") if c]
        pops = [people.get(c) or {} for c in members]
        total = sum(int(p.get("pop_all_ages") or 0) for p in pops)
        if not total:
            continue
        rows[part.code] = {
            "log10_population": math.log10(total),
            "share_under_18": sum(int(p.get("pop_under_18") or 0) for p in pops) / total,
            "share_15_64": sum(int(p.get("pop_15_64") or 0) for p in pops) / total,
            "share_65_plus": sum(old.get(c, 0) for c in members) / total if all(c in old for c in members) else None,
        }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(INPUTS)[:-1])
    try:
        prevalence = area_values(PREVALENCE_METRIC, area_type="partnership")
        known = prevalence[~prevalence["suppressed"].fillna(False).astype(bool)]
        frame["ocu_prevalence"] = frame.index.map(known.set_index("area_code")["value"])
    except (KeyError, ValueError):
        frame["ocu_prevalence"] = float("nan")
    frame.index.name = "code"
    return frame


def similar_inputs() -> pd.DataFrame:
    """The characteristics each partnership's group is chosen on, one row per partnership (index: code)."""
    return private(remembered(ANSWERS, ("similar_inputs", release_key()), _inputs))


def _groups() -> pd.DataFrame:
    inputs = similar_inputs()
    names = shared_geography()["partnerships"].set_index("code")["name"]
    usable = inputs.dropna(axis=1, how="all")
    groups = nearest_neighbours(usable, GROUP_SIZE) if len(usable) > GROUP_SIZE else pd.DataFrame(
        columns=["code", "rank", "neighbour", "distance"])
    return groups.assign(name=groups["code"].map(names), neighbour_name=groups["neighbour"].map(names))


def similar_groups() -> pd.DataFrame:
    """Every partnership's group: code, name, rank (1 = most similar), neighbour, neighbour_name, distance."""
    return private(remembered(ANSWERS, ("similar_groups", release_key()), _groups))


def similar_partnerships(code: str | None) -> pd.DataFrame:
    """The partnerships most like ``code``, most similar first: code, name, rank, distance (empty if unknown)."""
    groups = similar_groups()
    mine = groups[groups["code"] == code].sort_values("rank")
    return pd.DataFrame({"code": mine["neighbour"].to_numpy(), "name": mine["neighbour_name"].to_numpy(),
                         "rank": mine["rank"].to_numpy(), "distance": mine["distance"].to_numpy()})
