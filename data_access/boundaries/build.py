"""Build the map layers from a boundary source, and keep the partnership layer in step with footprints.

``build_boundaries`` reads any boundary file, checks its codes against the store's areas (every
problem listed, nothing written when there is one), simplifies the authorities as a coverage and
derives partnerships, regions and the pre-April-2023 authorities from that one coverage. The
partnership layer depends on the current footprint version, so ``refresh_partnership_layer``
redraws it from the cached authority layer whenever a new footprint is loaded.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import shapely
from sqlalchemy import Engine

from config import get_settings
from data_access.boundaries.compose import authority_features, collection, current_layers, partnership_features
from data_access.boundaries.coverage import DEFAULT_TOLERANCE_M, coverage_quality, simplify_coverage, snap_coverage
from data_access.boundaries.facts import (
    VINTAGES,
    AreaFact,
    areas_from_store,
    authorities_on,
    footprint_from_csv,
    footprint_from_store,
)
from data_access.boundaries.layers import CorruptCache, read_layer_bytes, read_manifest, write_layers
from data_access.boundaries.source import ONS_CTYUA_DEC2024_BUC_URL, BoundaryError, read_boundaries
from data_access.boundaries.tiles import build_tile_layers
from data_access.db import get_engine, session_scope

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build wrote and how good it is; ``quality`` per layer comes from ``coverage_quality``."""

    manifest: dict
    warnings: list[str] = field(default_factory=list)
    quality: dict[str, dict] = field(default_factory=dict)
    seconds: float = 0.0


def resolve_source(source: str | Path | None, vintage: int | None) -> str:
    """The explicit source, else ``CDP_BOUNDARIES``, else the ONS download (current vintage only)."""
    if source:
        return str(source)
    if vintage is not None:
        raise BoundaryError([f"--vintage {vintage} needs a boundary file of that vintage"])
    return get_settings().boundaries_source or ONS_CTYUA_DEC2024_BUC_URL


def build_boundaries(source: str | Path | None = None, *, engine: Engine | None = None, vintage: int | None = None,
                     allow_missing: bool = False, tolerance_m: float = DEFAULT_TOLERANCE_M,
                     cache_dir: Path | None = None) -> BuildReport:
    """Build and cache the layers from ``source``; raises ``BoundaryError`` listing every problem.

    Without ``vintage`` this writes ``utla``, ``partnership``, ``region`` and ``utla_2021`` (the
    last derived from the current authorities unless a 2021 file was built before). With
    ``vintage=2021`` it writes only ``utla_2021`` from that file, next to an existing build.
    ``allow_missing`` turns "authorities without a boundary" from a problem into a warning, for
    partial sources.
    """
    started = time.perf_counter()
    cache_dir = Path(cache_dir or get_settings().boundary_cache_dir)
    source = resolve_source(source, vintage)
    previous = read_manifest(cache_dir, quiet=True)
    if vintage is not None and (previous is None or previous.get("kind") != "boundary"):
        raise BoundaryError([f"build the current boundaries first (data boundaries), then --vintage {vintage}"])
    warnings: list[str] = []
    frame = read_boundaries(source, warnings)
    with session_scope(engine or get_engine()) as session:
        areas = areas_from_store(session)
        footprint = footprint_from_store(session)
    if not areas:
        raise BoundaryError(["the store has no areas; run `flask --app app data init` first"])
    day = VINTAGES[vintage] if vintage is not None else date.today()
    check_codes(list(frame["code"]), areas, day, allow_missing=allow_missing, warnings=warnings)
    simplified = simplify_coverage(snap_coverage(frame.geometry.values, warnings), tolerance_m)
    coverage = dict(zip(frame["code"], simplified, strict=True))
    layer = "utla" if vintage is None else f"utla_{vintage}"
    quality = {layer: coverage_quality(frame.geometry.values, simplified)}
    meta: dict[str, Any] = {"source": source, "kind": "boundary"}
    options = {"allow_missing": allow_missing, "tolerance_m": tolerance_m}
    if vintage is not None:
        layers = {layer: (collection(authority_features(coverage, areas)), dict(meta))}
        keep = {k: v for k, v in previous["layers"].items() if k != layer}
        manifest = write_layers(cache_dir, layers, kind="boundary", keep=keep, options=previous.get("options"))
    else:
        if footprint is None:
            warnings.append("the store has no current footprint; partnerships drawn from the default footprint")
            footprint = footprint_from_csv()
        layers = current_layers(coverage, areas, footprint, meta)
        keep = _kept_vintages(previous, cache_dir)
        for name in keep:
            layers.pop(name, None)
        partnerships = [shapely.geometry.shape(f["geometry"]) for f in layers["partnership"][0]["features"]]
        in_force = frame["code"].isin(authorities_on(areas, day)).to_numpy()
        quality["partnership"] = coverage_quality(frame.geometry.values[in_force], partnerships)
        manifest = write_layers(cache_dir, layers, kind="boundary", keep=keep, options=options)
    report = BuildReport(manifest, warnings, quality, round(time.perf_counter() - started, 2))
    log.info("boundary layers built from %s in %.2f s", source, report.seconds)
    return report


def check_codes(codes: list[str], areas: dict[str, AreaFact], day: date, *, allow_missing: bool,
                warnings: list[str]) -> None:
    """Raise ``BoundaryError`` listing unknown codes and (unless allowed) authorities without a boundary."""
    expected = authorities_on(areas, day)
    problems = []
    for code in codes:
        if code in expected:
            continue
        area = areas.get(code)
        if area is None:
            hint = " (E07 codes are lower-tier districts: use a county and unitary file)" if code.startswith("E07") else ""
            problems.append(f"{code}: unknown code, not in the areas table{hint}")
        elif area.type != "utla":
            problems.append(f"{code} ({area.name}): a {area.type}, not an upper-tier authority")
        else:
            until = f" to {area.valid_to}" if area.valid_to else " onwards"
            problems.append(f"{code} ({area.name}): not in force on {day} (valid {area.valid_from}{until}); "
                            f"a different vintage? (--vintage {', '.join(map(str, VINTAGES))})")
    missing = sorted(set(expected) - set(codes))
    if missing:
        message = (f"{len(missing)} authorities in force on {day} have no boundary: "
                   + ", ".join(f"{c} ({expected[c].name})" for c in missing))
        (warnings if allow_missing else problems).append(message)
    if problems:
        raise BoundaryError(problems)


def refresh_partnership_layer(*, engine: Engine | None = None, cache_dir: Path | None = None) -> dict | None:
    """Redraw the partnership layer for the current footprint; returns the manifest, or None if nothing was built.

    Boundary builds are redrawn from the cached (already simplified) authority layer, so no
    source is needed; if that file is unusable the whole build is repeated from its source.
    Tile builds are simply rebuilt (they are cheap and also depend on the footprint).
    """
    cache_dir = Path(cache_dir or get_settings().boundary_cache_dir)
    manifest = read_manifest(cache_dir, quiet=True)
    if manifest is None:
        return None
    if manifest.get("kind") != "boundary":
        return build_tile_layers(engine=engine, cache_dir=cache_dir)
    entry = manifest["layers"].get("utla", {})
    try:
        features = json.loads(read_layer_bytes(cache_dir, entry.get("file", "")))["features"]
    except (CorruptCache, ValueError, KeyError) as error:
        log.warning("boundary cache: authority layer unusable (%s); rebuilding from source", error)
        options = manifest.get("options", {})
        return build_boundaries(entry.get("source"), engine=engine, cache_dir=cache_dir,
                                allow_missing=options.get("allow_missing", False),
                                tolerance_m=options.get("tolerance_m", DEFAULT_TOLERANCE_M)).manifest
    coverage = {f["id"]: shapely.geometry.shape(f["geometry"]) for f in features}
    with session_scope(engine or get_engine()) as session:
        areas = areas_from_store(session)
        footprint = footprint_from_store(session) or footprint_from_csv()
    layer = collection(partnership_features(coverage, footprint, areas))
    meta = {"source": entry.get("source", ""), "kind": "boundary", "footprint_version": footprint.version}
    keep = {k: v for k, v in manifest["layers"].items() if k != "partnership"}
    return write_layers(cache_dir, {"partnership": (layer, meta)}, kind="boundary", keep=keep,
                        options=manifest.get("options"))


def _kept_vintages(previous: dict | None, cache_dir: Path) -> dict[str, dict]:
    """Earlier-vintage layers built from their own file survive a rebuild of the current layers."""
    if not previous or previous.get("kind") != "boundary":
        return {}
    kept = {}
    for name, entry in previous["layers"].items():
        if name.startswith("utla_") and "derived_from" not in entry:
            try:
                read_layer_bytes(cache_dir, entry["file"])
                kept[name] = entry
            except CorruptCache:
                log.warning("boundary cache: %s unusable; derived from the current authorities instead", name)
    return kept
