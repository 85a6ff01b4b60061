"""The "so what" line of a slide: where the area stands against England and which way it has moved, in plain
words, from the slide's own summary."""

from __future__ import annotations

import pytest

from layouts.present.so_what import so_what
from tests.support.layout_samples import baseline_summary, spec

DEATHS = "drug_misuse_deaths"  # lower is better, baseline 2019-21


def _summary(**overrides):
    return baseline_summary(**{"comparison": "worse", "england_value": 5.5, "baseline_period": "2019-21",
                               **overrides})


@pytest.mark.parametrize(("comparison", "significance", "expected"), [
    ("worse", "worsened", "Worse than England and getting worse since the 2019-21 baseline."),
    ("better", "worsened", "Better than England but getting worse since the 2019-21 baseline."),
    ("worse", "improved", "Worse than England but getting better since the 2019-21 baseline."),
    ("better", "improved", "Better than England and getting better since the 2019-21 baseline."),
    ("similar", "no_significant_change",
     "Similar to England, with no significant change since the 2019-21 baseline."),
])
def test_comparison_joined_to_the_change_since_baseline(comparison, significance, expected):
    line = so_what(spec(DEATHS), _summary(comparison=comparison, significance=significance), local=True)
    assert line == expected


def test_an_untested_change_lets_the_recent_trend_speak():
    summary = _summary(significance="not_tested", trend="increasing", trend_judgement="getting_worse")
    assert so_what(spec(DEATHS), summary, local=True) == "Worse than England and getting worse in recent periods."


def test_nothing_tested_says_so_in_plain_words():
    summary = _summary(comparison="not_compared", significance="not_tested", trend="not_enough_data",
                       trend_judgement="not_enough_data")
    line = so_what(spec(DEATHS), summary, local=True)
    assert line == "Not compared with England, and the change since baseline has not been tested."


def test_the_baseline_period_itself_is_no_change():
    summary = _summary(latest_period="2019-21", significance="not_tested", trend="not_enough_data")
    assert so_what(spec(DEATHS), summary, local=True) == "Worse than England; the change since baseline has not " \
                                                          "been tested."


def test_england_figures_speak_of_englands_own_change():
    summary = _summary(significance="improved")
    assert so_what(spec(DEATHS), summary, local=False) == "England: getting better since the 2019-21 baseline."


def test_a_missing_value_gives_its_reason():
    summary = _summary(latest_value=None, latest_period="2024/25")
    line = so_what(spec(DEATHS), summary, local=True, reason="no 2024/25 value: Oldham has not published")
    assert line == "No 2024/25 value: Oldham has not published."
    assert so_what(spec(DEATHS), summary, local=True) == "No 2024/25 value has been published."


def test_a_suppressed_value_says_it_is_withheld():
    line = so_what(spec(DEATHS), _summary(suppressed=True), local=True)
    assert "suppressed" in line and "Worse" not in line


def test_no_editor_words_or_markup():
    for significance in ("improved", "worsened", "no_significant_change", "not_tested"):
        line = so_what(spec(DEATHS), _summary(significance=significance), local=True)
        assert line.endswith(".") and "<" not in line and "TODO" not in line and "note" not in line.lower()
