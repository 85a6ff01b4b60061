"""Tile-map hexagons carry a short code of their area (unique, made from the name) over their class glyph."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access.catalogue import get_catalogue
from data_access.geography import AREAS_FILE
from presentation.figures.short_codes import short_codes
from presentation.figures.tiles import tile_map_figure, tile_values

DEATHS = "drug_misuse_deaths"


def spec():
    return get_catalogue().metric(DEATHS)


def test_short_codes_are_initials_or_first_letters_and_unique():
    names = {"E06000012": "North East Lincolnshire", "E08000003": "Manchester", "E10000032": "West Sussex",
             "E06000016": "Leicester", "E10000018": "Leicestershire", "E06000010": "Kingston upon Hull, City of"}
    codes = short_codes(names)
    assert codes["E06000012"] == "NEL" and codes["E08000003"] == "MAN" and codes["E10000032"] == "WS"
    assert codes["E06000010"] == "KH"
    assert codes["E06000016"] == "LEI" and codes["E10000018"] != "LEI" and codes["E10000018"].startswith("L")
    assert len(set(codes.values())) == len(codes)
    assert short_codes(dict(reversed(list(names.items())))) == codes  # the same whatever the order given


def test_every_current_authority_gets_its_own_code():
    areas = pd.read_csv(AREAS_FILE, dtype=str)
    current = areas[areas["code"].str[:3].isin(["E06", "E08", "E09", "E10", "E11"]) & areas["valid_to"].isna()]
    codes = short_codes(dict(zip(current["code"], current["name"], strict=True)))
    assert len(codes) == len(current) and len(set(codes.values())) == len(codes)
    assert all(2 <= len(c) <= 4 and c.isupper() for c in codes.values())


def test_tiles_show_the_short_code_over_the_glyph_once_per_area():
    # Three tiles of one partnership (its code goes on the tile nearest its middle) and one of another.
    tiles = pd.DataFrame({"area_code": ["greater-manchester", "greater-manchester", "greater-manchester", "kent"],
                          "area_name": ["Greater Manchester"] * 3 + ["Kent"],
                          "x": [0.0, 1.0, 2.0, 5.0], "y": [0.0, 0.0, 0.0, 0.0]})
    values = pd.DataFrame({"area_code": ["greater-manchester", "kent"], "area_name": ["Greater Manchester", "Kent"],
                           "area_type": "partnership", "period": "2022-24", "value": [9.0, np.nan],
                           "comparison": ["worse", "not_compared"], "change_significance": "not_tested",
                           "quintile": pd.array([5, pd.NA], dtype="Int64"), "suppressed": False, "note": None,
                           "numerator": 50.0, "denominator": 1e5, "lower_ci": [8.0, np.nan], "upper_ci": [10.0, np.nan]})
    text = tile_values(tiles, values, "comparison", spec())["text"]
    assert text[1] == "<b>GM</b><br>✗"  # the middle tile of Greater Manchester
    assert text[0] == "✗" and text[2] == "✗"
    assert text[3] == "<b>KEN</b><br>○"
    fig = tile_map_figure(tiles=tiles, area_values=values, colour_by="comparison", spec=spec())
    assert list(fig.data[0].text) == text
