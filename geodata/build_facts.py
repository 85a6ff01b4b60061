"""Derive the small geography fact tables the app commits, from the ONS files in ../shared/data.

The boundary polygons themselves are never committed (they are obtained at set-up); only these
tables of codes, names, regions, validity dates, populations and centroids are. Run it again
when the ONS inputs change:

    python geodata/build_facts.py [PATH_TO_SHARED_DATA]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
AGE_BANDS = [(lo, lo + 4) for lo in range(0, 90, 5)] + [(90, None)]
#: Upper-tier authorities abolished on 1 April 2023 and the authorities that replaced them.
REPLACED_2023 = {
    "E10000006": ("Cumbria", ["E06000063", "E06000064"]),
    "E10000023": ("North Yorkshire", ["E06000065"]),
    "E10000027": ("Somerset", ["E06000066"]),
}
CHANGE_DATE = "2023-04-01"
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
    successors = {new: old for old, (_, news) in REPLACED_2023.items() for new in news}
    for code, (lon, lat, name) in sorted(c24.items()):
        areas.append({"code": code, "name": name, "type": "utla", "parent_code": region_of(code),
                      "valid_from": CHANGE_DATE if code in successors else FIRST_DATE, "valid_to": "", "lon": lon, "lat": lat})
    regions_old = {"E10000006": "E12000002", "E10000023": "E12000003", "E10000027": "E12000009"}
    for code, (name, _) in REPLACED_2023.items():
        lon, lat, _ = c21[code]
        areas.append({"code": code, "name": name, "type": "utla", "parent_code": regions_old[code],
                      "valid_from": FIRST_DATE, "valid_to": "2023-03-31", "lon": lon, "lat": lat})
    assert {a["code"] for a in areas if a["type"] == "utla" and not a["valid_to"]} == set(c24)
    assert {a["code"] for a in areas if a["type"] == "utla" and a["valid_from"] == FIRST_DATE} == set(c21)

    pop_rows, band_rows = [], []
    for area in areas:
        code = area["code"]
        parts = REPLACED_2023[code][1] if code in REPLACED_2023 else [code]
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


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)




#: Multi-authority partnerships stated in the project's source documents (the First Annual Report,
#: as summarised in shared/data/cdp/SEED_FACTS.md). These outrank the web findings.
SEED_GROUPS = {
    "greater-manchester": ("Greater Manchester", [f"E0800000{i}" for i in range(1, 10)] + ["E08000010"]),
    "northumbria": ("Northumbria", ["E06000057", "E08000021", "E08000022", "E08000023", "E08000024", "E08000037"]),
    "cleveland": ("Cleveland", ["E06000001", "E06000002", "E06000003", "E06000004"]),
    "west-midlands": ("West Midlands", [f"E080000{n}" for n in range(25, 32)]),
    "northamptonshire": ("Northamptonshire", ["E06000061", "E06000062"]),
}
SEED_SOURCE = "From Harm to Hope First Annual Report 2022-23 (July 2023); Northamptonshire council board pack (April 2023)"
#: Predecessor authorities folded into the partnership of their successors (an assumption: the
#: county-wide partnership is taken to continue across the April 2023 reorganisation).
ASSUMED_SUCCESSION = {"cumbria": ("Cumbria", ["E10000006", "E06000063", "E06000064"]),
                      "north-yorkshire": ("North Yorkshire", ["E10000023", "E06000065"]),
                      "somerset": ("Somerset", ["E10000027", "E06000066"])}


def slugify(name: str) -> str:
    keep = "".join(ch.lower() if ch.isalnum() else "-" for ch in name.replace("&", "and").replace(",", ""))
    return "-".join(part for part in keep.split("-") if part)


def build_default_footprint(shared: Path) -> None:
    """Group the sourced partnerships; every other authority is its own (assumed) partnership."""
    areas = list(csv.DictReader((HERE / "areas.csv").open(encoding="utf-8")))
    rows: list[dict] = []
    placed: set[str] = set()

    def add(code: str, name: str, members: list[str], status: str, source: str) -> None:
        for member in members:
            assert member not in placed, member
            placed.add(member)
            rows.append({"partnership_code": code, "partnership_name": name, "member_code": member,
                         "status": status, "source": source})

    for code, (name, members) in SEED_GROUPS.items():
        add(code, name, members, "sourced", SEED_SOURCE)
    for fact in csv.DictReader((shared / "cdp/cdp_partial_facts.csv").open(encoding="utf-8")):
        members = fact["member_utla24_codes"].split(";")
        if fact["status"] not in ("confirmed", "confirmed_named", "confirmed_single_LA") or placed & set(members):
            continue
        name = fact["partnership_name"].split(" Comba")[0].replace("Royal ", "")
        add(slugify(name), name, members, "sourced", fact["source_url"])
    for code, (name, members) in ASSUMED_SUCCESSION.items():
        add(code, name, members, "assumed", "Assumed: one partnership for the county across the April 2023 reorganisation")
    for area in areas:
        if area["type"] == "utla" and area["code"] not in placed:
            add(slugify(area["name"]), area["name"], [area["code"]], "assumed",
                "Assumed: no source found; the authority is shown as its own partnership")
    write(HERE / "footprint_default.csv", rows)


if __name__ == "__main__":
    SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "data"
    main(SHARED)
    build_default_footprint(SHARED)
