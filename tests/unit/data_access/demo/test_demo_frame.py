"""The generated demonstration frame: deterministic, anchored, complete and internally consistent."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from data_access.demo import MISSING_NOTE, generate_demo_frame
from data_access.demo.local import allocate
from data_access.demo.timeline import Anchors
from data_access.geography import ENGLAND, POPULATION_FILE
from data_access.periods import parse_period, period_sequence

CELL = ["metric_id", "period_label", "period_type", "breakdown"]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_demo_frame(2022)


@pytest.fixture(scope="module")
def complete() -> pd.DataFrame:
    """The same data with no cell blanked, where every sum must hold exactly."""
    return generate_demo_frame(2022, missing_fraction=0.0)


def england(frame: pd.DataFrame, metric: str, period: str, breakdown: str = "all") -> pd.Series:
    rows = frame[(frame.metric_id == metric) & (frame.area_code == ENGLAND) & (frame.period_label == period)
                 & (frame.breakdown == breakdown)]
    assert len(rows) == 1, (metric, period, breakdown)
    return rows.iloc[0]


def local(frame: pd.DataFrame, metric: str | None = None) -> pd.DataFrame:
    rows = frame[(frame.area_code != ENGLAND) & (frame.breakdown == "all")]
    return rows if metric is None else rows[rows.metric_id == metric]


def test_same_seed_gives_the_same_frame_and_another_seed_does_not(frame):
    pd.testing.assert_frame_equal(frame, generate_demo_frame(2022))
    other = generate_demo_frame(7)
    assert other.shape == frame.shape
    assert not np.allclose(other.numerator.fillna(-1), frame.numerator.fillna(-1))


def test_real_national_figures_are_hit(frame):
    assert england(frame, "drug_misuse_deaths", "2019-21").numerator == 2685 + 2830 + 2846
    assert england(frame, "numbers_in_treatment", "2021/22").numerator == 286_545
    assert england(frame, "numbers_in_treatment", "2022/23").numerator == 287_164
    assert england(frame, "successful_completions_adults", "2021/22").numerator == 61_186
    assert england(frame, "prison_continuity_of_care", "Q4 2021/22").value == pytest.approx(36.1, abs=0.05)
    assert england(frame, "prison_continuity_of_care", "Q4 2022/23").value == pytest.approx(40.7, abs=0.05)
    assert england(frame, "county_lines_closed", "2021/22").value == 703
    assert england(frame, "county_lines_closed", "2022/23").numerator == 1_364
    assert england(frame, "drug_use_last_year", "2019/20").value == pytest.approx(9.4, abs=0.05)


def test_between_anchors_england_follows_the_straight_line(frame):
    # 2016/17 lies a third of the way from 2015/16 (288,843) to 2018/19 (268,390)
    assert england(frame, "numbers_in_treatment", "2016/17").numerator == pytest.approx(282_025, abs=15)
    assert england(frame, "prison_continuity_of_care", "Q2 2022/23").value == pytest.approx(38.4, abs=0.06)
    assert england(frame, "drug_related_homicides", "2022/23").value == 350


def test_anchors_hold_flat_outside_their_range():
    anchors = Anchors({"2016/17": 10, "2018/19": 20}, "financial_year")
    assert anchors.level(parse_period("2015/16")) == 10 and anchors.level(parse_period("2024/25")) == 20
    assert anchors.level(parse_period("2017/18")) == pytest.approx(15, abs=0.01)
    assert anchors.is_anchor(parse_period("2016/17")) and not anchors.is_anchor(parse_period("2017/18"))


def test_every_pool_of_deaths_sums_its_three_anchor_years(frame):
    counts = get_catalogue().metric("drug_misuse_deaths").demo["england_counts"]
    for first in range(2013, 2023):
        label = f"{first}-{str(first + 2)[-2:]}"
        assert england(frame, "drug_misuse_deaths", label).numerator == sum(counts[str(y)] for y in range(first, first + 3))


def test_every_metric_covers_its_periods_at_its_geography(frame):
    last = {"financial_year": "2024/25", "academic_year": "2024/25", "calendar_year": "2024",
            "rolling_3_year": "2022-24", "quarter": "Q4 2024/25"}
    for spec in get_catalogue().metrics.values():
        rows = frame[frame.metric_id == spec.id]
        assert set(rows.period_type) == {spec.period_type}, spec.id
        if spec.demo.get("periods"):
            expected = list(spec.demo["periods"])
        else:
            expected = [p.label for p in period_sequence(str(spec.demo["first"]), last[spec.period_type], spec.period_type)]
        assert list(dict.fromkeys(rows.period_label)) == expected, spec.id
        if spec.is_local:
            per_period = local(frame, spec.id).groupby("period_label").size()
            assert set(per_period) <= {152, 153}, spec.id
            assert (rows[rows.area_code == ENGLAND].groupby("period_label").size() == (
                20 if spec.measure == "dsr" else 1)).all(), spec.id
        else:
            assert set(rows.area_code) == {ENGLAND} and set(rows.breakdown) == {"all"}, spec.id
            assert rows.period_label.is_unique, spec.id
    assert list(dict.fromkeys(frame[frame.metric_id == "ocu_prevalence"].period_label)) == [
        "2016/17", "2018/19", "2019/20", "2022/23"]
    assert frame[frame.metric_id == "treatment_progress"].period_label.iloc[0] == "2021/22"
    quarters = [p.label for p in period_sequence("Q1 2015/16", "Q4 2024/25", "quarter")]
    assert list(dict.fromkeys(frame[frame.metric_id == "prison_continuity_of_care"].period_label)) == quarters
    assert list(dict.fromkeys(frame[frame.metric_id == "hepatitis_c_pwid"].period_label)) == [
        str(y) for y in range(2015, 2025)]


def test_authorities_are_those_valid_at_the_period_end(frame):
    def codes(metric: str, period: str) -> set[str]:
        rows = local(frame, metric)
        return set(rows[rows.period_label == period].area_code)

    fy_2021, fy_2024 = codes("numbers_in_treatment", "2021/22"), codes("numbers_in_treatment", "2024/25")
    assert "E06000063" not in fy_2021 and "E10000006" in fy_2021 and len(fy_2021) == 152
    assert "E10000006" not in fy_2024 and "E06000063" in fy_2024 and len(fy_2024) == 153
    assert "E10000023" in codes("prison_continuity_of_care", "Q4 2022/23")
    assert "E06000065" in codes("prison_continuity_of_care", "Q1 2023/24")
    assert "E06000066" in codes("drug_misuse_deaths", "2021-23")  # a pool ending December 2023
    assert "E06000064" in codes("school_exclusions_drugs_alcohol", "2022/23")  # academic year ends August 2023


def test_england_rows_are_the_sum_of_authorities(complete):
    rows = complete[complete.metric_id.isin([m.id for m in get_catalogue().metrics.values() if m.is_local])]
    sums = rows[rows.area_code != ENGLAND].groupby(CELL)[["numerator", "denominator"]].sum()
    totals = rows[rows.area_code == ENGLAND].set_index(CELL)[["numerator", "denominator"]]
    pd.testing.assert_frame_equal(sums.sort_index(), totals.sort_index(), check_exact=True)


def test_values_and_denominators_follow_counts_and_populations(complete):
    multipliers = {m.id: m.multiplier for m in get_catalogue().metrics.values()}
    rows = complete[complete.denominator.notna()]
    expected = rows.numerator / rows.denominator * rows.metric_id.map(multipliers)
    np.testing.assert_allclose(rows.value, expected)
    population = pd.read_csv(POPULATION_FILE).set_index("code")
    treatment = local(complete, "numbers_in_treatment")
    assert (treatment.denominator.to_numpy() == population.loc[treatment.area_code, "pop_18_plus"].to_numpy()).all()
    deaths = local(complete, "drug_misuse_deaths")
    assert (deaths.denominator.to_numpy() == 3 * population.loc[deaths.area_code, "pop_all_ages"].to_numpy()).all()
    # cohort metrics divide by the same adults-in-treatment counts the dashboard shows
    key = ["area_code", "period_label"]
    completions = local(complete, "successful_completions_adults").merge(treatment, on=key, suffixes=("", "_t"))
    assert len(completions) == len(treatment)
    assert (completions.denominator == completions.numerator_t).all()
    assert (completions.numerator <= completions.denominator).all()


def test_deaths_by_age_add_up_and_peak_in_middle_age(complete):
    deaths = complete[complete.metric_id == "drug_misuse_deaths"]
    bands = deaths[deaths.breakdown != "all"]
    assert bands.breakdown.nunique() == 19
    summed = bands.groupby(["area_code", "period_label"])[["numerator", "denominator"]].sum()
    total = deaths[deaths.breakdown == "all"].set_index(["area_code", "period_label"])[["numerator", "denominator"]]
    pd.testing.assert_frame_equal(summed.sort_index(), total.sort_index(), check_exact=True)
    by_band = bands[bands.area_code == ENGLAND].groupby("breakdown").numerator.sum()
    middle = by_band[["30-34", "35-39", "40-44", "45-49", "50-54", "55-59"]].sum()
    assert middle / by_band.sum() > 0.65
    assert by_band["0-4"] == 0


def test_small_counts_and_missing_values_exist(frame):
    rows = local(frame)
    small = rows[(rows.numerator >= 1) & (rows.numerator <= 4)]
    assert len(small) > 100
    assert {"E06000053", "E09000001", "E06000017"} <= set(small.area_code)
    missing = rows[rows.value.isna()]
    assert 0.002 < len(missing) / len(rows) < 0.01
    assert (missing.note == MISSING_NOTE).all() and missing.numerator.isna().all()
    assert frame[frame.area_code == ENGLAND].value.notna().all()
    assert frame[frame.value.notna()].note.isna().all()


def test_allocate_hits_the_total_within_caps():
    rng = np.random.default_rng(1)
    caps = np.array([3, 1000, 5, 2000])
    counts = allocate(rng, 2500, np.array([10.0, 1.0, 10.0, 1.0]), caps)
    assert counts.sum() == 2500 and (counts <= caps).all() and counts[0] == 3
    with pytest.raises(ValueError):
        allocate(rng, 4000, np.ones(4), caps)
