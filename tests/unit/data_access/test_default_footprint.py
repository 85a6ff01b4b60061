"""The default footprint: derived from the sourced evidence, complete, and never merging on weak evidence.

The committed ``geodata/footprint_default.csv`` must be what ``geodata/build_footprint.py`` derives
from the shared evidence file (checked where ``../shared/data`` is present), must put every
authority in exactly one partnership, and must keep forums and contradicted groupings apart.
A store whose default footprint is older gets the new one as a new version on ``data init``.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import pytest

from data_access.boundaries.facts import areas_from_csv
from data_access.boundaries.footprints import read_footprint_file, validate_footprint
from data_access.geography import DEFAULT_FOOTPRINT_FILE
from geodata import build_footprint as build

SOURCED_PARTNERSHIPS, SOURCED_AUTHORITIES, ASSUMED_PARTNERSHIPS = 50, 83, 70


def _rows() -> list[dict[str, str]]:
    with DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _partnerships() -> dict[str, dict]:
    out: dict[str, dict] = defaultdict(lambda: {"members": [], "status": set(), "source": set(), "name": set()})
    for row in _rows():
        part = out[row["partnership_code"]]
        part["members"].append(row["member_code"])
        part["status"].add(row["status"])
        part["source"].add(row["source"])
        part["name"].add(row["partnership_name"])
    return dict(out)


def _home() -> dict[str, str]:
    return {row["member_code"]: row["partnership_code"] for row in _rows()}


def test_every_authority_is_in_exactly_one_partnership_and_the_file_loads():
    areas = areas_from_csv()
    members = [row["member_code"] for row in _rows()]
    assert sorted(members) == sorted(code for code, area in areas.items() if area.type == "utla")
    rows, problems = read_footprint_file(DEFAULT_FOOTPRINT_FILE)
    assert problems == [] and validate_footprint(rows, areas, today=date(2026, 12, 1)) == []


def test_counts_of_sourced_and_assumed_partnerships():
    current = {code for code, area in areas_from_csv().items() if area.type == "utla" and area.valid_to is None}
    parts = _partnerships()
    assert all(len(p["status"]) == len(p["source"]) == len(p["name"]) == 1 for p in parts.values())
    sourced = {code: p for code, p in parts.items() if p["status"] == {"sourced"}}
    assumed = {code: p for code, p in parts.items() if p["status"] == {"assumed"}}
    assert len(sourced) == SOURCED_PARTNERSHIPS and len(assumed) == ASSUMED_PARTNERSHIPS
    assert len(parts) == SOURCED_PARTNERSHIPS + ASSUMED_PARTNERSHIPS
    assert sum(len(set(p["members"]) & current) for p in sourced.values()) == SOURCED_AUTHORITIES
    # Assumed partnerships are single authorities today (with, at most, the county they replaced).
    assert all(len(set(p["members"]) & current) == 1 for p in assumed.values())


def test_each_partnership_cites_its_page_or_says_it_is_assumed():
    for code, part in _partnerships().items():
        (source,) = part["source"]
        if part["status"] == {"sourced"}:
            assert " — https://" in source or " — http://" in source or build.REPORT in source, code
        else:
            assert source.startswith("Assumed: "), code


def test_source_documents_outrank_the_web_evidence():
    parts = _partnerships()
    for code, (name, members, _) in build.SEED_GROUPS.items():
        assert parts[code]["status"] == {"sourced"} and {name} == parts[code]["name"]
        assert set(members) <= set(parts[code]["members"])
    assert len(parts["greater-manchester"]["members"]) == 10 and len(parts["west-midlands"]["members"]) == 7
    assert len(parts["northumbria"]["members"]) == 6


@pytest.mark.parametrize("forum", [
    ["E08000011", "E08000012", "E08000013", "E08000014", "E08000015"],  # Merseyside (contradicted)
    ["E08000016", "E08000017", "E08000018", "E08000019"],  # South Yorkshire co-ordination group
    ["E10000017", "E06000008", "E06000009"],  # Pan Lancashire alliance
    ["E10000008", "E06000026", "E06000027", "E06000052"],  # Devon and Cornwall peninsula forum
    ["E10000014", "E06000044", "E06000045", "E06000046"],  # Pan Hampshire board
    ["E10000028", "E06000021"],  # Staffordshire and Stoke-on-Trent: open
])
def test_forums_and_contradicted_groupings_are_not_merged(forum):
    home = _home()
    assert len({home[code] for code in forum}) == len(forum)


def test_an_open_footprint_stays_assumed_and_says_why():
    part = _partnerships()["staffordshire"]
    assert part["status"] == {"assumed"} and "Stoke-on-Trent" in next(iter(part["source"]))


def test_derivation_reproduces_the_committed_footprint(shared_data):
    evidence = build.read_evidence(shared_data / "cdp" / "cdp_footprint_evidence.csv")
    assert build.derive_footprint(evidence, build.read_areas()) == _rows()
    home = _home()
    for group in build.evidence_groups(evidence).values():
        labels = set().union(*group["members"].values())
        if "contradicted" in labels and len(group["members"]) > 1:
            assert len({home[m] for m in group["members"]}) == len(group["members"])


def _evidence(name: str, code: str, confidence: str, url: str = "https://example.org/page") -> dict[str, str]:
    return {"partnership_name": name, "member_code": code, "confidence": confidence, "evidence_url": url}


def test_rules_on_small_evidence():
    areas = [{"code": c, "name": n, "type": "utla", "valid_to": ""} for c, n in
             [("E1", "Alpha"), ("E2", "Beta"), ("E3", "Gamma"), ("E4", "Delta"), ("E5", "Epsilon"), ("E6", "Zeta")]]
    areas += [{"code": code, "name": "x", "type": "utla", "valid_to": ""} for members in
              (m for _, m, _ in build.SEED_GROUPS.values()) for code in members]
    evidence = [_evidence("Alpha and Beta Combating Drugs Partnership", "E1", "medium"),
                _evidence("Alpha and Beta Combating Drugs Partnership", "E2", "high"),
                _evidence("Gamma Drugs Partnership (presumed Gamma CDP)", "E3", "medium"),
                _evidence("Delta and Epsilon (single partnership hypothesis)", "E4", "contradicted"),
                _evidence("Delta and Epsilon (single partnership hypothesis)", "E5", "contradicted"),
                _evidence("Zeta Combating Drugs Partnership", "E6", "low")]
    rows = {r["member_code"]: r for r in build.derive_footprint(evidence, areas)}
    assert rows["E1"]["partnership_code"] == rows["E2"]["partnership_code"] == "alpha-and-beta"
    assert rows["E1"]["status"] == "sourced"
    assert rows["E1"]["source"] == "Alpha and Beta Combating Drugs Partnership (example.org) — https://example.org/page"
    assert rows["E3"]["status"] == "assumed" and "example.org" in rows["E3"]["source"]
    assert rows["E4"]["partnership_code"] != rows["E5"]["partnership_code"]
    assert rows["E4"]["source"] == build.NO_SOURCE
    assert rows["E6"]["status"] == "assumed" and rows["E6"]["partnership_code"] == "zeta"
    clash = [*evidence, _evidence("Beta Combating Drugs Partnership", "E2", "high")]
    with pytest.raises(ValueError, match="already placed"):
        build.derive_footprint(clash, areas)
