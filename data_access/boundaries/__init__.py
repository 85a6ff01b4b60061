"""Map geometry: boundary layers, the tile (hex) fallback and partnership footprints.

Modules, in the order data flows through them:

- ``source`` reads a boundary file of any format/CRS into England-only codes + WGS84 polygons;
- ``coverage`` snaps, simplifies (topology-preserving) and dissolves polygons as one coverage;
- ``facts`` reads areas and the current footprint (store, or committed tables for the fallback);
- ``compose`` derives partnership, region and pre-2023 layers from a coverage of authorities;
- ``build`` (real boundaries) and ``tiles`` (hex cartogram) produce the layers;
- ``layers`` writes/reads the content-hashed cache and its manifest;
- ``access`` gives the app a usable manifest/layer (repairing or falling back to tiles), ``layer_url``
  and the checked bytes of a layer file, which ``web/routes_boundaries.py`` serves at ``/geo/<file>``;
- ``footprints`` loads partnership lists;
- ``cli`` holds the ``data boundaries`` and ``data footprints`` commands.

Only the light entry points are imported here, so importing the package stays cheap.
"""

from data_access.boundaries.access import LAYERS, layer_manifest, layer_url, load_layer

__all__ = ["LAYERS", "layer_manifest", "layer_url", "load_layer"]
