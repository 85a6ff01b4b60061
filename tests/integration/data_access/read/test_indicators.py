"""Partnership figures are pooled from members, suppressed safely, compared and tested against baseline."""

from __future__ import annotations

import math

import pytest

from data_access import read
from data_access.read.downloads import DOWNLOAD_COLUMNS, observations_download
from tests.support.fixtures.read import add_release

CLEVELAND = {"E06000001": (40, 70000), "E06000002": (90, 110000), "E06000003": (50, 105000), "E06000004": (3, 150000)}
METRIC = "numbers_in_treatment"  # crude rate per 1,000 adults, Byar, suppression below 5


def _rows(period: str, members: dict, england=(286545, 45219492)) -> list[dict]:
    rows = [{"metric_id": METRIC, "area_code": code, "period": period, "numerator": n, "denominator": d,
             "value": 1000 * n / d} for code, (n, d) in members.items()]
    rows.append({"metric_id": METRIC, "area_code": "E92000001", "period": period, "numerator": england[0],
                 "denominator": england[1], "value": 1000 * england[0] / england[1]})
    return rows


def test_partnership_is_pooled_from_member_counts_not_averaged(read_store):
    members = {code: (n + 100, d) for code, (n, d) in CLEVELAND.items()}
    add_release(read_store, _rows("2021/22", members))
    values = read.area_values(METRIC, area_type="partnership", period="2021/22").set_index("area_code")
    pooled = 1000 * sum(n for n, _ in members.values()) / sum(d for _, d in members.values())
    mean_of_rates = sum(1000 * n / d for n, d in members.values()) / 4
    assert values.loc["cleveland", "value"] == pytest.approx(pooled)
    assert not math.isclose(pooled, mean_of_rates, rel_tol=1e-3)
    assert values.loc["cleveland", "lower_ci"] < pooled < values.loc["cleveland", "upper_ci"]
    assert values.loc["cleveland", "comparison"] in {"better", "similar", "worse"}
    # Northamptonshire has no data: its partnership figure is withheld, not computed from nothing.
    assert math.isnan(values.loc["northamptonshire", "value"])


def test_small_member_counts_are_suppressed_with_a_second_cell_hidden(read_store):
    add_release(read_store, _rows("2021/22", CLEVELAND))
    utla = read.area_values(METRIC, area_type="utla", period="2021/22").set_index("area_code")
    assert utla.loc["E06000004", "suppressed"] and math.isnan(utla.loc["E06000004", "value"])
    hidden = utla.loc[list(CLEVELAND), "suppressed"]
    assert hidden.sum() == 2, "secondary suppression hides a second member so the first cannot be derived"
    assert utla.loc["E06000001", "suppressed"], "the smallest remaining member is the one hidden"
    partnership = read.area_values(METRIC, area_type="partnership", period="2021/22").set_index("area_code")
    assert partnership.loc["cleveland", "numerator"] == sum(n for n, _ in CLEVELAND.values())


def test_change_since_baseline_is_tested(read_store):
    base = {code: (n + 500, d) for code, (n, d) in CLEVELAND.items()}
    later = {code: (n + 800, d) for code, (n, d) in CLEVELAND.items()}
    add_release(read_store, _rows("2021/22", base) + _rows("2022/23", later, england=(287164, 45219492)))
    summary = read.baseline_summary(METRIC, "cleveland", area_type="partnership")
    assert summary["baseline_period"] == "2021/22"
    assert summary["latest_period"] == "2022/23"
    assert summary["change"] > 0
    assert summary["significance"] == "improved"  # more people in treatment is better
    england = read.baseline_summary(METRIC, "E92000001", area_type="country")
    assert england["significance"] == "no_significant_change"


def test_newest_release_wins_and_public_mode_hides_internal(read_store, monkeypatch):
    import config
    from data_access import db

    add_release(read_store, _rows("2021/22", CLEVELAND), name="first")
    revised = {code: (n * 2, d) for code, (n, d) in CLEVELAND.items()}
    add_release(read_store, _rows("2021/22", revised), name="second", visibility="internal")
    values = read.area_values(METRIC, area_type="partnership", period="2021/22").set_index("area_code")
    assert values.loc["cleveland", "numerator"] == 2 * sum(n for n, _ in CLEVELAND.values())
    monkeypatch.setenv("CDP_MODE", "public")
    config.get_settings.cache_clear()
    db.reset_engines()
    values = read.area_values(METRIC, area_type="partnership", period="2021/22").set_index("area_code")
    assert values.loc["cleveland", "numerator"] == sum(n for n, _ in CLEVELAND.values())


def test_download_has_tidy_columns_and_suppression_flag(read_store):
    add_release(read_store, _rows("2021/22", CLEVELAND))
    frame = observations_download(METRIC, area_type="utla", period="2021/22")
    assert list(frame.columns) == DOWNLOAD_COLUMNS
    assert frame["suppressed"].sum() == 2
    assert frame.loc[frame["suppressed"], "value"].isna().all()


def test_area_lookup_resolves_authority_to_partnership(read_store):
    assert read.resolve_area("Bolton")["partnership_code"] == "greater-manchester"
    assert read.resolve_area("greater-manchester")["type"] == "partnership"
    assert read.resolve_area("nowhere") is None
    assert len(read.partnerships()) == 120
    assert set(read.partnership_members("cumbria")["code"]) == {"E10000006", "E06000063", "E06000064"}


def test_a_share_of_a_handful_of_people_is_suppressed(read_store):
    rows = [{"metric_id": "prison_continuity_of_care", "area_code": code, "period": "Q4 2021/22", "numerator": n,
             "denominator": d, "value": 100 * n / d}
            for code, (n, d) in {"E06000001": (0, 2), "E06000002": (30, 80), "E06000003": (25, 60),
                                 "E06000004": (40, 90)}.items()]
    add_release(read_store, rows)
    utla = read.area_values("prison_continuity_of_care", area_type="utla", period="Q4 2021/22").set_index("area_code")
    assert utla.loc["E06000001", "suppressed"] and math.isnan(utla.loc["E06000001", "value"])
    assert "fewer than 5 people" in utla.loc["E06000001", "note"]
    assert utla.loc[["E06000002", "E06000003", "E06000004"], "suppressed"].sum() == 1, "one more hidden by subtraction rule"
