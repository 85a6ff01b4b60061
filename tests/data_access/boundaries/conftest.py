"""Fixtures for the boundary tests: an isolated cache folder, a store the layer code can find,
and tiny synthetic boundary files (real authority codes, British National Grid squares) written
by the tests themselves in every supported format."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box
from sqlalchemy import Engine

from config import get_settings
from data_access.db import reset_engines
from data_access.geography import DEFAULT_FOOTPRINT_FILE

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


def _squares_frame(codes: dict[tuple[int, int], str] | None = None, column: str = "CTYUA24CD") -> gpd.GeoDataFrame:
    cells = codes or SQUARES
    return gpd.GeoDataFrame({column: list(cells.values()), "NAME": [f"area {c}" for c in cells.values()]},
                            geometry=[square(*cell) for cell in cells], crs=27700)


@pytest.fixture
def squares_frame() -> Callable[..., gpd.GeoDataFrame]:
    """Factory: the synthetic squares (or other ``{(column, row): code}`` cells) in EPSG:27700."""
    return _squares_frame


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
        frame = _squares_frame() if frame is None else frame
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


@pytest.fixture
def footprint_csv(tmp_path: Path) -> Callable[..., Path]:
    """Factory: write footprint rows (default: the committed default footprint) as a CSV file.

    ``change`` maps member code → replacement values for that row; ``columns`` picks the header.
    """
    def write(rows: list[dict[str, str]] | None = None, *, change: dict[str, dict[str, str]] | None = None,
              columns: tuple[str, ...] = ("partnership_code", "partnership_name", "member_code", "status", "source"),
              name: str = "footprint.csv") -> Path:
        if rows is None:
            with DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
        rows = [{**row, **(change or {}).get(row.get("member_code", ""), {})} for row in rows]
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        return path
    return write
