"""Boundary and tile maps: categories, suppressed areas, map_values/map_figure agreement, Patch and legend."""

from __future__ import annotations

import dash
import pytest
from dash import html

from presentation import theme
from presentation.figures import clicked_area_code, map_figure, map_legend, map_patch, map_values
from presentation.figures.tiles import tile_map_figure, tile_values
from tests.support.layout_samples import area_values, spec

DEATHS = "drug_misuse_deaths"


def _by_code(values: dict) -> dict[str, int]:
    return dict(zip(values["locations"], values["z"], strict=True))


def _colour_of(values: dict, z: int) -> str:
    """The colour the discrete colorscale gives category ``z``."""
    span = values["zmax"] - values["zmin"]
    position = (z - values["zmin"]) / span
    for (lo, colour), (hi, _) in zip(values["colorscale"][::2], values["colorscale"][1::2], strict=True):
        if lo <= position <= hi:
            return colour
    raise AssertionError("no band")


class TestMapValues:
    def test_comparison_categories_and_colours(self):
        """Given better/similar/worse areas, then each gets its comparison colour through the colorscale."""
        values = map_values(area_values(), "comparison", spec(DEATHS))
        z = _by_code(values)
        assert _colour_of(values, z["P1"]) == theme.WORSE
        assert _colour_of(values, z["P2"]) == theme.BETTER
        assert _colour_of(values, z["P3"]) == theme.SIMILAR

    def test_suppressed_and_missing_are_not_compared_never_zero(self):
        """Given a suppressed and a missing area, then both fall in the not-compared class with words in hover."""
        values = map_values(area_values(), "value", spec(DEATHS))
        z = _by_code(values)
        last = int(values["zmax"] - 0.5)
        assert z["P4"] == last and z["P5"] == last
        assert _colour_of(values, last) == theme.NOT_COMPARED
        hover = dict(zip(values["locations"], values["text"], strict=True))
        assert "Suppressed" in hover["P4"] and "Fewer than 5 deaths" in hover["P4"]
        assert "No data" in hover["P5"]
        assert "0.0" not in hover["P4"]

    def test_value_mode_uses_quintiles(self):
        values = map_values(area_values(), "value", spec(DEATHS))
        z = _by_code(values)
        assert (z["P2"], z["P3"], z["P1"]) == (0, 1, 4)

    def test_change_mode_uses_change_significance(self):
        values = map_values(area_values(), "change", spec(DEATHS))
        z = _by_code(values)
        assert _colour_of(values, z["P1"]) == theme.WORSE
        assert _colour_of(values, z["P2"]) == theme.BETTER

    def test_no_judgement_metric_uses_higher_lower(self):
        frame = area_values()
        frame["comparison"] = ["higher", "lower", "similar", "not_compared", "not_compared", "not_compared"]
        values = map_values(frame, "comparison", spec("drug_seizures"))
        z = _by_code(values)
        assert _colour_of(values, z["P1"]) == theme.HIGHER
        assert _colour_of(values, z["P2"]) == theme.LOWER

    def test_england_is_not_a_map_area(self):
        assert "E92000001" not in map_values(area_values(), "comparison", spec(DEATHS))["locations"]

    def test_customdata_carries_codes_and_hover_has_interval(self):
        values = map_values(area_values(), "comparison", spec(DEATHS))
        assert values["customdata"] == values["locations"]
        hover = dict(zip(values["locations"], values["text"], strict=True))
        assert hover["P1"] == ("<b>Cleveland</b><br>9.8 per 100,000 (2021-23)<br>95% CI 8.8 to 10.8"
                               "<br>Worse than England")

    def test_selected_area_outlined_and_drawn_last(self):
        values = map_values(area_values(), "comparison", spec(DEATHS), selected_code="P2")
        assert values["locations"][-1] == "P2"
        assert values["marker"]["line"]["width"][-1] > values["marker"]["line"]["width"][0]
        assert values["marker"]["line"]["color"][-1] == theme.SELECTED_OUTLINE

    def test_unknown_colour_mode(self):
        with pytest.raises(ValueError):
            map_values(area_values(), "rainbow", spec(DEATHS))


class TestMapFigure:
    def test_figure_uses_map_values(self):
        """Given the same inputs, then the figure's trace equals map_values property by property."""
        frame = area_values()
        values = map_values(frame, "comparison", spec(DEATHS), selected_code="P1")
        fig = map_figure(geojson_url="/assets/geo/partnerships.geojson", area_values=frame, colour_by="comparison",
                         spec=spec(DEATHS), selected_code="P1", source_line="Source: ONS")
        trace = fig.data[0].to_plotly_json()
        for key, value in values.items():
            if key == "colorscale":
                assert [list(s) for s in trace[key]] == value
            elif key == "marker":
                assert list(trace["marker"]["line"]["width"]) == value["line"]["width"]
            else:
                assert list(trace[key]) == value if isinstance(value, list) else trace[key] == value

    def test_svg_geo_map_fitted_to_its_areas_geojson_url(self):
        fig = map_figure(geojson_url="/assets/geo/p.geojson", area_values=area_values(), colour_by="value",
                         spec=spec(DEATHS), source_line="Source: ONS. Data up to 2021-23")
        trace = fig.data[0]
        assert trace.type == "choropleth"
        assert trace.geojson == "/assets/geo/p.geojson"
        assert trace.featureidkey == "id"
        assert fig.layout.geo.fitbounds == "locations" and fig.layout.geo.visible is False
        assert fig.layout.annotations[0].text == "Source: ONS. Data up to 2021-23"
        assert "Deaths related to drug misuse" in fig.layout.title.text

    def test_patch_sends_values_not_geometry(self):
        patch = map_patch(area_values(), colour_by="change", spec=spec(DEATHS), source_line="New source")
        assert isinstance(patch, dash.Patch)
        operations = patch.to_plotly_json()["operations"]
        locations = [tuple(op["location"]) for op in operations]
        assert ("data", 0, "z") in locations
        assert ("layout", "annotations", 0, "text") in locations
        assert not any("geojson" in loc for loc in locations)

    def test_patch_title_and_source_match_a_fresh_figure(self):
        """Given the same view, then a patched figure's title/source text equals a freshly built figure's."""
        source = "Source: ONS, Deaths related to drug poisoning in England and Wales (2023 release). Data up to 2021-23."
        fig = map_figure(geojson_url="/g.json", area_values=area_values(), colour_by="change", spec=spec(DEATHS),
                         source_line=source)
        operations = {tuple(op["location"]): op["params"]["value"]
                      for op in map_patch(area_values(), colour_by="change", spec=spec(DEATHS),
                                          source_line=source).to_plotly_json()["operations"]}
        assert operations[("layout", "title", "text")] == fig.layout.title.text
        assert operations[("layout", "annotations", 0, "text")] == fig.layout.annotations[0].text
        assert "<br>" in fig.layout.annotations[0].text

    def test_clicked_area_code(self):
        assert clicked_area_code({"points": [{"customdata": "P1", "location": "P1"}]}) == "P1"
        assert clicked_area_code({"points": [{"location": "P2"}]}) == "P2"
        assert clicked_area_code(None) is None


class TestLegend:
    def test_swatch_symbol_and_words(self):
        """Given the comparison key, then each item has a glyph (hidden from AT) and words — not colour alone."""
        legend = map_legend("comparison", spec(DEATHS))
        items = legend.children[1].children
        texts = [item.children[1].children for item in items]
        assert texts == ["Better than England", "Similar to England", "Worse than England",
                         "Not compared, suppressed or no data"]
        swatch = items[0].children[0]
        assert swatch.children == "✓"
        assert getattr(swatch, "aria-hidden") == "true"
        assert swatch.style["backgroundColor"] == theme.BETTER

    def test_quintile_labels(self):
        legend = map_legend("value", spec(DEATHS))
        texts = [item.children[1].children for item in legend.children[1].children]
        assert texts[0] == "Lowest 20%" and texts[4] == "Highest 20%"
        assert isinstance(legend, html.Div)


class TestTileMap:
    def test_tiles_show_glyphs_and_colours(self):
        import pandas as pd

        tiles = pd.DataFrame({"area_code": ["P1", "P2", "P3", "P4", "P5", "P9"], "x": [0, 1, 2, 0, 1, 2],
                              "y": [0, 0, 0, 1, 1, 1]})
        values = tile_values(tiles, area_values(), "comparison", spec(DEATHS), selected_code="P1")
        assert [text.split("<br>")[-1] for text in values["text"][:3]] == ["✗", "✓", "≈"]
        assert values["marker"]["color"][3] == theme.NOT_COMPARED
        assert values["hovertext"][5] == "P9"
        fig = tile_map_figure(tiles=tiles, area_values=area_values(), colour_by="comparison", spec=spec(DEATHS))
        assert list(fig.data[0].text) == tile_values(tiles, area_values(), "comparison", spec(DEATHS))["text"]
