"""Derive the small geography fact tables the app commits, from the ONS files in ../shared/data.

The boundary polygons themselves are never committed (they are obtained at set-up); only these
tables of codes, names, regions, validity dates, populations and centroids are. Run it again
when the ONS inputs change:

    python geodata/build_facts.py [PATH_TO_SHARED_DATA]

The default partnership footprint is derived separately, from the footprint evidence, by
``geodata/build_footprint.py``.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
AGE_BANDS = [(lo, lo + 4) for lo in range(0, 90, 5)] + [(90, None)]
#: Former authorities (what replaced them, and when) live in ``area_changes.csv`` beside this file.
FIRST_DATE = "2009-04-01"


def _number(text: str) -> int:
    text = text.strip().replace(",", "")
    return 0 if text in ("", "-") else int(text)


def _band(age: int) -> str:
    for lo, hi in AGE_BANDS:
        if hi is None or age <= hi:
            return f"{lo}+" if hi is None else f"{lo}-{hi}"
    raise ValueError(age)


def read_mye2(path: Path) -> dict[str, dict]:
    """Rows of the ONS MYE2 sheet keyed by code, with single-year ages folded into 5-year bands."""
    rows = list(csv.reader(path.open(encoding="utf-8")))
    header = rows[7]
    ages = header[4:]
    out = {}
    for row in rows[8:]:
        if not row or not row[0].startswith("E"):
            continue
        counts = [_number(v) for v in row[4 : 4 + len(ages)]]
        bands: dict[str, int] = {}
        for label, n in zip(ages, counts, strict=False):
            age = 90 if label.strip() == "90+" else int(label)
            bands[_band(age)] = bands.get(_band(age), 0) + n
        out[row[0]] = {"name": row[1], "geography": row[2], "all": _number(row[3]), "bands": bands,
                       "under_18": sum(counts[:18])}
    return out


def read_centroids(path: Path, code_field: str) -> dict[str, tuple[float, float, str]]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["properties"][code_field]: (f["properties"]["LONG"], f["properties"]["LAT"],
                                          f["properties"][code_field.replace("CD", "NM")]) for f in features}


def main(shared: Path) -> None:
    tidy = {r["area_code"]: r for r in csv.DictReader((shared / "population/pop_mid2022_england_2023geog_tidy.csv").open())}
    mye2 = read_mye2(shared / "population/ons_mye2_persons_mid2022_2023geog_ew.csv")
    c24 = read_centroids(shared / "boundaries/ctyua_dec2024_en_buc_wgs84.geojson", "CTYUA24CD")
    c21 = read_centroids(shared / "boundaries/ctyua_dec2021_en_buc_wgs84.geojson", "CTYUA21CD")
    rgn = read_centroids(shared / "boundaries/rgn_dec2024_en_buc_wgs84.geojson", "RGN24CD")
    # The ONS population table lists each region's authorities directly after the region's row.
    region_of_code: dict[str, str] = {}
    current_region = ""
    for row in csv.DictReader((shared / "population/pop_mid2022_england_2023geog_tidy.csv").open(encoding="utf-8")):
        if row["ons_geography_type"] == "Region":
            current_region = row["area_code"]
        elif current_region:
            region_of_code[row["area_code"]] = current_region

    def region_of(code: str) -> str:
        return region_of_code[code]

    areas = [{"code": "E92000001", "name": "England", "type": "country", "parent_code": "", "valid_from": FIRST_DATE,
              "valid_to": "", "lon": -1.46, "lat": 52.57}]
    for code, (lon, lat, name) in sorted(rgn.items()):
        areas.append({"code": code, "name": name, "type": "region", "parent_code": "E92000001",
                      "valid_from": FIRST_DATE, "valid_to": "", "lon": lon, "lat": lat})
    changes = read_changes(HERE / "area_changes.csv")
    starts = successor_starts(changes)
    for code, (lon, lat, name) in sorted(c24.items()):
        areas.append({"code": code, "name": name, "type": "utla", "parent_code": region_of(code),
                      "valid_from": starts.get(code, FIRST_DATE), "valid_to": "", "lon": lon, "lat": lat})
    for code, change in changes.items():
        if change["same_boundary"] == "yes":
            continue  # a new code for the same area: its figures load on the successor's code
        lon, lat = (c21[code][0], c21[code][1]) if code in c21 else (float(change["lon"]), float(change["lat"]))
        areas.append({"code": code, "name": change["name"], "type": "utla", "parent_code": change["parent_code"],
                      "valid_from": change["valid_from"], "valid_to": change["valid_to"], "lon": lon, "lat": lat})
    assert {a["code"] for a in areas if a["type"] == "utla" and not a["valid_to"]} == set(c24)
    assert {a["code"] for a in areas if a["type"] == "utla"
            and a["valid_from"] <= "2021-12-31" <= (a["valid_to"] or "9999")} == set(c21)

    pop_rows, band_rows = [], []
    for area in areas:
        code = area["code"]
        parts = exact_successors(changes).get(code, [code])
        if not all(part in tidy for part in parts):
            continue  # a former authority that is not a union of today's: no population to state
        row = {"code": code, "pop_all_ages": 0, "pop_15_64": 0, "pop_18_plus": 0, "pop_under_18": 0}
        bands: dict[str, int] = {}
        for part in parts:
            t = tidy[part]
            row["pop_all_ages"] += int(t["pop_all_ages"])
            row["pop_15_64"] += int(t["pop_15_64"])
            row["pop_18_plus"] += int(t["pop_18_plus"])
            row["pop_under_18"] += mye2[part]["under_18"]
            for band, n in mye2[part]["bands"].items():
                bands[band] = bands.get(band, 0) + n
        assert row["pop_all_ages"] == sum(bands.values()) == row["pop_18_plus"] + row["pop_under_18"], code
        pop_rows.append(row)
        band_rows += [{"code": code, "age_band": band, "population": n} for band, n in bands.items()]

    write(HERE / "areas.csv", areas)
    write(HERE / "population_mid2022.csv", pop_rows)
    write(HERE / "population_mid2022_age_bands.csv", band_rows)


def read_changes(path: Path) -> dict[str, dict[str, str]]:
    """Former authorities and what replaced them (``area_changes.csv``), by code."""
    return {row["code"]: row for row in csv.DictReader(path.open(encoding="utf-8"))}


def successor_starts(changes: dict[str, dict[str, str]]) -> dict[str, str]:
    """Each successor authority's first day: the day after the last of its predecessors ended."""
    starts: dict[str, str] = {}
    for change in changes.values():
        day = (date.fromisoformat(change["valid_to"]) + timedelta(days=1)).isoformat()
        for code in change["successors"].split(";"):
            starts[code] = max(starts.get(code, ""), day)
    return starts


def exact_successors(changes: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Former authorities that are exactly the union of their successors (no successor has another)."""
    predecessors: dict[str, set[str]] = {}
    for code, change in changes.items():
        for successor in change["successors"].split(";"):
            predecessors.setdefault(successor, set()).add(code)
    return {code: change["successors"].split(";") for code, change in changes.items()
            if all(predecessors[s] == {code} for s in change["successors"].split(";"))}


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "data")
