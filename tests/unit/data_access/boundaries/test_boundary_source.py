"""Reading boundary files: every format, any CRS, code column found by its values, England only."""

from __future__ import annotations

import geopandas as gpd
import pytest
import requests
import shapely
from pyproj import Transformer

from data_access.boundaries.source import BoundaryError, detect_code_column, read_boundaries

TO_WGS84 = Transformer.from_crs(27700, 4326, always_xy=True)


@pytest.mark.parametrize("fmt", ["geojson", "shp", "zip", "gpkg"])
def test_every_format_reads_to_england_only_wgs84(squares_file, squares_frame, fmt):
    source = squares_frame().set_index("CTYUA24CD")
    warnings: list[str] = []
    frame = read_boundaries(squares_file(fmt), warnings)

    assert list(frame["code"]) == sorted(code for code in source.index if code.startswith("E"))
    assert frame.crs.to_epsg() == 4326
    assert any("1 features outside England" in w for w in warnings)
    hartlepool = frame.set_index("code").geometry["E06000001"]
    expected = TO_WGS84.transform(*source.geometry["E06000001"].centroid.coords[0])
    assert hartlepool.centroid.x == pytest.approx(expected[0], abs=1e-3)
    assert hartlepool.centroid.y == pytest.approx(expected[1], abs=1e-3)
    assert -2 < hartlepool.centroid.x < -1 and 54 < hartlepool.centroid.y < 55


@pytest.mark.parametrize("column", ["CTYUA21CD", "UTLA22CD", "code", "AREA_ID"])
def test_code_column_is_found_by_its_values(squares_frame, column):
    frame = squares_frame(column=column)
    assert detect_code_column(frame) == column


def test_a_conventional_name_breaks_a_tie(squares_frame):
    frame = squares_frame()
    frame["COPY_OF_CODE"] = frame["CTYUA24CD"]
    assert detect_code_column(frame[["COPY_OF_CODE", "CTYUA24CD", "geometry"]]) == "CTYUA24CD"


def test_no_code_column_is_a_listed_problem(squares_frame):
    frame = squares_frame().drop(columns="CTYUA24CD")
    with pytest.raises(BoundaryError) as error:
        detect_code_column(frame)
    assert "NAME" in error.value.problems[0]


def test_missing_file_and_unreadable_file(tmp_path):
    with pytest.raises(BoundaryError, match="file not found"):
        read_boundaries(tmp_path / "nope.geojson", [])
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json")
    with pytest.raises(BoundaryError, match="not a readable"):
        read_boundaries(bad, [])


def test_download_failure_is_a_clean_error(monkeypatch):
    def offline(*args, **kwargs):
        raise requests.ConnectionError("no network")

    monkeypatch.setattr(requests, "get", offline)
    with pytest.raises(BoundaryError) as error:
        read_boundaries("https://example.invalid/boundaries.geojson", [])
    assert "could not download" in error.value.problems[0]
    assert "CDP_BOUNDARIES" in error.value.problems[0]


@pytest.mark.filterwarnings("ignore:.crs. was not provided")
def test_file_without_crs_is_placed_by_its_coordinates(tmp_path, squares_frame):
    path = tmp_path / "nocrs.shp"
    squares_frame().set_crs(None, allow_override=True).to_file(path)
    path.with_suffix(".prj").unlink(missing_ok=True)
    warnings: list[str] = []
    frame = read_boundaries(path, warnings)
    assert any("assumed EPSG:27700" in w for w in warnings)
    assert shapely.total_bounds(frame.geometry.values)[1] > 54


def test_split_features_of_one_code_are_merged(tmp_path, squares_frame):
    frame = squares_frame({(0, 0): "E06000005", (1, 0): "E06000005", (0, 1): "E06000047"})
    path = tmp_path / "split.geojson"
    frame.to_file(path)
    merged = read_boundaries(path, warnings := [])
    assert list(merged["code"]) == ["E06000005", "E06000047"]
    assert merged.geometry.iloc[0].geom_type == "Polygon"
    assert any("merged" in w for w in warnings)
    assert isinstance(merged, gpd.GeoDataFrame)
