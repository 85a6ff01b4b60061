"""The outcome page's headline says, in words, how the area is doing: value and period, comparison with England,
change since baseline, and with no area chosen how partnerships compare with England."""

from __future__ import annotations

import pandas as pd

from data_access.catalogue import get_catalogue
from layouts.outcome.headline import NATIONAL_ONLY, headline_block, spread_sentence
from tests.support.layout_tree import text


def _summary(**values):
    base = {"latest_value": 10.5, "latest_period": "2024/25", "suppressed": False, "estimated": False,
            "comparison": "better", "england_value": 7.2, "baseline_value": 9.0, "baseline_period": "2021/22",
            "change": 1.5, "change_pct": 17.1, "significance": "improved"}
    return {**base, **values}


def test_an_area_reads_value_period_comparison_and_change():
    spec = get_catalogue().metric("numbers_in_treatment")
    words = text(headline_block(spec, "Cleveland", _summary(), compared=True, context=None))
    assert words.startswith("Cleveland: Adults in treatment")
    assert "10.5" in words and "in 2024/25" in words
    assert "Better than England" in words and "England: 7.2" in words
    assert "Improved since baseline (significant)" in words and "since 2021/22 baseline" in words


def test_england_is_not_compared_with_itself_and_a_missing_value_says_so():
    spec = get_catalogue().metric("numbers_in_treatment")
    words = text(headline_block(spec, "England", _summary(latest_value=None, comparison="not_compared"),
                                compared=False, context=NATIONAL_ONLY))
    assert "No data yet" in words and "than England" not in words and "Published for England only" in words


def test_the_spread_counts_partnerships_by_their_comparison_with_england():
    values = pd.DataFrame({"period": ["2024/25"] * 6,
                           "comparison": ["worse", "worse", "similar", "better", "better", "better"]})
    assert spread_sentence(values) == ("In 2024/25, of 6 partnerships compared with England, 2 were significantly "
                                       "worse, 1 similar and 3 significantly better. Choose your area below, or "
                                       "click it on the map.")
    one = pd.DataFrame({"period": ["2024/25"], "comparison": ["similar"]})
    assert spread_sentence(one).startswith("In 2024/25, of 1 partnership compared with England, 1 was similar.")
    none = pd.DataFrame({"period": ["2024/25"], "comparison": ["not_compared"]})
    assert spread_sentence(none) == "Choose your area below, or click it on the map."
