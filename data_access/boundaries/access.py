"""What the app asks for: the current layers, repaired or replaced by tiles when the cache fails.

The web process must always get a map. ``layer_manifest`` returns the built layers after checking
every file against its hash (once per file version); when nothing was built it builds the tile
layers, and when a cached file is missing or corrupt it rebuilds from the boundary source if one
is configured, else falls back to tiles, logging one warning line. Building is imported lazily:
geopandas and scipy cost seconds to import, and a healthy cache never needs them.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from config import get_settings
from data_access.boundaries.layers import FILE_NAME, CorruptCache, read_layer_bytes, read_manifest, verify

log = logging.getLogger(__name__)

#: Every build has these layers; ``utla_2021`` is the authority set in force before April 2023.
LAYERS = ("utla", "partnership", "region", "utla_2021")
#: Where the web layer serves the layer files (``web/routes_boundaries.py``).
GEO_PREFIX = "/geo"
_EMPTY = {"type": "FeatureCollection", "features": []}


def layer_manifest(cache_dir: Path | None = None) -> dict:
    """The manifest of usable layers: ``{"kind": "boundary"|"tile", "layers": {name: entry}, …}``.

    Each entry has ``file``, ``bytes``, ``gzip_bytes``, ``features``, ``kind``, ``source``,
    ``built_at`` and, for partnerships, ``footprint_version``. Never raises.
    """
    cache_dir = Path(cache_dir or get_settings().boundary_cache_dir)
    try:
        manifest = read_manifest(cache_dir)
    except CorruptCache as error:
        log.warning("boundary cache: manifest unreadable (%s); rebuilding", error)
        return _repair(cache_dir, None)
    if manifest is None:
        log.info("boundary cache: no boundary build in %s; using the tile map", cache_dir)
        return _tiles(cache_dir)
    unusable = [name for name in LAYERS if name not in manifest["layers"]] + verify(cache_dir, manifest)
    if unusable:
        log.warning("boundary cache: layers %s missing or corrupt; rebuilding", ", ".join(unusable))
        return _repair(cache_dir, manifest)
    return manifest


def load_layer(name: str, cache_dir: Path | None = None) -> dict:
    """Layer ``name`` (one of ``LAYERS``) as a GeoJSON FeatureCollection; an empty one if all else fails."""
    if name not in LAYERS:
        raise ValueError(f"unknown layer {name!r}; expected one of {', '.join(LAYERS)}")
    cache_dir = Path(cache_dir or get_settings().boundary_cache_dir)
    manifest = layer_manifest(cache_dir)
    entry = manifest["layers"].get(name)
    if entry is None:
        return dict(_EMPTY, features=[])
    try:
        return json.loads(read_layer_bytes(cache_dir, entry["file"]))
    except (CorruptCache, ValueError) as error:  # changed between the check and the read
        log.warning("boundary cache: %s unreadable (%s); rebuilding", entry["file"], error)
        manifest = _repair(cache_dir, manifest)
        try:
            return json.loads(read_layer_bytes(cache_dir, manifest["layers"][name]["file"]))
        except (CorruptCache, ValueError, KeyError):
            log.exception("boundary cache: layer %s unavailable", name)
            return dict(_EMPTY, features=[])


def _repair(cache_dir: Path, manifest: dict | None) -> dict:
    """Rebuild from the source the layers were built from (or ``CDP_BOUNDARIES``); else tiles."""
    entry = (manifest or {}).get("layers", {}).get("utla", {})
    source = entry.get("source") if entry.get("kind") == "boundary" else None
    source = source or get_settings().boundaries_source
    if source and source.startswith(("http://", "https://")):
        # A download inside a web request could hang for its whole timeout; the CLI does downloads.
        log.warning("boundary cache: not downloading %s while serving; using the tile map", source)
        source = None
    if source:
        from data_access.boundaries.build import build_boundaries
        from data_access.boundaries.source import BoundaryError

        options = (manifest or {}).get("options", {})
        try:
            kwargs = {k: options[k] for k in ("allow_missing", "tolerance_m") if k in options}
            result = build_boundaries(source, cache_dir=cache_dir, **kwargs).manifest
            log.warning("boundary cache: rebuilt from %s", source)
            return result
        except (BoundaryError, OSError, RuntimeError, ValueError) as error:
            log.warning("boundary cache: rebuild from %s failed (%s); using the tile map", source, error)
        except Exception:  # a database or GEOS failure must not take the map down
            log.exception("boundary cache: rebuild from %s failed; using the tile map", source)
    return _tiles(cache_dir)


def _tiles(cache_dir: Path) -> dict:
    from data_access.boundaries.tiles import build_tile_layers

    try:
        return build_tile_layers(cache_dir=cache_dir)
    except Exception:  # never crash the page: a map without shapes beats an error page
        log.exception("boundary cache: tile map could not be built")
        return {"kind": "none", "layers": {}, "options": {}}


def layer_url(layer: str) -> str:
    """The hashed URL of ``layer`` in the current build (the tile map when no boundaries were built).

    The file name carries the content hash, so new content is a new URL. The path is relative to the
    server root; under a path prefix wrap it in Dash's ``app.get_relative_path``.
    """
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    entry = layer_manifest()["layers"].get(layer)
    if entry is None:
        log.error("boundary cache: no %s layer could be built", layer)
        return ""
    return f"{GEO_PREFIX}/{entry['file']}"


def current_layer_bytes(name: str, cache_dir: Path | None = None) -> bytes | None:
    """The bytes of layer file ``name``; None unless it is a layer file name whose content matches its hash.

    Only names of the exact form ``<layer>.<12 hex>.geojson`` are ever looked up, and only inside the
    cache folder. A damaged current file is rebuilt byte-identical from its source, after which it is read.
    """
    if not FILE_NAME.match(name):
        return None
    cache_dir = Path(cache_dir or get_settings().boundary_cache_dir)
    try:
        return read_layer_bytes(cache_dir, name)
    except CorruptCache:
        if name not in {e["file"] for e in layer_manifest(cache_dir)["layers"].values()}:
            return None
        try:
            return read_layer_bytes(cache_dir, name)
        except CorruptCache:
            return None
