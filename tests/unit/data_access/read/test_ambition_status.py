"""England against the framework's numeric ambitions, from hand-made England rows (no store)."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from data_access.catalogue.targets import AmbitionTarget, get_targets, metric_target
from data_access.geography import ENGLAND
from data_access.periods import parse_period
from data_access.read.ambition import assess

CATALOGUE = get_catalogue()


def england(metric_id: str, values: dict[str, float | None], *, numerators: dict[str, float] | None = None,
            denominator: float | None = None) -> pd.DataFrame:
    spec = CATALOGUE.metric(metric_id)
    rows = []
    for label, value in values.items():
        period = parse_period(label, spec.period_type)
        rows.append({"area_code": ENGLAND, "area_type": "country", "period": label, "period_start": period.start,
                     "period_end": period.end, "value": value, "numerator": (numerators or {}).get(label),
                     "denominator": denominator, "lower_ci": None, "upper_ci": None})
    return pd.DataFrame(rows)


class TestLevelChange:
    """54,500 more people in treatment by 2024/25, from 2021/22: judged on the count, drawn as a rate."""

    spec = CATALOGUE.metric("numbers_in_treatment")
    target = metric_target("numbers_in_treatment")

    def rows(self, counts: dict[str, float]) -> pd.DataFrame:
        population = 40_000_000.0
        return england(self.spec.id, {p: c / population * 1000 for p, c in counts.items()}, numerators=counts,
                       denominator=population)

    def test_trajectory_rises_in_equal_steps_in_the_measures_unit(self):
        status = assess(self.spec, self.target, self.rows({"2021/22": 280_000, "2022/23": 300_000}))
        assert [p.period for p in status.trajectory] == ["2021/22", "2022/23", "2023/24", "2024/25"]
        counts = [p.value * 40_000_000 / 1000 for p in status.trajectory]
        assert counts == pytest.approx([280_000, 298_166.67, 316_333.33, 334_500], rel=1e-6)

    def test_above_the_trajectory_is_on_track_below_is_not(self):
        on = assess(self.spec, self.target, self.rows({"2021/22": 280_000, "2022/23": 300_000}))
        off = assess(self.spec, self.target, self.rows({"2021/22": 280_000, "2022/23": 290_000, "2023/24": 310_000}))
        assert (on.state, on.period, on.actual) == ("on_track", "2022/23", 300_000)
        assert on.expected == pytest.approx(298_166.67, rel=1e-6)
        assert (off.state, off.period) == ("off_track", "2023/24")

    def test_the_due_period_says_met_or_not_met(self):
        met = assess(self.spec, self.target, self.rows({"2021/22": 280_000, "2024/25": 340_000}))
        missed = assess(self.spec, self.target, self.rows({"2021/22": 280_000, "2024/25": 320_000}))
        assert met.state == "met" and missed.state == "missed"

    def test_no_baseline_count_means_no_judgement(self):
        status = assess(self.spec, self.target, self.rows({"2022/23": 300_000}))
        assert status.state == "no_data" and status.trajectory == ()


class TestCumulative:
    """Over 2,000 county lines closed from 2022/23 to 2024/25: the running total against the even pace."""

    spec = CATALOGUE.metric("county_lines_closed")
    target = metric_target("county_lines_closed")

    def test_pace_line_and_running_total(self):
        status = assess(self.spec, self.target, england(self.spec.id, {"2021/22": 700, "2022/23": 600}))
        assert [p.value for p in status.trajectory] == pytest.approx([2000 / 3] * 3)
        assert (status.state, status.actual) == ("off_track", 600)
        assert status.expected == pytest.approx(666.67, rel=1e-4)

    def test_met_once_the_total_reaches_the_ambition(self):
        status = assess(self.spec, self.target, england(self.spec.id, {"2022/23": 1364, "2023/24": 500,
                                                                      "2024/25": 200}))
        assert (status.state, status.actual) == ("met", 2064)

    def test_a_missing_year_means_no_judgement(self):
        status = assess(self.spec, self.target, england(self.spec.id, {"2022/23": 1364, "2023/24": None,
                                                                      "2024/25": 900}))
        assert status.state == "no_data"


def test_reverse_trend_follows_englands_recent_trend():
    """Deaths prevented are modelled: nothing is drawn, and a rising England rate is not on track."""
    spec = CATALOGUE.metric("drug_misuse_deaths")
    rising = {f"{y}-{str(y + 2)[-2:]}": 3.0 + 0.4 * i for i, y in enumerate(range(2015, 2021))}
    rows = england(spec.id, rising)
    rows["lower_ci"], rows["upper_ci"] = rows["value"] - 0.05, rows["value"] + 0.05
    status = assess(spec, metric_target(spec.id), rows)
    assert status.state == "off_track" and status.trajectory == () and status.basis == "trend"


def test_a_measure_without_a_target_says_no_target():
    spec = next(m for m in CATALOGUE.headline_metrics() if metric_target(m.id) is None)
    assert assess(spec, None, england(spec.id, {})).state == "no_target"


class TestTargetsFile:
    def test_every_target_is_on_a_headline_measure(self):
        headline = {m.id for m in CATALOGUE.headline_metrics()}
        assert set(get_targets()) <= headline and get_targets()

    def test_a_wrong_kind_is_refused(self):
        from data_access.catalogue.targets import parse_targets

        with pytest.raises(ValueError, match="unknown kind"):
            parse_targets({"targets": [{"metric": "numbers_in_treatment", "kind": "vibes", "label": "x",
                                        "by_period": "2024/25"}]}, CATALOGUE)
        with pytest.raises(ValueError, match="needs from_period"):
            parse_targets({"targets": [{"metric": "county_lines_closed", "kind": "cumulative", "label": "x",
                                        "by_period": "2024/25"}]}, CATALOGUE)
        assert isinstance(metric_target("county_lines_closed"), AmbitionTarget)
