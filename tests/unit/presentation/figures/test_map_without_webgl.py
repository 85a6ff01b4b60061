"""The boundary map is an SVG geo choropleth fitted to its areas, with London's areas again in an inset, and
a note over it when nothing can be coloured; its patch keeps both traces and the note in step."""

from __future__ import annotations

import dash
import numpy as np
import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from presentation import theme
from presentation.figures import map_figure, map_patch, map_values
from presentation.figures.choropleth import INSET_DOMAIN, INSET_LABEL, NOTICE

DEATHS = "drug_misuse_deaths"
NO_BASELINE = "drug_hospital_admissions"
URL = "/geo/partnership.0123456789ab.geojson"
LONDON = ("camden", "hackney")


def spec(metric_id: str):
    return get_catalogue().metric(metric_id)


def frame(period: str = "2022-24") -> pd.DataFrame:
    """Four partnerships (two in London) and England, each class of the comparison used once."""
    rows = [("cleveland", "Cleveland", 9.8, "worse", 5, "worsened"),
            ("camden", "Camden", 4.1, "better", 1, "improved"),
            ("hackney", "Hackney", 5.0, "similar", 3, "no_significant_change"),
            ("rutland", "Rutland", np.nan, "not_compared", pd.NA, "not_tested"),
            ("E92000001", "England", 5.2, "not_compared", pd.NA, "not_tested")]
    table = pd.DataFrame(rows, columns=["area_code", "area_name", "value", "comparison", "quintile",
                                        "change_significance"])
    table["area_type"] = ["partnership"] * 4 + ["country"]
    table["period"] = period
    table["suppressed"] = False
    table["note"] = None
    table["numerator"] = 50.0
    table["denominator"] = 100000.0
    table["lower_ci"], table["upper_ci"] = table["value"] - 1, table["value"] + 1
    table["quintile"] = table["quintile"].astype("Int64")
    return table


def figure(**kwargs):
    options = {"geojson_url": URL, "area_values": frame(), "colour_by": "comparison", "spec": spec(DEATHS),
               "source_line": "Source: ONS", "inset_codes": LONDON}
    return map_figure(**{**options, **kwargs})


def test_the_map_is_a_geo_choropleth_drawn_without_webgl():
    fig = figure()
    main = fig.data[0]
    assert main.type == "choropleth"  # SVG paths by d3; "choroplethmap"/"choroplethmapbox" need WebGL
    assert main.geojson == URL and main.featureidkey == "id" and main.locationmode == "geojson-id"
    assert main.geo == "geo"
    assert not any(trace.type.startswith("choroplethmap") for trace in fig.data)


def test_the_map_is_fitted_to_its_areas_with_no_basemap():
    """Fitted to the areas (so all of England shows at any width), in Web Mercator, with no land or coasts."""
    geo = figure().layout.geo
    assert geo.fitbounds == "locations"
    assert geo.visible is False
    assert geo.projection.type == "mercator"
    assert list(geo.domain.x) == [0.0, 1.0] and list(geo.domain.y) == [0.0, 1.0]


def test_london_inset_draws_london_areas_again_enlarged():
    fig = figure(selected_code="camden")
    assert len(fig.data) == 2
    inset = fig.data[1]
    assert inset.type == "choropleth" and inset.geo == "geo2" and inset.geojson == URL
    assert sorted(inset.locations) == sorted(LONDON)
    assert list(inset.customdata) == list(inset.locations)  # a click there selects the area
    assert inset.locations[-1] == "camden" and inset.marker.line.width[-1] > inset.marker.line.width[0]
    geo2 = fig.layout.geo2
    assert geo2.fitbounds == "locations" and geo2.visible is False
    assert list(geo2.domain.x) == INSET_DOMAIN["x"] and list(geo2.domain.y) == INSET_DOMAIN["y"]
    assert any(a.text == INSET_LABEL for a in fig.layout.annotations)
    # The inset's areas keep the main map's colours and hover text.
    main = dict(zip(fig.data[0].locations, fig.data[0].z, strict=True))
    assert all(main[code] == z for code, z in zip(inset.locations, inset.z, strict=True))


def test_without_inset_codes_there_is_one_trace():
    fig = figure(inset_codes=())
    assert len(fig.data) == 1 and "geo2" not in fig.layout


def test_the_patch_recolours_both_traces_and_never_sends_geometry():
    patch = map_patch(frame(), colour_by="value", spec=spec(DEATHS), selected_code="hackney", inset_codes=LONDON)
    assert isinstance(patch, dash.Patch)
    operations = {tuple(op["location"]): op["params"].get("value") for op in patch.to_plotly_json()["operations"]}
    assert ("data", 0, "z") in operations and ("data", 1, "z") in operations
    assert sorted(operations[("data", 1, "locations")]) == sorted(LONDON)
    assert operations[("data", 1, "locations")][-1] == "hackney"
    assert not any("geojson" in location for location in operations)
    fresh = figure(colour_by="value", selected_code="hackney")
    assert operations[("data", 1, "z")] == list(fresh.data[1].z)
    assert operations[("layout", "annotations", NOTICE, "visible")] is False


def test_nothing_to_colour_shows_a_note_on_the_map_and_the_patch_says_it_too():
    reason = "Nothing to colour: this measure has no baseline."
    fig = figure(colour_by="change", spec=spec(NO_BASELINE), notice=reason)
    note = fig.layout.annotations[NOTICE]
    assert note.visible is True and "Nothing to colour" in note.text
    assert fig.layout.annotations[0].text == "Source: ONS"  # the source line stays first for the patch
    operations = {tuple(op["location"]): op["params"].get("value") for op in map_patch(
        frame(), colour_by="change", spec=spec(NO_BASELINE), notice=reason).to_plotly_json()["operations"]}
    assert operations[("layout", "annotations", NOTICE, "visible")] is True
    assert "Nothing to colour" in operations[("layout", "annotations", NOTICE, "text")]
    assert figure().layout.annotations[NOTICE].visible is False


def test_map_values_codes_keep_only_the_inset_areas():
    values = map_values(frame(), "comparison", spec(DEATHS), codes=LONDON)
    assert sorted(values["locations"]) == sorted(LONDON)
    assert values["marker"]["line"]["color"] == [theme.MAP_BOUNDARY] * 2


@pytest.mark.parametrize("colour", ["value", "comparison", "change"])
def test_every_colouring_draws_every_area(colour):
    fig = figure(colour_by=colour)
    assert sorted(fig.data[0].locations) == ["camden", "cleveland", "hackney", "rutland"]
