"""Pooling and confidence intervals: hand calculations, published figures and PHStatsMethods."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import PHStatsMethods as ph
import pytest
from scipy.stats import chi2, norm

from data_access.statistics import compute_values
from data_access.statistics._intervals import byar, dobson, wilson

Z = norm.ppf(0.975)
ESP2013 = {  # Eurostat 2013 revision, typed from the published table (not taken from the library)
    "0-4": 5000, "5-9": 5500, "10-14": 5500, "15-19": 5500, "20-24": 6000, "25-29": 6000, "30-34": 6500,
    "35-39": 7000, "40-44": 7000, "45-49": 7000, "50-54": 7000, "55-59": 6500, "60-64": 6000, "65-69": 5500,
    "70-74": 5000, "75-79": 4000, "80-84": 2500, "85-89": 1500, "90+": 1000,
}  # fmt: skip


def rows(*members: tuple[str, float | None, float | None], period: str = "2022/23") -> pd.DataFrame:
    return pd.DataFrame(
        [{"area_code": a, "period": period, "breakdown": "all", "numerator": n, "denominator": d, "value": np.nan}
         for a, n, d in members]
    )  # fmt: skip


def one(frame: pd.DataFrame, measure: str, ci: str, multiplier: float = 100) -> pd.Series:
    out = compute_values(frame, measure=measure, ci_method=ci, multiplier=multiplier, group_cols=["area_code"])
    assert len(out) == 1
    return out.iloc[0]


def test_wilson_81_of_263_matches_the_formula_and_the_published_range():
    got = one(rows(("A", 81, 263)), "proportion", "wilson")
    p, n = 81 / 263, 263
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z / (1 + Z**2 / n) * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    assert got["value"] == pytest.approx(30.798479, abs=1e-6)
    assert got["lower_ci"] == pytest.approx((centre - half) * 100, rel=1e-9)
    assert got["upper_ci"] == pytest.approx((centre + half) * 100, rel=1e-9)
    assert round(got["lower_ci"], 1) == 25.5 and round(got["upper_ci"], 1) == 36.6
    assert got["lower_998"] < got["lower_ci"] and got["upper_998"] > got["upper_ci"]
    z998 = norm.ppf(0.999)
    half998 = z998 / (1 + z998**2 / n) * math.sqrt(p * (1 - p) / n + z998**2 / (4 * n**2))
    assert got["upper_998"] == pytest.approx((p + z998**2 / (2 * n)) / (1 + z998**2 / n) * 100 + half998 * 100)


def test_byar_for_ten_is_close_to_exact_and_below_ten_is_exact():
    got = one(rows(("A", 10, 1000)), "crude_rate", "byar", multiplier=1000)
    exact_lo, exact_hi = chi2.ppf(0.025, 20) / 2, chi2.ppf(0.975, 22) / 2
    byar_lo = 10 * (1 - 1 / 90 - Z / (3 * math.sqrt(10))) ** 3
    byar_hi = 11 * (1 - 1 / 99 + Z / (3 * math.sqrt(11))) ** 3
    assert got["value"] == pytest.approx(10.0)
    assert got["lower_ci"] == pytest.approx(byar_lo, rel=1e-9)
    assert got["upper_ci"] == pytest.approx(byar_hi, rel=1e-9)
    assert got["lower_ci"] == pytest.approx(exact_lo, rel=0.01) and got["upper_ci"] == pytest.approx(exact_hi, rel=0.01)
    small = one(rows(("A", 9, 1000)), "crude_rate", "byar", multiplier=1000)
    assert small["lower_ci"] == pytest.approx(chi2.ppf(0.025, 18) / 2, rel=1e-12)
    assert small["upper_ci"] == pytest.approx(chi2.ppf(0.975, 20) / 2, rel=1e-12)


def test_zero_count_has_zero_lower_and_exact_upper():
    got = one(rows(("A", 0, 1000)), "crude_rate", "byar", multiplier=1000)
    assert got["value"] == 0 and got["lower_ci"] == 0
    assert got["upper_ci"] == pytest.approx(chi2.ppf(0.975, 2) / 2)  # 3.689


def test_pooling_sums_counts_rather_than_averaging_rates():
    frame = rows(("A", 10, 100), ("B", 90, 1000)).assign(area_code="P")
    got = one(frame, "proportion", "wilson")
    assert got["numerator"] == 100 and got["denominator"] == 1100
    assert got["value"] == pytest.approx(100 / 1100 * 100)
    assert got["value"] != pytest.approx((10.0 + 9.0) / 2)
    lo, hi = ph.wilson(100, 1100)
    assert (got["lower_ci"], got["upper_ci"]) == pytest.approx((lo * 100, hi * 100))


def test_groups_are_kept_apart_and_sorted():
    frame = pd.concat([rows(("B", 5, 50)), rows(("A", 1, 10)), rows(("A", 2, 10), period="2023/24")])
    out = compute_values(
        frame, measure="proportion", ci_method="wilson", multiplier=100, group_cols=["area_code", "period"]
    )
    assert list(out.columns) == [
        "area_code", "period", "value", "lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "denominator"
    ]  # fmt: skip
    assert list(zip(out["area_code"], out["value"], strict=True)) == [("A", 10.0), ("A", 20.0), ("B", 10.0)]


def test_missing_member_or_denominator_gives_nan_never_zero():
    partial = one(rows(("A", 10, 100), ("B", None, 1000)).assign(area_code="P"), "proportion", "wilson")
    assert np.isnan(partial["value"]) and np.isnan(partial["numerator"]) and np.isnan(partial["lower_ci"])
    no_den = one(rows(("A", 10, None)), "crude_rate", "byar")
    assert np.isnan(no_den["value"]) and np.isnan(no_den["upper_ci"])
    zero_den = one(rows(("A", 0, 0)), "crude_rate", "byar")
    assert np.isnan(zero_den["value"]) and np.isnan(zero_den["upper_ci"])


def test_ci_method_none_gives_value_without_interval():
    got = one(rows(("A", 30, 100)), "proportion", "none")
    assert got["value"] == pytest.approx(30)
    assert np.isnan([got["lower_ci"], got["upper_ci"], got["lower_998"], got["upper_998"]]).all()


def test_count_sums_numerator_or_value_with_optional_byar():
    frame = pd.DataFrame(
        {
            "area_code": ["P", "P"],
            "breakdown": "all",
            "numerator": [12, np.nan],
            "denominator": np.nan,
            "value": [12, 8],
        }
    )
    got = one(frame, "count", "byar", multiplier=1)
    assert got["value"] == 20 and got["numerator"] == 20
    lo, hi = ph.byars_lower(20), ph.byars_upper(20)
    assert (got["lower_ci"], got["upper_ci"]) == pytest.approx((lo, hi))
    assert np.isnan(one(frame, "count", "none", multiplier=1)["lower_ci"])


def test_mean_only_for_a_single_row():
    single = pd.DataFrame({"area_code": ["A"], "value": [42.5], "numerator": np.nan, "denominator": np.nan})
    assert one(single, "mean", "none", multiplier=1)["value"] == 42.5
    pair = pd.DataFrame({"area_code": ["P", "P"], "value": [40.0, 50.0], "numerator": np.nan, "denominator": np.nan})
    assert np.isnan(one(pair, "mean", "none", multiplier=1)["value"])


def dsr_frame(deaths: list[float], pops: list[float], area: str = "A") -> pd.DataFrame:
    return pd.DataFrame(
        {"area_code": area, "breakdown": list(ESP2013), "numerator": deaths, "denominator": pops, "value": np.nan}
    )


def test_dsr_equals_hand_calculation_with_esp2013_weights():
    deaths = [0, 0, 0, 1, 3, 5, 6, 6, 5, 4, 3, 2, 1, 1, 0, 0, 0, 0, 0]
    pops = [10000, 10000, 10000, 9000, 12000, 14000, 13000, 12000, 11000, 11000, 10000, 9000, 8000, 7000, 6000,
            5000, 3000, 2000, 1000]  # fmt: skip
    got = one(dsr_frame(deaths, pops), "dsr", "dobson", multiplier=100000)
    weights = list(ESP2013.values())
    assert sum(weights) == 100000
    expected = sum(w * d / n for w, d, n in zip(weights, deaths, pops, strict=True)) / sum(weights) * 100000
    assert got["value"] == pytest.approx(expected, rel=1e-12)
    assert got["numerator"] == sum(deaths) and got["denominator"] == sum(pops)
    # Dobson: the interval of the total count, rescaled by the DSR's own variance.
    var = sum(w**2 * d / n**2 for w, d, n in zip(weights, deaths, pops, strict=True)) / sum(weights) ** 2
    o = sum(deaths)
    o_lo = o * (1 - 1 / (9 * o) - Z / (3 * math.sqrt(o))) ** 3
    assert got["lower_ci"] == pytest.approx(expected + math.sqrt(var / o) * (o_lo - o) * 100000, rel=1e-9)
    assert got["lower_998"] < got["lower_ci"] < got["value"] < got["upper_ci"] < got["upper_998"]
    # "Right range": relative width close to that of a crude rate with the same count (ages nearly uniform here).
    assert 0.5 < (got["upper_ci"] - got["lower_ci"]) / got["value"] / ((byar(o, 0.95)[1] - byar(o, 0.95)[0]) / o) < 2


def test_dsr_pools_bands_across_members_and_matches_ph_dsr(capsys):
    rng = np.random.default_rng(3)
    a = dsr_frame(rng.poisson(4, 19).astype(float), rng.integers(2000, 9000, 19).astype(float), "A")
    b = dsr_frame(rng.poisson(4, 19).astype(float), rng.integers(2000, 9000, 19).astype(float), "B")
    pooled = one(pd.concat([a, b]).assign(area_code="P"), "dsr", "dobson", multiplier=100000)
    summed = pd.concat([a, b]).groupby("breakdown", sort=False)[["numerator", "denominator"]].sum().reset_index()
    summed["esp"] = summed["breakdown"].map(ESP2013)
    ref = ph.ph_dsr(summed, "numerator", "denominator", "esp", euro_standard_pops=False, confidence=[0.95, 0.998])
    capsys.readouterr()
    assert pooled["value"] == pytest.approx(ref["Value"].iloc[0], rel=1e-12)
    assert pooled["lower_ci"] == pytest.approx(ref["lower_95_ci"].iloc[0], rel=1e-9)
    assert pooled["upper_998"] == pytest.approx(ref["upper_99_8_ci"].iloc[0], rel=1e-9)


def test_dsr_needs_ten_events_and_all_bands():
    few = one(dsr_frame([1] * 9 + [0] * 10, [1000] * 19), "dsr", "dobson", multiplier=100000)
    assert np.isnan(few["value"]) and np.isnan(few["lower_ci"]) and few["numerator"] == 9
    partial = dsr_frame([2] * 19, [1000] * 19).iloc[:-1]
    assert np.isnan(one(partial, "dsr", "dobson", multiplier=100000)["value"])
    member_missing_a_band = pd.concat([dsr_frame([2] * 19, [1000] * 19, "A"), partial.assign(area_code="B")])
    assert np.isnan(one(member_missing_a_band.assign(area_code="P"), "dsr", "dobson", multiplier=100000)["value"])
    assert one(pd.concat([dsr_frame([2] * 19, [1000] * 19, "A")] * 2).assign(area_code="P"), "dsr", "dobson",
               multiplier=100000)["value"] == pytest.approx(200.0)  # fmt: skip
    with pytest.raises(ValueError, match="age bands"):
        compute_values(
            dsr_frame([2] * 19, [1000] * 19).assign(breakdown="all"),
            measure="dsr", ci_method="dobson", multiplier=100000, group_cols=["area_code"],
        )  # fmt: skip


def test_invalid_arguments_are_rejected():
    with pytest.raises(ValueError, match="ci_method"):
        compute_values(
            rows(("A", 1, 10)), measure="proportion", ci_method="byar", multiplier=100, group_cols=["area_code"]
        )
    with pytest.raises(ValueError, match="exceeds"):
        compute_values(
            rows(("A", 11, 10)), measure="proportion", ci_method="wilson", multiplier=100, group_cols=["area_code"]
        )
    with pytest.raises(ValueError, match="measure"):
        compute_values(rows(("A", 1, 10)), measure="ratio", ci_method="none", multiplier=100, group_cols=["area_code"])


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_array_intervals_equal_phstatsmethods_scalars(confidence):
    counts = np.array([0, 1, 3, 9, 10, 11, 57, 250, 4999, 120000], dtype=float)
    dens = counts * 3 + 7
    lo, hi = wilson(counts, dens, confidence)
    assert lo == pytest.approx(
        [ph.wilson_lower(c, d, confidence) for c, d in zip(counts, dens, strict=True)], rel=1e-12
    )
    assert hi == pytest.approx(
        [ph.wilson_upper(c, d, confidence) for c, d in zip(counts, dens, strict=True)], rel=1e-12
    )
    lo, hi = byar(counts[1:], confidence)
    assert lo == pytest.approx([ph.byars_lower(c, confidence) for c in counts[1:]], rel=1e-12)
    assert hi == pytest.approx([ph.byars_upper(c, confidence) for c in counts[1:]], rel=1e-12)
    values, var = counts * 0.01 + 1, counts * 1e-6
    lo, hi = dobson(values, counts, var, confidence, 100000)
    expected_lo = [ph.dobson_lower(v, c, s, confidence, 100000) for v, c, s in zip(values, counts, var, strict=True)]
    expected_hi = [ph.dobson_upper(v, c, s, confidence, 100000) for v, c, s in zip(values, counts, var, strict=True)]
    np.testing.assert_allclose(lo, expected_lo, rtol=1e-12)
    np.testing.assert_allclose(hi, expected_hi, rtol=1e-12)


def test_125_groups_by_40_periods_all_pool():
    rng = np.random.default_rng(0)
    n = 153 * 40
    frame = pd.DataFrame(
        {
            "area_code": [f"P{i % 125}" for i in range(153)] * 40,
            "period": np.repeat(np.arange(40), 153),
            "breakdown": "all",
            "denominator": rng.integers(100, 5000, n).astype(float),
        }
    )
    frame["numerator"] = rng.binomial(frame["denominator"].astype(int), 0.3).astype(float)
    frame["value"] = np.nan
    for measure, ci in (("proportion", "wilson"), ("crude_rate", "byar")):
        out = compute_values(frame, measure=measure, ci_method=ci, multiplier=100, group_cols=["area_code", "period"])
        assert len(out) == 125 * 40
        assert out["value"].notna().all()
