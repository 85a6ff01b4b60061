"""OHID's rule: a rate from fewer than 10 events is not drawn as a point without its interval, and the chart says so."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from reportlab.graphics.shapes import Group, String

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from presentation.boardpack.charts import trend_drawing
from presentation.figures import trend_figure
from presentation.figures._categories import categorise
from presentation.figures.gaps import FEWER_THAN_10, SMALL_NUMBERS_NOTE, small_count_flags

DSR = "drug_misuse_deaths"
CRUDE = next(m.id for m in get_catalogue().metrics.values() if m.measure == "crude_rate")
PROPORTION = next(m.id for m in get_catalogue().metrics.values() if m.measure == "proportion")


def frame(counts: list[float], *, with_ci: bool = True) -> pd.DataFrame:
    rows = []
    for code, name, kind, numbers in (("P1", "Calderdale", "partnership", counts),
                                      (ENGLAND, "England", "country", [4000.0] * len(counts))):
        for year, count in zip(range(2017, 2017 + len(counts)), numbers, strict=True):
            value = count / 10
            rows.append({"area_code": code, "area_name": name, "area_type": kind,
                         "period": f"{year}-{(year + 2) % 100:02d}", "period_start": date(year, 1, 1),
                         "period_end": date(year + 2, 12, 31), "value": value,
                         "lower_ci": value - 0.5 if with_ci else np.nan, "upper_ci": value + 0.5 if with_ci else np.nan,
                         "numerator": count, "suppressed": False, "note": None})
    return pd.DataFrame(rows)


def line(fig):
    return next(t for t in fig.data if t.name == "Calderdale")


def test_a_dsr_from_fewer_than_10_events_is_not_drawn_even_with_an_interval():
    fig = trend_figure(frame([8, 40, 45]), spec=get_catalogue().metric(DSR), selected_code="P1")
    assert list(line(fig).y) == [None, 4.0, 4.5]
    assert "not shown (fewer than 10 events)" in line(fig).text[0]
    assert [a.text for a in fig.layout.annotations if a.name == "gap"] == [FEWER_THAN_10]
    (note,) = [a for a in fig.layout.annotations if a.name == "small_numbers"]
    assert note.text.replace("<br>", " ") == SMALL_NUMBERS_NOTE
    band = [t for t in fig.data if t.legendgroup == "ci"]
    assert all(pd.Timestamp(2018, 7, 2) not in [pd.Timestamp(x) for x in t.x] for t in band)


def test_ten_events_are_drawn_and_no_note_is_added():
    fig = trend_figure(frame([10, 40, 45]), spec=get_catalogue().metric(DSR), selected_code="P1")
    assert list(line(fig).y) == [1.0, 4.0, 4.5]
    assert not [a for a in fig.layout.annotations if a.name in ("small_numbers", "gap")]


@pytest.mark.parametrize(("metric", "with_ci", "hidden"), [
    (CRUDE, False, True),      # a crude rate without its interval: not drawn
    (CRUDE, True, False),      # with its interval it is drawn as published
    (PROPORTION, False, False),  # proportions are published from any count
])
def test_which_measures_the_rule_covers(metric, with_ci, hidden):
    data = frame([8, 40], with_ci=with_ci)
    assert small_count_flags(data[data["area_code"] == "P1"], get_catalogue().metric(metric))[0] is hidden


def test_the_board_pack_leaves_the_point_out_and_says_why():
    drawing = trend_drawing(frame([8, 40, 45]), spec=get_catalogue().metric(DSR), selected_code="P1",
                            selected_name="Calderdale", summary={}, width=500)
    texts = strings(drawing)
    assert SMALL_NUMBERS_NOTE in texts and FEWER_THAN_10 in texts


def test_the_map_does_not_colour_a_rate_from_fewer_than_10_events():
    data = frame([8, 40]).query("period == '2017-19'").assign(comparison="worse", quintile=5)
    categories = categorise(data, "comparison", get_catalogue().metric(DSR))
    row = categories[categories["area_code"] == "P1"].iloc[0]
    assert row["key"] == "not_compared"
    assert "fewer than 10 events" in row["hover"]


def strings(node) -> list[str]:
    found = []
    for item in getattr(node, "contents", []):
        if isinstance(item, String):
            found.append(item.text)
        elif isinstance(item, Group):
            found.extend(strings(item))
    return found
