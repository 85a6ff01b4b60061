"""Serve the cached layers at ``/geo/<file name>`` as immutable, gzip-aware static assets.

Sending geometry once and caching it for a year is what keeps map interactions to a value patch
(DESIGN §2 "Serving fast"). The file name carries the content hash, so ``immutable`` is safe: new
content is a new URL, which ``layer_url`` hands to the page. Only names of the exact form
``<layer>.<12 hex>.geojson`` are ever looked up, and only inside the cache folder, so no request
can reach another file.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, abort, request

from config import get_settings
from data_access.boundaries.access import LAYERS, layer_manifest
from data_access.boundaries.layers import FILE_NAME, CorruptCache, gzip_for, read_layer_bytes

log = logging.getLogger(__name__)

GEO_PREFIX = "/geo"
CACHE_CONTROL = "public, max-age=31536000, immutable"
CONTENT_TYPE = "application/geo+json"


def register_boundary_routes(server: Flask) -> None:
    """Add the ``/geo/…`` routes to the Flask server (GET and HEAD).

    Every request below ``/geo/`` is answered here, including ``/geo/../x``, ``/geo/a%2Fb`` and
    ``/geo//x`` (which no rule with a converter matches): otherwise it would fall through to
    Dash's catch-all page route and get 200 with the app shell instead of 404.
    """
    server.add_url_rule(f"{GEO_PREFIX}/<path:name>", endpoint="boundary_geo", view_func=serve_layer, methods=["GET"])

    @server.before_request
    def _geo_paths_are_ours() -> None:
        if request.path.startswith(f"{GEO_PREFIX}/") and request.endpoint != "boundary_geo":
            abort(404)


def layer_url(layer: str) -> str:
    """The hashed URL of ``layer`` in the current build (the tile map when no boundaries were built).

    The path is relative to the server root; under a path prefix wrap it in Dash's
    ``app.get_relative_path``.
    """
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")
    entry = layer_manifest()["layers"].get(layer)
    if entry is None:
        log.error("boundary cache: no %s layer could be built", layer)
        return ""
    return f"{GEO_PREFIX}/{entry['file']}"


def serve_layer(name: str) -> Response:
    """One layer file: 404 unless the name is a layer file name and its content matches its hash."""
    if not FILE_NAME.match(name):
        abort(404)
    cache_dir = get_settings().boundary_cache_dir
    try:
        data = read_layer_bytes(cache_dir, name)
    except CorruptCache:
        # A damaged current file is rebuilt byte-identical from its source, after which it serves.
        if name not in {e["file"] for e in layer_manifest(cache_dir)["layers"].values()}:
            abort(404)
        try:
            data = read_layer_bytes(cache_dir, name)
        except CorruptCache:
            abort(404)
    zipped = request.accept_encodings["gzip"] > 0
    response = Response(gzip_for(cache_dir, name) if zipped else data, mimetype=CONTENT_TYPE)
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.add("Accept-Encoding")
    response.set_etag(FILE_NAME.match(name)["hash"] + ("-gzip" if zipped else ""))
    return response.make_conditional(request)
