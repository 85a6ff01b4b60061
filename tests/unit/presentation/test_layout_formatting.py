"""Formatting of each measure: percent, rates, counts, means; missing and suppressed never read as 0."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from presentation.formatting import (
    axis_title,
    format_change,
    format_count,
    format_interval,
    format_value,
    is_missing,
)
from tests.support.layout_samples import spec


class TestFormatValue:
    @pytest.mark.parametrize(("metric", "value", "expected"), [
        ("drug_use_last_year", 9.24, "9.2%"),
        ("deaths_in_treatment", 1.05, "1.1%"),
        ("drug_misuse_deaths", 9.8, "9.8 per 100,000"),
        ("drug_hospital_admissions", 1234.56, "1,234.6 per 100,000"),
        ("ocu_prevalence", 9.5, "9.5 per 1,000 aged 15-64"),
        ("drug_related_homicides", 336, "336"),
        ("neighbourhood_crime", 1960000, "1,960,000"),
        ("ocg_disruptions", 2449.6, "2,450"),
        ("drug_purity", 42.04, "42.0%"),
    ])
    def test_each_measure(self, metric, value, expected):
        assert format_value(value, spec(metric)) == expected

    @pytest.mark.parametrize("missing", [None, math.nan, np.nan, pd.NA])
    def test_missing_is_a_dash(self, missing):
        assert format_value(missing, spec("drug_misuse_deaths")) == "–"

    def test_suppressed_wins_over_any_value(self):
        """Given a suppressed row (even one carrying a 0), then it reads 'Suppressed'."""
        assert format_value(0, spec("drug_misuse_deaths"), suppressed=True) == "Suppressed"
        assert format_value(np.nan, spec("drug_misuse_deaths"), suppressed=True) == "Suppressed"

    def test_short_keeps_percent_drops_words(self):
        assert format_value(5.24, spec("drug_misuse_deaths"), short=True) == "5.2"
        assert format_value(36.1, spec("prison_continuity_of_care"), short=True) == "36.1%"

    def test_negative_and_negative_zero(self):
        assert format_value(-1.25, spec("drug_misuse_deaths"), short=True) == "−1.2"
        assert format_value(-0.01, spec("drug_misuse_deaths"), short=True) == "0.0"


class TestFormatChange:
    def test_rate_change_with_percentage(self):
        assert format_change(2.1, spec("drug_misuse_deaths"), change_pct=27.27) == "+2.1 per 100,000 (+27.3%)"

    def test_percent_metric_changes_in_points(self):
        assert format_change(-1.44, spec("drug_use_last_year"), change_pct=-15) == "−1.4 percentage points"

    def test_count_change(self):
        assert format_change(661, spec("county_lines_closed")) == "+661"

    def test_missing(self):
        assert format_change(np.nan, spec("county_lines_closed")) == "–"


class TestIntervalsAndCounts:
    def test_interval(self):
        assert format_interval(8.14, 11.26, spec("drug_misuse_deaths")) == "95% CI 8.1 to 11.3"
        assert format_interval(30.0, 42.5, spec("prison_continuity_of_care"), level="99.8") == \
            "99.8% CI 30.0% to 42.5%"

    def test_interval_missing_limit(self):
        assert format_interval(np.nan, 11.2, spec("drug_misuse_deaths")) == "–"

    def test_count(self):
        assert format_count(286545.0) == "286,545"
        assert format_count(None) == "–"

    def test_axis_title(self):
        assert axis_title(spec("drug_misuse_deaths")) == "Per 100,000 (age-standardised)"
        assert axis_title(spec("drug_use_last_year")) == "Percentage (%)"

    def test_is_missing_does_not_treat_text_or_zero_as_missing(self):
        assert [is_missing(v) for v in ["2021/22", 0, 0.0, None, np.nan, pd.NA, pd.NaT]] == \
            [False, False, False, True, True, True, True]
