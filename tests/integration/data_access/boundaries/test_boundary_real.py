"""The real ONS files (when the shared data folder is present): size targets, counts, no gaps or slivers."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import shape
from sqlalchemy import select

from data_access.boundaries.build import build_boundaries
from data_access.boundaries.coverage import equal_area
from data_access.db import session_scope
from data_access.models import Area, FootprintVersion, Membership

CURRENT = "boundaries/ctyua_dec2024_en_buc_wgs84.geojson"
UK_2024 = "boundaries/ctyua_dec2024_uk_buc.geojson"
UK_2021_BNG = "boundaries/ctyua_dec2021_uk_buc.geojson"
MAX_BYTES, MAX_GZIP = 250_000, 80_000


def _shapes(cache, manifest, name):
    collection = json.loads((cache / manifest["layers"][name]["file"]).read_bytes())
    return {f["id"]: shape(f["geometry"]) for f in collection["features"]}


def _expected_partnerships(engine) -> set[str]:
    with session_scope(engine) as session:
        version = session.scalar(select(FootprintVersion.id).where(FootprintVersion.is_current))
        current = set(session.scalars(select(Area.code).where(Area.type == "utla", Area.valid_to.is_(None))))
        rows = session.execute(select(Membership.partnership_code, Membership.member_code)
                               .where(Membership.footprint_version_id == version))
        return {code for code, member in rows if member in current}


@pytest.mark.parametrize("name", [CURRENT, UK_2024])
def test_real_layers_meet_the_targets_without_gaps(geo_store, geo_cache, shared_data, name):
    report = build_boundaries(shared_data / name, engine=geo_store)
    manifest = report.manifest
    for layer in ("utla", "partnership"):
        entry = manifest["layers"][layer]
        assert entry["bytes"] <= MAX_BYTES and entry["gzip_bytes"] <= MAX_GZIP, (layer, entry)
    assert manifest["layers"]["utla"]["features"] == 153
    partnerships = _shapes(geo_cache, manifest, "partnership")
    assert set(partnerships) == _expected_partnerships(geo_store)
    assert manifest["layers"]["region"]["features"] == 9
    assert manifest["layers"]["utla_2021"]["features"] == 152
    for layer in ("utla", "partnership"):
        quality = report.quality[layer]
        assert quality["coverage_valid"] and quality["all_valid"]
        assert quality["overlap_m2"] < 1.0 and quality["holes_after"] == 0
        assert abs(quality["area_change_pct"]) < 0.5

    # Independently of the build's own check: compare with the original polygons.
    original = gpd.read_file(shared_data / name)
    original = original[original["CTYUA24CD"].str.startswith("E")]
    before = shapely.union_all(equal_area(original.geometry.values))
    after_parts = equal_area(list(partnerships.values()))
    after = shapely.union_all(after_parts)
    assert abs(after.area - before.area) / before.area < 0.005
    assert shapely.difference(before, after).area / before.area < 0.005  # nothing lost between neighbours
    tree = shapely.STRtree(after_parts)
    left, right = tree.query(after_parts, predicate="intersects")
    pairs = left < right
    assert pairs.sum() > 200  # neighbours really touch ...
    overlap = shapely.area(shapely.intersection(after_parts[left[pairs]], after_parts[right[pairs]]))
    assert float(np.sum(overlap)) < 1.0  # ... and share edges without overlapping (m²)


def test_partnership_outlines_follow_their_members_exactly(geo_store, geo_cache, shared_data):
    manifest = build_boundaries(shared_data / CURRENT, engine=geo_store).manifest
    authorities = _shapes(geo_cache, manifest, "utla")
    partnerships = _shapes(geo_cache, manifest, "partnership")
    with session_scope(geo_store) as session:
        version = session.scalar(select(FootprintVersion.id).where(FootprintVersion.is_current))
        rows = session.execute(select(Membership.partnership_code, Membership.member_code)
                               .where(Membership.footprint_version_id == version)).all()
    greater_manchester = [m for p, m in rows if p == "greater-manchester"]
    union = shapely.union_all([authorities[m] for m in greater_manchester])
    assert len(greater_manchester) == 10
    assert shapely.symmetric_difference(union, partnerships["greater-manchester"]).area < 1e-10


def test_the_2021_vintage_from_a_british_national_grid_file(geo_store, geo_cache, shared_data):
    build_boundaries(shared_data / CURRENT, engine=geo_store)
    report = build_boundaries(shared_data / UK_2021_BNG, engine=geo_store, vintage=2021)
    entry = report.manifest["layers"]["utla_2021"]
    assert entry["features"] == 152 and "derived_from" not in entry
    assert entry["bytes"] <= MAX_BYTES and entry["gzip_bytes"] <= MAX_GZIP
    quality = report.quality["utla_2021"]
    assert quality["coverage_valid"] and quality["holes_after"] == 0 and quality["overlap_m2"] < 1.0
    cumbria = _shapes(geo_cache, report.manifest, "utla_2021")["E10000006"]
    assert -3.7 < cumbria.centroid.x < -2.3 and 54.0 < cumbria.centroid.y < 55.2
