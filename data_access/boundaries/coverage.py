"""Topology-preserving geometry work on a polygonal coverage: snap, simplify, dissolve, measure.

Neighbouring authorities must keep one shared edge after simplification, or the map shows
slivers and gaps and partnership dissolves leave cracks. Simplifying each polygon on its own
cannot guarantee that; GEOS's coverage simplifier (``shapely.coverage_simplify``, shapely ≥ 2.1)
simplifies every shared edge once for both sides. The order of steps matters and is deliberate:

1. snap the input to the output grid (5 decimal places, about 1 m) *before* simplifying, so the
   coverage is checked and, if needed, cleaned on the coordinates that will be written;
2. simplify in a local metric plane (so the tolerance is in metres) that is a pure scaling of
   lon/lat: the simplifier only removes vertices, so every kept vertex maps back to its exact
   grid value and rounding afterwards cannot move an edge or make a polygon invalid;
3. dissolve partnerships and regions from the simplified coverage with a coverage union, which
   needs identical shared edges and adds no vertices.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

DECIMALS = 5
GRID = 10.0 ** -DECIMALS
#: Default simplification tolerance (metres, roughly the side of the largest triangle removed).
DEFAULT_TOLERANCE_M = 500.0
_METRES_PER_DEGREE = 111_195.0


def round_coordinates(geoms: np.ndarray) -> np.ndarray:
    return shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS))


def snap_coverage(geoms: np.ndarray, warnings: list[str]) -> np.ndarray:
    """Put every vertex on the output grid, keeping each polygon valid and the set a clean coverage.

    ``set_precision`` snap-rounds (it re-nodes rather than just rounding, so a narrow inlet
    cannot become a self-touching ring); if the result is not a valid coverage (overlaps or
    mismatched shared edges in the source) GEOS's coverage cleaner repairs it once.
    """
    exact = bool(shapely.coverage_is_valid(np.asarray(geoms)))
    snapped = round_coordinates(shapely.set_precision(np.asarray(geoms), GRID))
    if not shapely.coverage_is_valid(snapped):
        snapped = round_coordinates(shapely.set_precision(shapely.coverage_clean(snapped, snapping_distance=GRID), GRID))
    if not shapely.coverage_is_valid(snapped):
        warnings.append("source polygons are not a clean coverage even after cleaning; small slivers may remain")
    elif not exact:
        warnings.append("source polygons had tiny gaps or overlaps between neighbours; closed on the 1 m grid")
    return snapped


def simplify_coverage(geoms: np.ndarray, tolerance_m: float) -> np.ndarray:
    """Coverage-simplify ``geoms`` (lon/lat on the grid) with a tolerance in metres; result on the grid."""
    if tolerance_m <= 0:
        return orient(geoms)
    lat0 = float(np.mean(shapely.total_bounds(geoms)[[1, 3]]))
    scale = np.array([_METRES_PER_DEGREE * math.cos(math.radians(lat0)), _METRES_PER_DEGREE])
    plane = shapely.transform(geoms, lambda xy: xy * scale)
    simplified = shapely.coverage_simplify(plane, tolerance_m)
    return orient(shapely.transform(simplified, lambda xy: np.round(xy / scale, DECIMALS)))


def orient(geoms):
    """Exterior rings clockwise, holes anticlockwise: the ONS files' winding, which Plotly's
    d3-based ``go.Choropleth`` needs (the other winding fills the rest of the globe);
    ``go.Choroplethmap`` ignores winding, so this suits both."""
    return shapely.orient_polygons(geoms, exterior_cw=True)


def dissolve(geoms: Sequence[BaseGeometry]) -> BaseGeometry:
    """One polygon (or multipolygon) from members of a coverage, without new vertices.

    A source that could not be cleaned into a coverage makes the fast coverage union refuse;
    the general union still gives an answer (with whatever slivers the source had).
    """
    parts = np.asarray(geoms, dtype=object)
    try:
        return orient(shapely.coverage_union_all(parts))
    except shapely.errors.GEOSException:
        return orient(round_coordinates(shapely.union_all(parts)))


def geojson_geometry(geom: BaseGeometry) -> dict:
    """GeoJSON geometry dict with lists (not tuples), so it round-trips through ``json`` unchanged."""
    def lists(value):
        return [lists(v) for v in value] if isinstance(value, (list, tuple)) else value
    mapping = shapely.geometry.mapping(geom)
    return {"type": mapping["type"], "coordinates": lists(mapping["coordinates"])}


@cache
def _to_equal_area():
    from pyproj import Transformer  # only the quality check needs pyproj here

    return Transformer.from_crs(4326, 3035, always_xy=True)  # ETRS89 LAEA Europe: areas in m²


def equal_area(geoms) -> np.ndarray:
    """Lon/lat geometries in an equal-area projection, so areas compare in m²."""
    transformer = _to_equal_area()
    return shapely.transform(np.asarray(geoms, dtype=object),
                             lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def coverage_quality(original: Sequence[BaseGeometry], simplified: Sequence[BaseGeometry]) -> dict[str, float | int | bool]:
    """How faithful and gap-free ``simplified`` is compared with ``original`` (both lon/lat).

    ``area_change_pct``: change in the area of the whole (coastline simplification moves it a
    little; a crack between neighbours would not, so this is paired with the next two);
    ``overlap_m2``: total area where two simplified polygons overlap (slivers);
    ``holes_before``/``holes_after``: holes in the whole (a crack between neighbours is a hole; a
    source with tiny gaps has holes before and, once snapped into a coverage, none after);
    ``coverage_valid``: GEOS's own check that shared edges are identical.
    """
    before, after = equal_area(original), equal_area(simplified)
    union_before, union_after = shapely.union_all(before), shapely.union_all(after)
    tree = shapely.STRtree(after)
    left, right = tree.query(after, predicate="intersects")
    pairs = left < right
    overlaps = shapely.area(shapely.intersection(after[left[pairs]], after[right[pairs]]))
    return {
        "area_change_pct": round(100 * (union_after.area - union_before.area) / union_before.area, 4),
        "overlap_m2": round(float(overlaps.sum()), 3),
        "holes_before": _holes(union_before),
        "holes_after": _holes(union_after),
        "coverage_valid": bool(shapely.coverage_is_valid(np.asarray(simplified, dtype=object))),
        "all_valid": bool(shapely.is_valid(np.asarray(simplified, dtype=object)).all()),
    }


def _holes(geom: BaseGeometry) -> int:
    return int(sum(len(part.interiors) for part in getattr(geom, "geoms", [geom])))
