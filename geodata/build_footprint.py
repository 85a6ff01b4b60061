"""Derive the default partnership footprint (``geodata/footprint_default.csv``) from sourced evidence.

No authoritative national list of Combating Drugs Partnerships exists, so the default footprint
is built from the project's evidence file (``shared/data/cdp/cdp_footprint_evidence.csv``: one
row per partnership member with its page and a confidence label) and the groupings stated in the
project's source documents (SEED_FACTS.md, which outrank every web finding). The rules:

- a grouping is *sourced* when every member has high, medium or confirmed evidence and the
  evidence does not itself call the grouping presumed, inferred or a hypothesis; its rows cite
  each page as "short title (site) — URL";
- a force-wide forum or a contradicted grouping is never merged: only groupings named as a
  partnership in sourced evidence are, so each of their authorities stays on its own;
- a footprint the evidence leaves open (``OPEN``) stays *assumed* and says why;
- every other authority is its own *assumed* partnership, citing any weaker evidence found;
- an abolished authority joins the partnership of its successors (with its status and source:
  its area is counted there for the periods before it was replaced).

The output is reproducible from the evidence file; re-run after the evidence changes:

    python -m geodata.build_footprint [PATH_TO_EVIDENCE_CSV]
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
EVIDENCE_FILE = HERE.parent.parent / "shared" / "data" / "cdp" / "cdp_footprint_evidence.csv"
AREAS_FILE = HERE / "areas.csv"
FOOTPRINT_FILE = HERE / "footprint_default.csv"
COLUMNS = ("partnership_code", "partnership_name", "member_code", "status", "source")

#: Evidence labels strong enough to source a grouping (the seed labels count as confirmed).
SOURCED_LABELS = frozenset({"high", "medium", "confirmed", "confirmed_named", "confirmed_single_LA",
                            "footprint_confirmed_members_inferred"})
#: Words in an evidence grouping's name that mark it as the finder's guess, whatever its label.
GUESS_WORDS = re.compile(r"\b(presumed|inferred|hypothesis)\b", re.IGNORECASE)

REPORT = "From Harm to Hope: First Annual Report 2022-23 (HM Government, July 2023)"
#: Groupings stated in the project's source documents (SEED_FACTS.md); they outrank the evidence file.
SEED_GROUPS: dict[str, tuple[str, list[str], str]] = {
    "greater-manchester": ("Greater Manchester", [f"E0800000{i}" for i in range(1, 10)] + ["E08000010"], REPORT),
    "northumbria": ("Northumbria", ["E06000057", "E08000021", "E08000022", "E08000023", "E08000024", "E08000037"],
                    REPORT),
    "cleveland": ("Cleveland", ["E06000001", "E06000002", "E06000003", "E06000004"], REPORT),
    "west-midlands": ("West Midlands", [f"E080000{n}" for n in range(25, 32)], REPORT),
    "northamptonshire": ("Northamptonshire", ["E06000061", "E06000062"],
                         "North and West Northamptonshire councils' board pack (April 2023)"),
}
#: Authorities whose partnership is evidenced but whose footprint the evidence leaves open (FOOTPRINTS.md).
OPEN = {"E10000028": "a Staffordshire partnership is evidenced, but whether Stoke-on-Trent is in it is open"}
#: Authorities abolished on 1 April 2023 and their successors; ``area_changes.csv``, where present, adds the rest.
PREDECESSORS = {"E10000006": ("E06000063", "E06000064"), "E10000023": ("E06000065",), "E10000027": ("E06000066",)}
AREA_CHANGES_FILE = HERE / "area_changes.csv"
ALONE = "the authority is shown as its own partnership"
NO_SOURCE = f"Assumed: no source found; {ALONE}"


def slugify(name: str) -> str:
    """A partnership code for URLs: lower case, '-' between words, '&' as 'and', commas dropped."""
    keep = "".join(ch.lower() if ch.isalnum() else "-" for ch in name.replace("&", "and").replace(",", ""))
    return "-".join(part for part in keep.split("-") if part)


def short_name(evidence_name: str) -> str:
    """'Derby and Derbyshire Drug and Alcohol Strategic Partnership (CDP)' -> 'Derby and Derbyshire'."""
    head = re.split(r" \(| Combat| Drug| Reducing| Substance| Strategic| Community Safety", evidence_name)[0]
    return head.replace("&", "and").strip()


#: The finder's asides inside an evidence grouping's name: "(presumed X CDP)", "(and Isles of Scilly?)", "- inferred".
FINDER_ASIDES = re.compile(r"\s*\((?:[^()]*\b(?:presumed|inferred|hypothesis)\b[^()]*|[^()]*\?)\)"
                           r"|\s*-\s*(?:presumed|inferred|hypothesis)\b", re.IGNORECASE)


def public_title(evidence_name: str) -> str:
    """The grouping's name as a page title, without the finder's asides (the sourced/assumed status says how sure
    the grouping is; the asides are research notes, never published in the footprint's source column)."""
    return re.sub(r"\s{2,}", " ", FINDER_ASIDES.sub("", evidence_name)).strip()


def citation(title: str, url: str) -> str:
    """One page as 'title (site) — URL'; ';' separates citations, so it never appears inside one."""
    site = urlparse(url).netloc.removeprefix("www.")
    return f"{public_title(title).replace(';', ',')} ({site}) — {url}"


def _join(parts: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(p for p in parts if p))


def read_evidence(path: Path = EVIDENCE_FILE) -> list[dict[str, str]]:
    """The evidence rows (partnership_name, member_name, member_code, confidence, evidence_url, …)."""
    with Path(path).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def evidence_groups(evidence: list[dict[str, str]]) -> dict[str, dict]:
    """Evidence rows grouped by partnership name: members in order, labels, cited pages, sourced or not."""
    groups: dict[str, dict] = {}
    for row in evidence:
        group = groups.setdefault(row["partnership_name"], {"members": {}, "pages": []})
        group["members"].setdefault(row["member_code"], set()).add(row["confidence"])
        group["pages"].append(citation(row["partnership_name"], row["evidence_url"]))
    for name, group in groups.items():
        group["sourced"] = (not GUESS_WORDS.search(name)
                            and all(labels & SOURCED_LABELS for labels in group["members"].values()))
    return groups


def derive_footprint(evidence: list[dict[str, str]], areas: list[dict[str, str]]) -> list[dict[str, str]]:
    """The default footprint rows (``COLUMNS``): every upper-tier authority, current or abolished, once."""
    names = {a["code"]: a["name"] for a in areas if a["type"] == "utla"}
    current = [a["code"] for a in areas if a["type"] == "utla" and not a["valid_to"]]
    groups = evidence_groups(evidence)
    partnerships: dict[str, dict] = {}
    home: dict[str, str] = {}

    def place(code: str, name: str, members: list[str], status: str, source: str) -> None:
        taken = [m for m in members if m in home]
        if taken:
            raise ValueError(f"{name}: {', '.join(taken)} already placed in {home[taken[0]]}")
        partnerships[code] = {"name": name, "members": list(members), "status": status, "source": source}
        home.update(dict.fromkeys(members, code))

    for code, (name, members, document) in SEED_GROUPS.items():
        same = [p for g in groups.values() if g["sourced"] and set(g["members"]) == set(members) for p in g["pages"]]
        place(code, name, members, "sourced", _join([document, *same]))
    for evidence_name, group in sorted(groups.items()):
        members = list(group["members"])
        if not group["sourced"] or any(m in home and home[m] in SEED_GROUPS for m in members):
            continue  # weak evidence, or a grouping the source documents settle
        name = names[members[0]] if len(members) == 1 else short_name(evidence_name)
        code = slugify(name)
        if code in partnerships:  # the same grouping under a second name: cite its pages too
            if set(partnerships[code]["members"]) != set(members):
                raise ValueError(f"{evidence_name}: conflicts with {code}")
            partnerships[code]["source"] = _join([partnerships[code]["source"], *group["pages"]])
            continue
        open_reasons = [OPEN[m] for m in members if m in OPEN]
        if open_reasons:
            place(code, name, members, "assumed", _join([f"Assumed: {'; '.join(open_reasons)}; {ALONE}",
                                                         *group["pages"]]))
        else:
            place(code, name, members, "sourced", _join(group["pages"]))
    weak: dict[str, list[str]] = {}
    for group in groups.values():
        if not group["sourced"]:
            for member, labels in group["members"].items():
                if not labels & {"contradicted"}:
                    weak.setdefault(member, []).extend(group["pages"][:1])
    for member in current:
        if member not in home:
            pages = weak.get(member, [])
            text = f"Assumed: the evidence found does not confirm a footprint; {ALONE}" if pages else NO_SOURCE
            place(slugify(names[member]), names[member], [member], "assumed", _join([text, *pages]))
    successors_of = predecessors()
    for old in (a["code"] for a in areas if a["type"] == "utla" and a["valid_to"]):
        codes = {home[s] for s in successors_of.get(old, ())}
        if len(codes) != 1:
            raise ValueError(f"{old}: its successors are not known or not in one partnership")
        home[old] = codes.pop()
        part = partnerships[home[old]]
        part["members"].insert(0, old)
        if part["status"] == "assumed" and part["source"] == NO_SOURCE:
            part["source"] = ("Assumed: no source found; the authority, with the county it replaced in April 2023, "
                              "is shown as its own partnership")
    return [{"partnership_code": code, "partnership_name": p["name"], "member_code": member,
             "status": p["status"], "source": p["source"]}
            for code, p in partnerships.items() for member in p["members"]]


def predecessors(path: Path = AREA_CHANGES_FILE) -> dict[str, tuple[str, ...]]:
    """Each former authority's successors: ``PREDECESSORS`` plus the rows of ``area_changes.csv`` if present."""
    out = dict(PREDECESSORS)
    if Path(path).is_file():
        with Path(path).open(encoding="utf-8") as handle:
            out.update({row["code"]: tuple(row["successors"].split(";")) for row in csv.DictReader(handle)})
    return out


def read_areas(path: Path = AREAS_FILE) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_footprint(rows: list[dict[str, str]], path: Path = FOOTPRINT_FILE) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(evidence_path: Path = EVIDENCE_FILE, out_path: Path = FOOTPRINT_FILE) -> list[dict[str, str]]:
    """Read the evidence and the committed areas, write the default footprint; returns its rows."""
    rows = derive_footprint(read_evidence(evidence_path), read_areas())
    write_footprint(rows, out_path)
    return rows


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else EVIDENCE_FILE)
