"""One geography vintage per period: old and new authorities never double count, straddles are said."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from data_access import read
from data_access.geography import AREAS_FILE
from data_access.read.vintage_choice import straddling
from tests.support.fixtures.read import add_release

METRIC = "numbers_in_treatment"  # crude rate per 1,000 adults, pooled from counts
NORTH_WEST = "E12000002"


def _north_west(vintage_day: str) -> list[str]:
    with AREAS_FILE.open(encoding="utf-8") as handle:
        return [r["code"] for r in csv.DictReader(handle) if r["type"] == "utla" and r["parent_code"] == NORTH_WEST
                and r["valid_from"] <= vintage_day and (not r["valid_to"] or vintage_day <= r["valid_to"])]


def _rows(codes: list[str], geography: str, count: int) -> list[dict]:
    return [{"metric_id": METRIC, "area_code": code, "period": "2019/20", "numerator": count, "denominator": 100000,
             "value": 10 * count / 1000, "geography": geography} for code in codes]


def test_a_period_on_two_vintages_is_drawn_on_the_newest_only(read_store):
    old, new = _north_west("2023-03-31"), _north_west("2023-04-01")
    assert "E10000006" in old and "E06000063" in new
    add_release(read_store, _rows(old, "2021", 100), name="402")
    add_release(read_store, _rows(new, "2023", 200), name="502")
    region = read.area_values(METRIC, area_type="region", period="2019/20").set_index("area_code")
    assert region.loc[NORTH_WEST, "numerator"] == 200 * len(new)  # Cumbria's 402 row is not added in
    utla = read.area_values(METRIC, area_type="utla", period="2019/20")
    assert "E10000006" not in set(utla["area_code"]) and "E06000063" in set(utla["area_code"])
    assert set(utla["geography"].dropna()) == {"2023"}


def test_an_older_vintage_alone_is_drawn_on_its_own_authorities(read_store):
    add_release(read_store, _rows(_north_west("2023-03-31"), "2021", 100), name="402")
    utla = read.area_values(METRIC, area_type="utla", period="2019/20").set_index("area_code")
    assert utla.loc["E10000006", "value"] == pytest.approx(1.0)
    assert "E06000063" not in utla.index
    partnership = read.area_values(METRIC, area_type="partnership", period="2019/20").set_index("area_code")
    assert partnership.loc["cumbria", "numerator"] == 100  # the former county pools into its successors' partnership


def test_a_former_authority_split_between_partnerships_is_named():
    areas = pd.read_csv(AREAS_FILE, dtype=str).assign(
        valid_from=lambda f: pd.to_datetime(f["valid_from"]).dt.date,
        valid_to=lambda f: pd.to_datetime(f["valid_to"]).dt.date.where(f["valid_to"].notna(), None))
    members = pd.DataFrame({"partnership_code": ["cumberland", "westmorland"],
                            "partnership_name": ["Cumberland", "Westmorland and Furness"],
                            "member_code": ["E06000063", "E06000064"]})
    notes = straddling(members, areas, "2021")
    assert set(notes) == {"cumberland", "westmorland"}
    assert "Cumbria covered this partnership and Westmorland and Furness" in notes["cumberland"]
    assert straddling(members, areas, "2023") == {}
