"""Fixtures for the boundary tests: an isolated cache folder, a store the layer code can find,
and tiny synthetic boundary files (real authority codes, British National Grid squares) written
by the tests themselves in every supported format."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box
from sqlalchemy import Engine

from config import get_settings
from data_access.db import reset_engines

SQUARE_M = 10_000
ORIGIN = (430_000, 510_000)  # Teesside, in EPSG:27700
#: 10 km grid cells (column, row) → authority: Cleveland's four members as a 2×2 block, County
#: Durham and Darlington beside them, and one Welsh authority that must be dropped.
SQUARES = {
    (1, 0): "E06000002", (2, 0): "E06000003", (1, 1): "E06000001", (2, 1): "E06000004",
    (0, 0): "E06000005", (0, 1): "E06000047", (5, 5): "W06000001",
}


def square(column: int, row: int):
    x, y = ORIGIN[0] + column * SQUARE_M, ORIGIN[1] + row * SQUARE_M
    return box(x, y, x + SQUARE_M, y + SQUARE_M)


def squares_frame(codes: dict[tuple[int, int], str] | None = None, column: str = "CTYUA24CD") -> gpd.GeoDataFrame:
    cells = codes or SQUARES
    return gpd.GeoDataFrame({column: list(cells.values()), "NAME": [f"area {c}" for c in cells.values()]},
                            geometry=[square(*cell) for cell in cells], crs=27700)


def _reset() -> None:
    get_settings.cache_clear()
    reset_engines()


@pytest.fixture
def geo_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The boundary cache in ``tmp_path``, no boundary source, and no reachable store.

    The database URL points at a throwaway file so that nothing here can create or read the
    repository's own ``instance/`` store.
    """
    cache = tmp_path / "geo"
    monkeypatch.setenv("CDP_BOUNDARY_CACHE", str(cache))
    monkeypatch.delenv("CDP_BOUNDARIES", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'no-store.sqlite3'}")
    _reset()
    yield cache
    _reset()


@pytest.fixture
def geo_store(store: Engine, store_url: str, geo_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """An initialised store (SQLite and PostgreSQL) that ``get_engine()`` also finds."""
    monkeypatch.setenv("DATABASE_URL", store_url)
    _reset()
    return store


@pytest.fixture
def squares_file(tmp_path: Path) -> Callable[..., Path]:
    """Write the synthetic squares as ``geojson``, ``shp``, ``zip`` (zipped Shapefile) or ``gpkg``."""
    def write(fmt: str = "geojson", frame: gpd.GeoDataFrame | None = None) -> Path:
        frame = squares_frame() if frame is None else frame
        folder = tmp_path / f"src-{fmt}"
        folder.mkdir(exist_ok=True)
        if fmt == "geojson":
            path = folder / "squares.geojson"
            frame.to_file(path, driver="GeoJSON")
        elif fmt == "gpkg":
            path = folder / "squares.gpkg"
            frame.to_file(path, layer="utla", driver="GPKG")
        else:
            path = folder / "squares.shp"
            frame.to_file(path, driver="ESRI Shapefile")
            if fmt == "zip":
                archive = folder / "squares.zip"
                with zipfile.ZipFile(archive, "w") as bundle:
                    for part in folder.glob("squares.*"):
                        if part.suffix != ".zip":
                            bundle.write(part, part.name)
                path = archive
        return path
    return write
