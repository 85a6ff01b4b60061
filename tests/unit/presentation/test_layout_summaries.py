"""Rule-based sentences: exact wording for each comparison, polarity, significance and gap."""

from __future__ import annotations

import numpy as np
import pytest

from presentation.summaries import (
    change_label,
    compare_summary,
    map_summary,
    national_summary,
    ordinal,
    trend_summary,
)
from tests.support.layout_samples import area_values, baseline_summary, spec

DEATHS = "drug_misuse_deaths"


class TestTrendSummary:
    def test_worse_and_significant_worsening(self):
        assert trend_summary(spec(DEATHS), "Cleveland", baseline_summary(), "worse", 5.2) == (
            "In Cleveland, deaths related to drug misuse were 9.8 per 100,000 in 2021-23, significantly worse "
            "than England (5.2); since the 2019-21 baseline the rate has risen, a statistically significant "
            "worsening.")

    def test_similar_and_not_significant(self):
        summary = baseline_summary(significance="no_significant_change", latest_value=5.3, change=0.4)
        assert trend_summary(spec(DEATHS), "Dorset", summary, "similar", 5.2) == (
            "In Dorset, deaths related to drug misuse were 5.3 per 100,000 in 2021-23, similar to England (5.2); "
            "since the 2019-21 baseline the rate has risen, but the change is not statistically significant.")

    def test_better_and_improved(self):
        summary = baseline_summary(significance="improved", latest_value=4.1, change=-1.0)
        assert trend_summary(spec(DEATHS), "Avon", summary, "better", 5.2) == (
            "In Avon, deaths related to drug misuse were 4.1 per 100,000 in 2021-23, significantly better than "
            "England (5.2); since the 2019-21 baseline the rate has fallen, a statistically significant improvement.")

    def test_higher_is_better_percentage(self):
        summary = baseline_summary(baseline_period="Q4 2021/22", baseline_value=36.1, latest_period="Q4 2022/23",
                                   latest_value=40.7, change=4.6, significance="improved")
        assert trend_summary(spec("prison_continuity_of_care"), "Kent", summary, "similar", 40.2) == (
            "In Kent, continuity of care - engagement in community treatment within 3 weeks of leaving prison was "
            "40.7% in Q4 2022/23, similar to England (40.2%); since the Q4 2021/22 baseline the percentage has "
            "risen, a statistically significant improvement.")

    def test_no_judgement_polarity(self):
        """Given a no-judgement metric, then the words are higher/increase, never better/worse."""
        summary = baseline_summary(baseline_period="2021/22", baseline_value=50.0, latest_period="2022/23",
                                   latest_value=61.0, change=11.0, significance="increased")
        assert trend_summary(spec("drug_seizures"), "Avon", summary, "higher", 48) == (
            "In Avon, drug seizures were 61 in 2022/23, significantly higher than England (48); since the 2021/22 "
            "baseline the number has risen, a statistically significant increase.")

    def test_suppressed_latest_value(self):
        summary = baseline_summary(latest_value=np.nan)
        assert trend_summary(spec(DEATHS), "Rutland", summary, None, 5.2, suppressed=True) == (
            "In Rutland, the 2021-23 value for deaths related to drug misuse is suppressed to protect "
            "confidentiality.")

    def test_missing_latest_value(self):
        assert trend_summary(spec(DEATHS), "Isles", None, None, 5.2, latest_period="2021-23") == (
            "In Isles, there is no value for deaths related to drug misuse for 2021-23.")

    def test_metric_without_baseline(self):
        assert trend_summary(spec("drug_hospital_admissions"), "Avon", None, "not_compared", 300.0,
                             latest_value=412.25, latest_period="2022/23") == (
            "In Avon, hospital admissions for drug poisoning and drug-related mental and behavioural disorders "
            "were 412.2 per 100,000 in 2022/23; no baseline has been set for this measure.")

    def test_latest_is_baseline(self):
        summary = baseline_summary(latest_period="2019-21", latest_value=7.7, change=0.0, significance="not_tested")
        assert trend_summary(spec(DEATHS), "Cleveland", summary, "worse", 5.0).endswith(
            "; this is the baseline period.")


class TestNationalSummary:
    def test_average_baseline_and_ambition(self):
        summary = {"baseline_period": "2019/20 to 2021/22", "baseline_value": 2450, "latest_period": "2022/23",
                   "latest_value": 2974, "change": 524, "change_pct": 21.4, "significance": "not_tested"}
        assert national_summary(spec("ocg_disruptions"), summary,
                                ambition_text="Deliver 8,800 major and moderate disruptions by 2024/25.") == (
            "In England, major and moderate disruptions against organised crime groups were 2,974 in 2022/23; "
            "since the baseline (average of 2019/20 to 2021/22) the number has risen (not tested for statistical "
            "significance). Ambition: Deliver 8,800 major and moderate disruptions by 2024/25.")


class TestMapSummary:
    def test_counts_by_comparison_with_gaps(self):
        assert map_summary(spec(DEATHS), area_values(), "2021-23") == (
            "Of 5 partnerships, 1 was better than England, 1 similar and 1 worse in 2021-23; 1 value is "
            "suppressed; 1 has no data.")

    def test_large_counts_match_brief_wording(self):
        rows = ([{"comparison": "better"}] * 18 + [{"comparison": "similar"}] * 70 + [{"comparison": "worse"}] * 34
                + [{"comparison": "not_compared", "suppressed": True}] * 3)
        for i, row in enumerate(rows):
            row.update(area_code=f"P{i}", area_name=f"Area {i}", value=np.nan if row.get("suppressed") else 5.0,
                       quintile=1, change_significance="not_tested")
        assert map_summary(spec(DEATHS), area_values(rows, period="2021/22"), "2021/22") == (
            "Of 125 partnerships, 18 were better than England, 70 similar and 34 worse in 2021/22; "
            "3 values are suppressed.")

    def test_no_judgement_uses_lower_higher(self):
        frame = area_values()
        frame["comparison"] = frame["comparison"].replace({"better": "lower", "worse": "higher"})
        assert map_summary(spec("drug_seizures"), frame, "2021/22").startswith(
            "Of 5 partnerships, 1 was lower than England, 1 similar and 1 higher in 2021/22")

    def test_nothing_compared_gives_range(self):
        frame = area_values()
        frame["comparison"] = "not_compared"
        assert map_summary(spec(DEATHS), frame, "2021-23") == (
            "In 2021-23, values for 3 partnerships ranged from 4.1 per 100,000 (Avon) to 9.8 per 100,000 "
            "(Cleveland); none were compared with England; 1 value is suppressed; 1 has no data.")

    def test_single_value(self):
        frame = area_values()
        frame["comparison"] = "not_compared"
        frame.loc[frame["area_code"].isin(["P2", "P3"]), "value"] = np.nan
        assert map_summary(spec(DEATHS), frame, "2021-23") == (
            "In 2021-23, the only partnership value is 9.8 per 100,000 (Cleveland); none were compared with England; "
            "1 value is suppressed; 3 have no data.")

    def test_local_authorities(self):
        frame = area_values()
        frame.loc[frame["area_type"] == "partnership", "area_type"] = "utla"
        assert map_summary(spec(DEATHS), frame, "2021-23").startswith("Of 5 local authorities,")


class TestCompareSummary:
    def test_selected_rank(self):
        assert compare_summary(spec(DEATHS), area_values(), selected_code="P3", england_value=5.2,
                               period="2021-23") == (
            "Dorset had the 2nd highest value of 3 partnerships (5.0 per 100,000 in 2021-23), similar to England "
            "(5.2); 1 value is suppressed; 1 has no data.")

    def test_selected_suppressed(self):
        assert compare_summary(spec(DEATHS), area_values(), selected_code="P4", england_value=5.2,
                               period="2021-23").startswith("The value for Rutland is suppressed. In 2021-23, values")

    def test_no_selection_gives_range(self):
        assert compare_summary(spec(DEATHS), area_values(), england_value=5.2, period="2021-23") == (
            "In 2021-23, values for 3 partnerships ranged from 4.1 per 100,000 (Avon) to 9.8 per 100,000 "
            "(Cleveland); England 5.2 per 100,000; 1 value is suppressed; 1 has no data.")


class TestLabels:
    @pytest.mark.parametrize(("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                             (12, "12th"), (13, "13th"), (21, "21st"), (102, "102nd"), (111, "111th")])
    def test_ordinal(self, n, text):
        assert ordinal(n) == text

    def test_change_labels(self):
        assert change_label("improved") == "Improved since baseline (significant)"
        assert change_label("no_significant_change") == "No significant change since baseline"
        assert change_label(None) == "No baseline"
