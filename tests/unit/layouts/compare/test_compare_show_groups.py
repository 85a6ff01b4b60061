"""The compare page's "Show" choice: the group of partnerships the ranked chart draws."""

from __future__ import annotations

import pandas as pd
import pytest

from layouts.compare.groups import ranked_codes, shown_group


@pytest.fixture
def parts() -> pd.DataFrame:
    return pd.DataFrame({"code": list("ABCDEFGH"), "name": [f"Area {c}" for c in "ABCDEFGH"],
                         "region_code": ["R1", "R1", "R1", "R2", "R2", "R2", "R3", "R3"],
                         "region_name": ["North", "North", "North", "South", "South", "South", "West", "West"]})


@pytest.fixture
def values(parts) -> pd.DataFrame:
    return pd.DataFrame({"area_code": parts["code"], "area_name": parts["name"],
                         "value": [8.0, 3.0, 7.0, 1.0, 6.0, None, 5.0, 2.0],
                         "suppressed": [False] * 5 + [True] + [False] * 2})


def test_ranked_codes_leave_out_missing_and_suppressed(values):
    assert ranked_codes(values) == ["A", "C", "E", "G", "B", "H", "D"]


def test_all_and_the_region_filter(values, parts):
    assert shown_group(values, parts, show="all", chosen=None).codes == list("ABCDEFGH")
    group = shown_group(values, parts, show="all", chosen="A", region="R2")
    assert group.codes == ["D", "E", "F"] and group.heading == "All partnerships in South"


def test_region_of_the_chosen_partnership(values, parts):
    group = shown_group(values, parts, show="region", chosen="E")
    assert group.codes == ["D", "E", "F"] and "South" in group.heading


def test_similar_partnerships(values, parts):
    group = shown_group(values, parts, show="similar", chosen="A", similar=["G", "D", "A"])
    assert group.codes == ["A", "G", "D"] and group.note == ""
    alone = shown_group(values, parts, show="similar", chosen="A", similar=[])
    assert alone.codes == ["A"] and "No similar" in alone.note


def test_neighbours_in_rank(values, parts):
    group = shown_group(values, parts, show="rank", chosen="G", window=1)
    assert group.codes == ["E", "G", "B"] and "(4 of 7)" in group.heading
    top = shown_group(values, parts, show="rank", chosen="A", window=2)
    assert top.codes == ["A", "C", "E"]
    missing = shown_group(values, parts, show="rank", chosen="F")
    assert missing.codes == ["F"] and "no value" in missing.note


def test_a_group_needs_a_chosen_partnership(values, parts):
    for show in ("region", "similar", "rank"):
        group = shown_group(values, parts, show=show, chosen=None)
        assert group.codes == list("ABCDEFGH") and "Choose a partnership" in group.note
    with pytest.raises(ValueError):
        shown_group(values, parts, show="banana", chosen="A")
