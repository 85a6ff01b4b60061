"""Turn one metric's stored observations into the figures every page shows.

For each period: authorities as stored; partnerships, regions and England pooled from member
numerators and denominators (never averaged) unless a region or England figure was published;
intervals by the metric's OHID method; primary, complement and secondary suppression across all
levels at once (so no hidden value follows from any combination of published totals); comparison
with England; quintiles; and change since the metric's baseline as a tested difference.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from PHStatsMethods import ph_quantile

from data_access.catalogue import MetricSpec
from data_access.read.areas import ENGLAND
from data_access.read.vintage_choice import in_vintage, keep_one_vintage, straddling
from data_access.statistics import (
    apply_suppression,
    change_since_baseline_frame,
    compare_with_benchmark,
    compute_values,
    quintiles,
)
from data_access.statistics.dsr_estimate import METHOD_NOTE, estimate_dsr
from data_access.statistics.values import esp2013_weights

LEVELS = ("utla", "partnership", "region", "country")
TABLE_COLUMNS = ["area_code", "area_name", "area_type", "period", "period_type", "period_start", "period_end",
                 "value", "lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "denominator", "suppressed",
                 "note", "england_value", "comparison", "comparison_998", "quintile", "baseline_value", "change",
                 "change_significance", "provisional", "estimated", "geography"]
_VALUE_COLUMNS = ["value", "lower_ci", "upper_ci", "lower_998", "upper_998", "numerator", "denominator"]
_GROUP = ["area_code", "area_type", "period"]
_GROUP_POOL = ["group_code", "area_type", "period"]
_AGE_BANDS = set(esp2013_weights().index)


def _pool_members(obs: pd.DataFrame, areas: pd.DataFrame, members: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows to pool for every level, and the parent→child pairs that pooling used."""
    utla_codes = set(areas.loc[areas["type"] == "utla", "code"])
    parents = areas.set_index("code")["parent_code"]
    local = obs[obs["area_code"].isin(utla_codes)]
    stored_high = obs[~obs["area_code"].isin(utla_codes)]
    has_stored = set(zip(stored_high["area_code"], stored_high["period"], strict=True))

    parts = [local.assign(group_code=local["area_code"], area_type="utla")]
    link = members[["partnership_code", "member_code"]].rename(columns={"partnership_code": "group_code",
                                                                        "member_code": "area_code"})
    parts.append(local.merge(link, on="area_code").assign(area_type="partnership"))
    region_rows = local.assign(group_code=local["area_code"].map(parents), area_type="region")
    parts.append(region_rows[[(g, p) not in has_stored for g, p in zip(region_rows["group_code"], region_rows["period"], strict=True)]])
    england_rows = local.assign(group_code=ENGLAND, area_type="country")
    parts.append(england_rows[[(ENGLAND, p) not in has_stored for p in england_rows["period"]]])
    stored_types = stored_high["area_code"].map(lambda c: "country" if c == ENGLAND else "region")
    parts.append(stored_high.assign(group_code=stored_high["area_code"], area_type=stored_types))
    pool = pd.concat(parts, ignore_index=True)

    pairs = pd.concat([
        link.rename(columns={"group_code": "parent_code", "area_code": "child_code"}).assign(parent_type="partnership"),
        pd.DataFrame({"parent_code": [parents.get(c) for c in utla_codes], "child_code": list(utla_codes),
                      "parent_type": "region"}),
        pd.DataFrame({"parent_code": ENGLAND, "child_code": list(utla_codes), "parent_type": "country"}),
    ], ignore_index=True).dropna()
    return pool, pairs


def _with_estimates(computed: pd.DataFrame, pool: pd.DataFrame, spec: MetricSpec) -> pd.DataFrame:
    """Pooled DSRs with no age-specific counts, estimated from the members' published rates (labelled).

    A group of one member needs no estimate: it shows that member's published figure and note.
    """
    members = pool[(pool["breakdown"] == "all") & (pool["area_type"] != "utla") & (pool["group_code"] != pool["area_code"])]
    members = members[members.groupby(_GROUP_POOL)["area_code"].transform("nunique") > 1]
    if members.empty:
        return computed
    estimates = estimate_dsr(members, _GROUP_POOL, spec.multiplier).rename(columns={"group_code": "area_code"})
    estimates["estimated"] = True
    exact = computed.set_index(["area_code", "area_type", "period"])
    keys = estimates.set_index(["area_code", "area_type", "period"]).index
    has_exact = keys.isin(exact.index[exact["value"].notna()])
    return pd.concat([computed[~computed.set_index(["area_code", "area_type", "period"]).index.isin(keys[~has_exact])],
                      estimates[~has_exact]], ignore_index=True)


def _withhold_straddled(table: pd.DataFrame, members: pd.DataFrame, areas: pd.DataFrame) -> None:
    """Partnerships that would need a share of a former authority split between partnerships."""
    for geography in table["geography"].dropna().unique():
        notes = straddling(members, areas, geography)
        hit = (table["area_type"] == "partnership") & (table["geography"] == geography) & table["area_code"].isin(notes)
        if hit.any():
            table.loc[hit, _VALUE_COLUMNS] = np.nan
            table.loc[hit, "estimated"] = False
            table.loc[hit, "note"] = table.loc[hit, "area_code"].map(notes)


def _completeness(pool: pd.DataFrame, areas: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Pooled groups missing a member on the period's vintage: their total would be wrong, so it is withheld."""
    rows = pool[(pool["area_type"] != "utla") & (pool["breakdown"] == "all") & (pool["group_code"] != pool["area_code"])]
    have = (rows.assign(ok=rows["numerator"].notna()).groupby(_GROUP_POOL)["ok"].sum()
            .rename("have").reset_index().rename(columns={"group_code": "area_code"}))
    utlas = areas[areas["type"] == "utla"]
    partnership_members = members.groupby("partnership_code")["member_code"].agg(set)
    expected = []
    for period, geography in rows.drop_duplicates("period")[["period", "geography"]].itertuples(index=False):
        valid = utlas[in_vintage(utlas, geography)]
        codes = set(valid["code"])
        expected += [(code, "partnership", period, len(codes & group)) for code, group in partnership_members.items()]
        expected += [(region, "region", period, n) for region, n in valid.groupby("parent_code").size().items()]
        expected.append((ENGLAND, "country", period, len(codes)))
    expect = pd.DataFrame(expected, columns=["area_code", "area_type", "period", "expected"])
    merged = have.merge(expect, on=["area_code", "area_type", "period"], how="left")
    merged["complete"] = merged["have"] >= merged["expected"].fillna(0)
    return merged[["area_code", "area_type", "period", "complete"]]


def build_metric_table(spec: MetricSpec, obs: pd.DataFrame, areas: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Every level × period for one metric (columns: TABLE_COLUMNS)."""
    if obs.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    obs = keep_one_vintage(obs, areas)
    pool, pairs = _pool_members(obs, areas, members)
    # Only age bands feed an exact DSR; sex and other breakdowns never touch the persons figures.
    rows = pool[pool["breakdown"].isin(_AGE_BANDS)] if spec.measure == "dsr" else pool[pool["breakdown"] == "all"]
    computed = compute_values(rows, measure=spec.measure, ci_method=spec.ci_method, multiplier=spec.multiplier,
                              group_cols=_GROUP_POOL)
    computed = computed.rename(columns={"group_code": "area_code"})
    computed["estimated"] = False
    if spec.measure == "dsr":
        computed = _with_estimates(computed, pool, spec)
    stored = (pool[pool["breakdown"] == "all"].groupby(_GROUP_POOL)
              .agg(n=("area_code", "size"), s_value=("value", "first"), s_lower=("lower_ci", "first"),
                   s_upper=("upper_ci", "first"), s_suppressed=("suppressed", "any"), s_note=("note", "first"))
              .reset_index().rename(columns={"group_code": "area_code"}))
    table = computed.merge(stored, on=["area_code", "area_type", "period"], how="outer")
    single = table["n"].fillna(0) == 1
    use_stored = single & table["value"].isna() & table["s_value"].notna()
    table.loc[use_stored, "value"] = table.loc[use_stored, "s_value"]
    table.loc[use_stored, "lower_ci"] = table.loc[use_stored, "s_lower"]
    table.loc[use_stored, "upper_ci"] = table.loc[use_stored, "s_upper"]
    table["suppressed"] = table["s_suppressed"].eq(True) & single
    table["estimated"] = table["estimated"].eq(True) & ~use_stored
    table["note"] = table["s_note"].where(single, None).where(~table["estimated"], METHOD_NOTE)

    complete = _completeness(pool, areas, members)
    table = table.merge(complete, on=["area_code", "area_type", "period"], how="left")
    incomplete = table["complete"].eq(False) & (table["area_type"] != "utla")
    table.loc[incomplete, _VALUE_COLUMNS] = np.nan
    table.loc[incomplete, "estimated"] = False
    table.loc[incomplete, "note"] = "Not available: a member authority has no published value for this period"

    periods = pool.drop_duplicates("period").set_index("period")[["period_type", "period_start", "period_end",
                                                                 "geography"]]
    table = table.join(periods, on="period")
    _withhold_straddled(table, members, areas)
    names = pd.concat([areas.set_index("code")["name"],
                       members.drop_duplicates("partnership_code").set_index("partnership_code")["partnership_name"]])
    table["area_name"] = table["area_code"].map(names)

    # A proportion of a group of people also discloses those outside its count (97 of 100 reveals 3),
    # and a share of a handful (0 of 2 prison leavers engaged) discloses each of them.
    table = apply_suppression(table, threshold=int(spec.suppression_threshold), groups=pairs,
                              complement=spec.measure == "proportion")
    return _add_judgements(spec, table)


def _add_judgements(spec: MetricSpec, table: pd.DataFrame) -> pd.DataFrame:
    england = table[table["area_code"] == ENGLAND].set_index("period")["value"]
    table["england_value"] = table["period"].map(england)
    table["comparison"] = compare_with_benchmark(table["value"], table["lower_ci"], table["upper_ci"],
                                                 benchmark=table["england_value"], polarity=spec.polarity)
    table["comparison_998"] = compare_with_benchmark(table["value"], table["lower_998"], table["upper_998"],
                                                     benchmark=table["england_value"], polarity=spec.polarity)
    table.loc[table["area_code"] == ENGLAND, ["comparison", "comparison_998"]] = "not_compared"
    table["quintile"] = _quintiles_by_group(table, spec.polarity)
    table = _add_baseline(spec, table)
    latest = set(sorted(table["period_start"].unique())[-int(spec.extra.get("provisional_latest", 0)):]) \
        if spec.extra.get("provisional_latest") else set()
    table["provisional"] = table["period_start"].isin(latest) | table["note"].fillna("").str.contains("rovisional")
    return table[TABLE_COLUMNS].sort_values(["area_type", "area_code", "period_start"], ignore_index=True)


def _quintiles_by_group(table: pd.DataFrame, polarity: str) -> pd.api.extensions.ExtensionArray:
    """``quintiles`` of ``value`` within each (area_type, period), as one grouped ``ph_quantile`` call.

    The same method as calling ``statistics.quintiles`` group by group (bins of equal counts of the
    non-missing values, ties share their lowest rank's quintile, NaN for missing values and for
    groups with fewer than five values), but one call instead of one per group: per-call overhead
    was most of a metric table's build time.
    """
    keyed = (table["area_type"].notna() & table["period"].notna()).to_numpy()
    result = np.full(len(table), np.nan)
    if not keyed.any():
        return pd.array(result, dtype="Int64")
    quintiles([], polarity=polarity)  # the polarity check the per-group calls made
    values = np.asarray(table["value"], dtype=float)
    present = keyed & ~np.isnan(values)
    if present.any():
        frame = pd.DataFrame({"value": values[present], "area_type": table["area_type"].to_numpy()[present],
                              "period": table["period"].to_numpy()[present]})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            ranked = ph_quantile(frame, "value", group_cols=["area_type", "period"], nquantiles=5, invert=False,
                                 type="standard")
        result[present] = ranked["quantile"].to_numpy(dtype=float)
    return pd.array(result, dtype="Int64")


def _add_baseline(spec: MetricSpec, table: pd.DataFrame) -> pd.DataFrame:
    table["baseline_value"], table["change"], table["change_significance"] = np.nan, np.nan, "not_tested"
    periods = list(spec.baseline_periods)
    if spec.baseline_rule == "none" or not periods:
        return table
    base = table[table["period"].isin(periods)]
    if base.empty:
        return table
    agg = base.groupby("area_code").agg(
        b_value=("value", "mean"), b_lower=("lower_ci", "mean"), b_upper=("upper_ci", "mean"),
        b_num=("numerator", "mean"), b_den=("denominator", "mean"), b_n=("value", "count"))
    agg = agg[agg["b_n"] == len(periods)]
    joined = table.join(agg, on="area_code").rename(columns={
        "b_value": "base_value", "b_lower": "base_lower_ci", "b_upper": "base_upper_ci", "b_num": "base_numerator",
        "b_den": "base_denominator"})
    tested = change_since_baseline_frame(joined, measure=spec.measure, polarity=spec.polarity,
                                         multiplier=spec.multiplier)
    in_baseline = table["period"].isin(periods)
    table["baseline_value"] = joined["base_value"]
    table["change"] = tested["change"].where(~in_baseline)
    table["change_significance"] = tested["significance"].where(~in_baseline, "not_tested")
    return table
