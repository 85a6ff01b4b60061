"""The boundary cache on disk: content-hashed GeoJSON layers, their .gz and .br twins and ``manifest.json``.

Every layer file is named ``<layer>.<sha256[:12]>.geojson`` so its URL can be cached for a year
(``immutable``): new content means a new name, never a changed file. The manifest maps each layer
to its current file and records how it was made. Writes are atomic (temporary file + rename) so
gunicorn workers reading the cache never see half a file; a rebuild with the same inputs produces
the same names and leaves the manifest byte-for-byte unchanged. When the cache folder cannot be
written (a read-only container), layers are kept in this process's memory instead so the app
still has a map.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import brotli

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FILE_NAME = re.compile(r"^(?P<layer>[a-z0-9_]+)\.(?P<hash>[0-9a-f]{12})\.geojson$")
#: Superseded files stay this long so pages already open can still fetch the layer they name.
RETAIN_SECONDS = 24 * 3600
_memory: dict[str, bytes] = {}
_verified: dict[str, tuple[int, int, int]] = {}


class CorruptCache(Exception):
    """A cached file is missing, unreadable or does not match the hash in its name."""


def feature_collection(features: list[tuple[str, str, dict]]) -> dict:
    """GeoJSON with feature ``id`` = code and properties code + name only, sorted by code."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": code, "properties": {"code": code, "name": name}, "geometry": geometry}
        for code, name, geometry in sorted(features, key=lambda f: f[0])]}


def encode(collection: dict) -> bytes:
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip (no timestamp), so the .gz of identical content is identical too."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    """Brotli at its best setting: about 40% smaller than gzip for a layer (56 → 33 KB for partnerships)."""
    return brotli.compress(data, quality=11)


#: Each compressed twin of a layer file: its suffix, how it is made and how it is read back.
TWINS = {"gzip": (".gz", gzip_bytes, gzip.decompress), "br": (".br", brotli_bytes, brotli.decompress)}


def write_layers(cache_dir: Path, layers: dict[str, tuple[dict, dict[str, Any]]], *, kind: str,
                 keep: dict[str, dict] | None = None, options: dict[str, Any] | None = None) -> dict:
    """Write each ``name → (collection, metadata)`` and a manifest listing them plus ``keep``.

    Entries whose file name is unchanged keep their previous ``built_at``, which is what makes a
    rebuild with the same inputs a no-op on disk.
    """
    previous = read_manifest(cache_dir, quiet=True) or {"layers": {}}
    entries = dict(keep or {})
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    for name, (collection, metadata) in layers.items():
        metadata = dict(metadata)
        data = encode(collection)
        packed = gzip_bytes(data)
        file_name = f"{name}.{hashlib.sha256(data).hexdigest()[:12]}.geojson"
        _store(cache_dir / file_name, data)
        _store(cache_dir / f"{file_name}.gz", packed)
        _store(cache_dir / f"{file_name}.br", brotli_bytes(data))
        old = previous["layers"].get(name, {})
        entries[name] = {"file": file_name, "bytes": len(data), "gzip_bytes": len(packed),
                         "features": len(collection["features"]), "kind": metadata.pop("kind", kind),
                         "built_at": old.get("built_at", now) if old.get("file") == file_name else now,
                         **metadata}
    manifest = {"kind": kind, "layers": dict(sorted(entries.items())), "options": options or {}}
    _store(cache_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))
    _prune(cache_dir, manifest)
    return manifest


def read_manifest(cache_dir: Path, *, quiet: bool = False) -> dict | None:
    """The manifest, or None when nothing was built; ``CorruptCache`` when it cannot be trusted."""
    data = _fetch(cache_dir / MANIFEST)
    if data is None:
        return None
    try:
        manifest = json.loads(data)
        if not isinstance(manifest.get("layers"), dict):
            raise ValueError("no layers")
        for entry in manifest["layers"].values():
            if not FILE_NAME.match(entry["file"]):
                raise ValueError(f"bad file name {entry['file']!r}")
        return manifest
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        if quiet:
            return None
        raise CorruptCache(f"{cache_dir / MANIFEST}: {error}") from error


def read_layer_bytes(cache_dir: Path, file_name: str) -> bytes:
    """A layer file's bytes, checked against the hash in its name (checked once per file version)."""
    match = FILE_NAME.match(file_name)
    if not match:
        raise CorruptCache(f"{file_name}: not a layer file name")
    path = cache_dir / file_name
    data = _fetch(path)
    if data is None:
        raise CorruptCache(f"{path}: missing")
    signature = _signature(path)
    if signature is None or _verified.get(str(path)) != signature:
        if hashlib.sha256(data).hexdigest()[:12] != match["hash"]:
            raise CorruptCache(f"{path}: content does not match its hash")
        if signature is not None:
            _verified[str(path)] = signature
    return data


def check_layer(cache_dir: Path, file_name: str) -> None:
    """Raise ``CorruptCache`` unless the file is intact; a file already checked costs one ``stat``."""
    path = cache_dir / file_name
    signature = _signature(path)
    if signature is None or _verified.get(str(path)) != signature:
        read_layer_bytes(cache_dir, file_name)


def verify(cache_dir: Path, manifest: dict) -> list[str]:
    """Names of the manifest's layers whose files are missing or corrupt."""
    bad = []
    for name, entry in manifest["layers"].items():
        try:
            check_layer(cache_dir, entry["file"])
        except CorruptCache as error:
            log.warning("boundary cache: layer %s unusable (%s)", name, error)
            bad.append(name)
    return bad


def gzip_for(cache_dir: Path, file_name: str) -> bytes:
    """The precomputed .gz of a verified layer file, recreated if it went missing or is damaged."""
    return packed_for(cache_dir, file_name, "gzip")


def packed_for(cache_dir: Path, file_name: str, encoding: str) -> bytes:
    """The precomputed twin (``TWINS``) of a verified layer file, recreated if it went missing or is damaged."""
    suffix, pack, unpack = TWINS[encoding]
    data = read_layer_bytes(cache_dir, file_name)
    packed = _fetch(cache_dir / f"{file_name}{suffix}")
    try:
        if packed is not None and unpack(packed) == data:
            return packed
    except (OSError, EOFError, brotli.error):
        pass
    packed = pack(data)
    _store(cache_dir / f"{file_name}{suffix}", packed)
    return packed


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_bytes() == data:
            return
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; the web server may run as another user than the CLI
        os.replace(temp, path)
    except OSError as error:
        log.warning("boundary cache: cannot write %s (%s); keeping it in memory", path, error)
        _memory[str(path)] = data


def _fetch(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return _memory.get(str(path))


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _prune(cache_dir: Path, manifest: dict) -> None:
    """Remove layer files no longer listed once they are old enough that no open page needs them."""
    wanted = {entry["file"] for entry in manifest["layers"].values()}
    wanted |= {f"{name}{suffix}" for name in wanted for suffix, _, _ in TWINS.values()}
    cutoff = time.time() - RETAIN_SECONDS
    for path in cache_dir.glob("*.geojson*"):
        try:
            if path.name not in wanted and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue
