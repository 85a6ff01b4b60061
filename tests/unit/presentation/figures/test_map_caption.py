"""The sentence under the map counts the classes the map is coloured by, and says why when none can be coloured."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from presentation.figures import map_values
from presentation.figures._categories import categorise, map_categories
from presentation.figures.map_caption import map_caption, nothing_to_colour

DEATHS = "drug_misuse_deaths"
NO_BASELINE = "drug_hospital_admissions"


def spec(metric_id: str):
    return get_catalogue().metric(metric_id)


def frame(*, comparison=("worse", "better", "better", "similar", "not_compared", "similar"),
          change=("worsened", "improved", "no_significant_change", "improved", "not_tested", "not_tested"),
          values=(9.8, 4.1, 4.5, 5.0, np.nan, 6.1), period: str = "2022-24") -> pd.DataFrame:
    n = len(values)
    table = pd.DataFrame({
        "area_code": [f"P{i}" for i in range(n)], "area_name": [f"Area {i}" for i in range(n)],
        "area_type": "partnership", "period": period, "value": list(values), "comparison": list(comparison),
        "change_significance": list(change), "quintile": pd.array([5, 1, 2, 3, pd.NA, 4][:n], dtype="Int64"),
        "suppressed": False, "note": None, "numerator": 50.0, "denominator": 100000.0})
    table["lower_ci"], table["upper_ci"] = table["value"] - 1, table["value"] + 1
    return table


def caption(colour: str, table: pd.DataFrame | None = None, metric: str = DEATHS, period: str = "2022-24") -> str:
    return map_caption(categorise(frame() if table is None else table, colour, spec(metric)), colour, spec(metric),
                       period=period, noun="partnership")


def test_comparison_caption_counts_each_class():
    assert caption("comparison") == ("Coloured compared with England: of 6 partnerships in 2022-24, 2 better than "
                                     "England, 2 similar to England, 1 worse than England and 1 not compared, "
                                     "suppressed or no data.")


def test_change_caption_describes_change_not_england():
    text = caption("change")
    assert text.startswith("Coloured by change since the baseline: of 6 partnerships in 2022-24, ")
    assert "2 improved since the baseline" in text and "1 worsened since the baseline" in text
    assert "1 showed no significant change since the baseline" in text
    assert "England" not in text


def test_value_caption_describes_fifths_not_england():
    text = caption("value")
    assert text.startswith("Coloured by value, in fifths: ")
    assert "1 in the lowest 20% of values" in text and "1 in the highest 20% of values" in text
    assert "England" not in text


@pytest.mark.parametrize("colour", ["value", "comparison", "change"])
def test_caption_counts_agree_with_the_map_colours(colour):
    """Each class's count in the sentence is the number of areas the map draws in that class."""
    table = frame()
    values = map_values(table, colour, spec(DEATHS))
    categories = map_categories(colour, spec(DEATHS))
    text = caption(colour, table)
    drawn = pd.Series(values["z"]).value_counts()
    for index, count in drawn.items():
        words = categories[index].text.lower()
        assert f"{count} " in text and (words.split()[0] in text.lower()), (index, count, text)
    assert sum(int(c) for c in drawn) == 6


def test_no_baseline_says_why_instead_of_a_grey_map():
    table = frame(change=("not_tested",) * 6)
    reason = nothing_to_colour(categorise(table, "change", spec(NO_BASELINE)), "change", spec(NO_BASELINE),
                               period="2022-24", noun="partnership")
    assert reason is not None and "no baseline" in reason and "Drug-related hospital admissions" in reason
    assert caption("change", table, NO_BASELINE) == reason


def test_a_baseline_period_is_said_to_be_one():
    table = frame(change=("not_tested",) * 6, period="2019-21")
    text = caption("change", table, DEATHS, period="2019-21")
    assert text.startswith("Nothing to colour") and "2019-21 is a baseline period" in text


def test_nothing_compared_or_valued_says_so():
    table = frame(comparison=("not_compared",) * 6, values=(np.nan,) * 6)
    assert "could be compared with England" in caption("comparison", table)
    assert "has a value" in caption("value", table)


def test_something_coloured_has_no_reason():
    classes = categorise(frame(), "change", spec(DEATHS))
    assert nothing_to_colour(classes, "change", spec(DEATHS), period="2022-24", noun="partnership") is None
