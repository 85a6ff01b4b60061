"""Serve the cached boundary layers at ``/geo/<file name>`` as immutable static assets, brotli or gzip when accepted.

Sending geometry once and caching it for a year is what keeps map interactions to a value patch
(DESIGN §2 "Serving fast"). The file name carries the content hash, so ``immutable`` is safe: new
content is a new URL, which ``data_access.boundaries.layer_url`` hands to the page. Reading and
checking the file is the data layer's (``current_layer_bytes``); this module is only the HTTP side.
"""

from __future__ import annotations

from flask import Flask, Response, abort, request

from config import get_settings
from data_access.boundaries.access import GEO_PREFIX, current_layer_bytes
from data_access.boundaries.layers import FILE_NAME, packed_for

CACHE_CONTROL = "public, max-age=31536000, immutable"
CONTENT_TYPE = "application/geo+json"
#: The compressed twins sent, best first (``data_access.boundaries.layers.TWINS``).
PREFERRED = ("br", "gzip")


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


def serve_layer(name: str) -> Response:
    """One layer file: 404 unless the name is a layer file name and its content matches its hash."""
    cache_dir = get_settings().boundary_cache_dir
    data = current_layer_bytes(name, cache_dir)
    if data is None:
        abort(404)
    encoding = next((twin for twin in PREFERRED if request.accept_encodings[twin] > 0), None)
    response = Response(packed_for(cache_dir, name, encoding) if encoding else data, mimetype=CONTENT_TYPE)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.add("Accept-Encoding")
    response.set_etag(FILE_NAME.match(name)["hash"] + (f"-{encoding}" if encoding else ""))
    return response.make_conditional(request)
