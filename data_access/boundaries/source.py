"""Read a boundary file of any usual format and CRS into England-only (code, geometry) rows in WGS84.

Boundary sources differ in everything but their content: ONS publishes GeoJSON, Shapefile (often
zipped) and GeoPackage, in British National Grid or WGS84, with a code column named after the
vintage (``CTYUA24CD``, ``CTYUA21CD``, ``UTLA23CD`` …). This module hides those differences so the
rest of the build sees one shape: a GeoDataFrame with ``code`` and ``geometry`` in EPSG:4326.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd
import pyogrio
import requests
import shapely

#: ONS Open Geography Portal, "Counties and Unitary Authorities (December 2024) Boundaries UK BUC",
#: as GeoJSON from its ArcGIS feature service: the default when no source is configured.
ONS_CTYUA_DEC2024_BUC_URL = (
    "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/"
    "Counties_and_Unitary_Authorities_December_2024_Boundaries_UK_BUC/FeatureServer/0/query"
    "?where=1%3D1&outFields=CTYUA24CD,CTYUA24NM&outSR=4326&f=geojson"
)
DOWNLOAD_TIMEOUT_S = 60
_UTLA_CODE = re.compile(r"^E(06|08|09|10)\d{6}$")
_PREFERRED_NAME = re.compile(r"^(CTYUA|UTLA)\d\dCD$|^code$", re.IGNORECASE)


class BoundaryError(Exception):
    """A boundary build that cannot go ahead; ``problems`` lists every reason found."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def is_url(source: str) -> bool:
    return urlparse(str(source)).scheme in ("http", "https")


def read_boundaries(source: str | Path, warnings: list[str]) -> gpd.GeoDataFrame:
    """England's rows of ``source`` as columns ``code`` and ``geometry`` in EPSG:4326.

    Codes are upper-cased and stripped; several rows with one code (a multi-part area split into
    rows) are merged so each code appears once. ``warnings`` collects what was assumed or dropped.
    """
    frame = _read_any(str(source))
    column = detect_code_column(frame)
    frame = gpd.GeoDataFrame({"code": frame[column].astype(str).str.strip().str.upper()},
                             geometry=frame.geometry, crs=frame.crs)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    non_england = int((~frame["code"].str.startswith("E")).sum())
    if non_england:
        warnings.append(f"{non_england} features outside England dropped (column {column})")
    frame = frame[frame["code"].str.startswith("E")]
    if frame.empty:
        raise BoundaryError([f"{source}: no English areas found in column {column}"])
    frame = _to_wgs84(frame, str(source), warnings)
    if frame["code"].duplicated().any():
        warnings.append("some codes appear on several features; their parts were merged")
        frame = frame.dissolve(by="code", as_index=False)
    frame = frame[frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    return frame.sort_values("code").reset_index(drop=True)


def detect_code_column(frame: gpd.GeoDataFrame) -> str:
    """The column holding upper-tier authority codes (E06/E08/E09/E10), whatever it is called.

    Names change with every vintage, so values decide: the column with most UTLA-like codes wins,
    and a conventional name (``CTYUA24CD``, ``UTLA23CD``, ``code``) breaks ties.
    """
    best: tuple[int, int, str] | None = None
    for column in frame.columns:
        if column == frame.geometry.name or frame[column].dtype.kind not in "OSUT":
            continue
        values = frame[column].dropna().astype(str).str.strip().str.upper()
        score = int(values.str.match(_UTLA_CODE).sum())
        if score:
            candidate = (score, int(bool(_PREFERRED_NAME.match(str(column)))), str(column))
            best = max(best, candidate) if best else candidate
    if best is None:
        columns = ", ".join(str(c) for c in frame.columns if c != frame.geometry.name)
        raise BoundaryError([f"no column of upper-tier authority codes (E06/E08/E09/E10…) found; columns: {columns}"])
    return best[2]


def _read_any(source: str) -> gpd.GeoDataFrame:
    if is_url(source):
        return _read_url(source)
    path = Path(source)
    if not path.exists():
        raise BoundaryError([f"{source}: file not found"])
    try:
        return gpd.read_file(path, layer=_polygon_layer(path))
    except (RuntimeError, ValueError, OSError) as error:  # pyogrio's errors are RuntimeErrors
        raise BoundaryError([f"{source}: not a readable GeoJSON, Shapefile or GeoPackage ({error})"]) from error


def _polygon_layer(path: Path) -> str | None:
    """GeoPackages (and zips) may hold several layers: take the first polygon one."""
    try:
        layers = pyogrio.list_layers(path)
    except (RuntimeError, ValueError, OSError):
        return None
    polygonal = [name for name, kind in layers if kind and "POLYGON" in str(kind).upper()]
    return polygonal[0] if len(layers) > 1 and polygonal else None


def _read_url(url: str) -> gpd.GeoDataFrame:
    """Download to a temporary file first: GDAL then sniffs the format, and a timeout is ours to set."""
    try:
        response = requests.get(url, timeout=DOWNLOAD_TIMEOUT_S)
        response.raise_for_status()
    except requests.RequestException as error:
        raise BoundaryError([f"could not download {url} ({error.__class__.__name__}); set CDP_BOUNDARIES "
                             "to a local file, or use the tile map (data boundaries --tiles)"]) from error
    suffix = Path(urlparse(url).path).suffix if Path(urlparse(url).path).suffix in (".zip", ".gpkg", ".shp") else ".json"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"download{suffix}"
        path.write_bytes(response.content)
        return _read_any(str(path))


def _to_wgs84(frame: gpd.GeoDataFrame, source: str, warnings: list[str]) -> gpd.GeoDataFrame:
    """Reproject to lon/lat; a file without a CRS is placed by its coordinate range, with a warning."""
    if frame.crs is None:
        minx, miny, maxx, maxy = shapely.total_bounds(frame.geometry.values)
        if -10 <= minx <= maxx <= 5 and 45 <= miny <= maxy <= 62:
            guess = "EPSG:4326"
        elif 0 <= minx <= maxx <= 700_000 and 0 <= miny <= maxy <= 1_300_000:
            guess = "EPSG:27700"
        else:
            raise BoundaryError([f"{source}: no coordinate reference system and coordinates are neither "
                                 "lon/lat nor British National Grid"])
        warnings.append(f"{source}: no coordinate reference system; assumed {guess} from the coordinates")
        frame = frame.set_crs(guess)
    return frame.to_crs(4326)
