"""Derive every other layer from one coverage of current authorities: partnerships, regions, 2021.

Real boundaries and hex tiles are both an edge-matched coverage keyed by authority code, so the
same code turns either into partnership footprints (the current footprint version's members
valid today), regions (the areas table's parent codes) and the pre-April-2023 authority set
(abolished authorities drawn as the union of their successors). Dissolving from the simplified
coverage, rather than simplifying each layer separately, is what makes a partnership's outline
coincide exactly with its members' outer edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from shapely.geometry.base import BaseGeometry

from data_access.boundaries.coverage import dissolve, geojson_geometry
from data_access.boundaries.facts import VINTAGES, AreaFact, Footprint, authorities_on, successors
from data_access.boundaries.layers import feature_collection

Coverage = Mapping[str, BaseGeometry]


def collection(features: list[tuple[str, str, BaseGeometry]]) -> dict:
    return feature_collection([(code, name, geojson_geometry(geom)) for code, name, geom in features])


def authority_features(coverage: Coverage, areas: Mapping[str, AreaFact]) -> list[tuple[str, str, BaseGeometry]]:
    """One feature per authority in the coverage, named from the areas table (not the source file)."""
    return [(code, areas[code].name, geom) for code, geom in coverage.items() if code in areas]


def partnership_features(coverage: Coverage, footprint: Footprint, areas: Mapping[str, AreaFact],
                         day: date | None = None) -> list[tuple[str, str, BaseGeometry]]:
    """Each partnership as the union of its members in force on ``day`` (default today).

    Members not in force (abolished authorities kept in the footprint for earlier periods) and
    members absent from the coverage are left out; a partnership with no member left is omitted.
    """
    current = authorities_on(areas, day or date.today())
    features = []
    for code, members in sorted(footprint.members.items()):
        parts = [coverage[m] for m in sorted(set(members)) if m in current and m in coverage]
        if parts:
            features.append((code, footprint.names[code], dissolve(parts)))
    return features


def region_features(coverage: Coverage, areas: Mapping[str, AreaFact]) -> list[tuple[str, str, BaseGeometry]]:
    """Each region as the union of its authorities in the coverage."""
    groups: dict[str, list[BaseGeometry]] = {}
    for code in sorted(coverage):
        parent = areas[code].parent_code if code in areas else None
        if parent in areas:
            groups.setdefault(parent, []).append(coverage[code])
    return [(code, areas[code].name, dissolve(parts)) for code, parts in sorted(groups.items())]


def vintage_features(coverage: Coverage, areas: Mapping[str, AreaFact],
                     vintage: int) -> list[tuple[str, str, BaseGeometry]]:
    """The authorities of an earlier vintage drawn from the current coverage.

    Authorities that still exist keep their shape; an abolished one is the union of its
    successors. For April 2023 this is exact (the new unitaries cover exactly the old counties),
    so the app has a pre-2023 map even when no 2021 boundary file was supplied.
    """
    replaced = successors(areas)
    features = []
    for code, area in sorted(authorities_on(areas, VINTAGES[vintage]).items()):
        if code in coverage:
            features.append((code, area.name, coverage[code]))
        elif replaced.get(code) and all(s in coverage for s in replaced[code]):
            features.append((code, area.name, dissolve([coverage[s] for s in replaced[code]])))
    return features


def current_layers(coverage: dict, areas: dict[str, AreaFact], footprint: Footprint,
                   meta: dict[str, Any]) -> dict[str, tuple[dict, dict[str, Any]]]:
    """Every layer of a build, from a coverage of current authorities (boundaries or tiles)."""
    vintage_layers = {f"utla_{year}": (collection(vintage_features(coverage, areas, year)),
                                       {**meta, "derived_from": "utla"}) for year in VINTAGES}
    return {
        "utla": (collection(authority_features(coverage, areas)), dict(meta)),
        "partnership": (collection(partnership_features(coverage, footprint, areas)),
                        {**meta, "footprint_version": footprint.version}),
        "region": (collection(region_features(coverage, areas)), dict(meta)),
        **vintage_layers,
    }
