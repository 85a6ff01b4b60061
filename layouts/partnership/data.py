"""What a partnership profile needs from the read layer, gathered once per render and per download.

The profile callback and the CSV download both start here, so the page and the file always show
the same numbers. Every read is cut from the memoized per-release metric tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from data_access.boundaries.access import load_layer
from data_access.catalogue import get_catalogue
from data_access.read import area_profile, metric_table, partnership_members, partnerships, resolve_area
from layouts.partnership.member_map import Bounds, Member
from layouts.partnership.profile import Spread

#: Fewer partnerships than this with a value and the spread would say little; no spine is drawn.
MIN_SPREAD_AREAS = 5


@dataclass
class ProfileData:
    """One partnership's profile: identity, footprint, the spine table and the members' values."""

    code: str
    name: str
    region: str | None
    members: pd.DataFrame
    current: list[Member]
    former: list[Member]
    profile: pd.DataFrame
    member_values: dict[str, pd.DataFrame] = field(default_factory=dict)
    spreads: dict[str, Spread] = field(default_factory=dict)

    @property
    def columns(self) -> list[Member]:
        """Members shown in the breakdown: current ones, then former ones that have values in it."""
        shown = {code for frame in self.member_values.values()
                 for code in frame.loc[frame["value"].notna() | frame["suppressed"], "area_code"]}
        return self.current + [m for m in self.former if m.code in shown]


def find_partnership(text: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """The partnership row for a code (or a name or member authority), and a note when it was resolved.

    Returns ``(None, None)`` when nothing matches.
    """
    if not isinstance(text, str) or not text:
        return None, None
    table = partnerships()
    row = table[table["code"] == text]
    note = None
    if row.empty:
        hit = resolve_area(text)
        code = hit.get("partnership_code") if hit else None
        row = table[table["code"] == code] if code else table.iloc[0:0]
        if not row.empty and hit["type"] == "utla" and hit["name"] != row.iloc[0]["name"]:
            note = f"{hit['name']} is part of the {row.iloc[0]['name']} partnership."
    return (row.iloc[0].to_dict(), note) if not row.empty else (None, None)


def _members(members: pd.DataFrame) -> tuple[list[Member], list[Member]]:
    """Current members numbered in name order (the map key's order), and former members."""
    current, former = [], []
    for row in members.sort_values("name").itertuples(index=False):
        if pd.isna(row.valid_to):
            current.append(Member(len(current) + 1, row.code, row.name))
        else:
            former.append(Member(0, row.code, f"{row.name} (until {pd.Timestamp(row.valid_to):%b %Y})"))
    return current, former


def _exterior_rings(geometry: dict) -> list[list[list[float]]]:
    """Outer rings of a Polygon or MultiPolygon (holes are not drawn; neighbours inside them are)."""
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _bbox(rings: list[list[list[float]]]) -> Bounds:
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class Shapes:
    """The outlines a footprint map draws: members by code, the members' bounds, neighbours in view."""

    members: dict[str, list[list[list[float]]]]
    bounds: Bounds | None
    neighbours: list[list[list[list[float]]]]


def footprint_shapes(codes: set[str]) -> Shapes:
    """Member outlines from the authority layer, and every other authority's outline that overlaps the view."""
    rings = {}
    for feature in load_layer("utla").get("features", []):
        if feature.get("geometry"):
            found = _exterior_rings(feature["geometry"])
            if found:
                rings[str(feature.get("id"))] = found
    members = {code: rings[code] for code in codes if code in rings}
    if not members:
        return Shapes({}, None, [])
    west, south, east, north = _bbox([r for found in members.values() for r in found])
    # Neighbours up to a fifth of the view beyond it, so the frame is filled to its edges.
    pad_x, pad_y = (east - west) * 0.2 + 0.05, (north - south) * 0.2 + 0.05
    neighbours = []
    for code, found in rings.items():
        if code in members:
            continue
        w, s, e, n = _bbox(found)
        if w < east + pad_x and e > west - pad_x and s < north + pad_y and n > south - pad_y:
            neighbours.append(found)
    return Shapes(members, (west, south, east, north), neighbours)


def _spread(frame: pd.DataFrame) -> Spread | None:
    values = pd.to_numeric(frame.loc[~frame["suppressed"], "value"], errors="coerce").dropna()
    if len(values) < MIN_SPREAD_AREAS:
        return None
    return (float(values.min()), float(values.quantile(0.25)), float(values.quantile(0.75)), float(values.max()))


def load_profile(row: dict[str, Any]) -> ProfileData:
    """Read everything the profile shows for partnership ``row`` (a ``partnerships()`` record)."""
    code = str(row["code"])
    members = partnership_members(code)
    current, former = _members(members)
    data = ProfileData(code=code, name=str(row["name"]), region=row.get("region_name"), members=members,
                       current=current, former=former, profile=area_profile(code, area_type="partnership"))
    codes = set(members["code"])
    for record in data.profile[data.profile["local"]].to_dict("records"):
        period = record.get("latest_period")
        if not period:
            continue
        # One cut of the memoized table serves both the members and the spread; two ``area_values``
        # calls per metric (each re-merging every area) tripled the page's time.
        table = metric_table(record["metric_id"])
        latest = table[table["period"] == period].assign(suppressed=lambda f: f["suppressed"].eq(True))
        data.member_values[record["metric_id"]] = latest[(latest["area_type"] == "utla")
                                                         & latest["area_code"].isin(codes)]
        spread = _spread(latest[latest["area_type"] == "partnership"])
        if spread is not None:
            data.spreads[record["metric_id"]] = spread
    return data


_CSV_COLUMNS = ["outcome", "metric_id", "metric", "unit", "tier", "area_type", "area_code", "area_name", "period",
                "value", "lower_ci", "upper_ci", "suppressed", "england_value", "comparison_with_england",
                "baseline_period", "baseline_value", "change_since_baseline", "change_significance",
                "recent_trend", "trend_judgement", "estimated", "note", "geography"]


def _blank_if_suppressed(record: dict[str, Any], keys: tuple[str, ...]) -> None:
    if record.get("suppressed"):
        for key in keys:
            record[key] = None


def profile_csv(data: ProfileData) -> pd.DataFrame:
    """The profile as a tidy table: one row per measure for the partnership (or England) and per member."""
    catalogue = get_catalogue()
    rows = []
    for rec in data.profile.to_dict("records"):
        spec = catalogue.metric(rec["metric_id"])
        base = {"outcome": catalogue.outcome(rec["outcome_id"]).name, "metric_id": spec.id, "metric": spec.name,
                "unit": spec.value_unit, "tier": spec.tier, "baseline_period": rec.get("baseline_period")}
        local = bool(rec["local"])
        main = dict(base, area_type="partnership" if local else "country", area_code=rec["area_code"],
                    area_name=rec["area_name"] or ("England" if not local else data.name),
                    period=rec.get("latest_period"), value=rec.get("latest_value"), lower_ci=rec.get("lower_ci"),
                    upper_ci=rec.get("upper_ci"), suppressed=bool(rec.get("suppressed")),
                    england_value=rec.get("england_value"),
                    comparison_with_england=rec.get("comparison") if local else None,
                    baseline_value=rec.get("baseline_value"), change_since_baseline=rec.get("change"),
                    change_significance=rec.get("significance"), recent_trend=rec.get("trend"),
                    trend_judgement=rec.get("trend_judgement"), estimated=bool(rec.get("estimated")),
                    note=(rec.get("note") or None) if local else
                    "England figure only: no partnership figure exists for this measure",
                    geography=rec.get("geography"))
        _blank_if_suppressed(main, ("value", "lower_ci", "upper_ci", "change_since_baseline"))
        rows.append(main)
        for member in data.member_values.get(spec.id, pd.DataFrame()).to_dict("records"):
            row = dict(base, area_type="utla", area_code=member["area_code"], area_name=member["area_name"],
                       period=member.get("period"), value=member.get("value"), lower_ci=member.get("lower_ci"),
                       upper_ci=member.get("upper_ci"), suppressed=bool(member.get("suppressed")),
                       england_value=member.get("england_value"),
                       comparison_with_england=member.get("comparison"), baseline_value=member.get("baseline_value"),
                       change_since_baseline=member.get("change"),
                       change_significance=member.get("change_significance"), estimated=bool(member.get("estimated")),
                       note=member.get("note") or None, geography=member.get("geography"))
            _blank_if_suppressed(row, ("value", "lower_ci", "upper_ci", "change_since_baseline"))
            rows.append(row)
    return pd.DataFrame(rows, columns=_CSV_COLUMNS)
