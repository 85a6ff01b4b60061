"""How the dashboard computes its statistics, in words — shared by the About page and every /metric page.

The words follow the methods in ``data_access.statistics`` (pooling, intervals, comparison,
trend, change since baseline, disclosure control); they are keyed by the catalogue's ``measure``
and ``ci_method`` vocabularies, never by metric id, so a new catalogue entry is described too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

PHSTATS = "PHStatsMethods, OHID's Python package of Fingertips methods"

CI_METHODS = {
    "wilson": "Wilson score interval — the OHID/Fingertips method for proportions",
    "byar": "Byar's method, with the exact Poisson method for counts below 10 — the OHID/Fingertips method for "
            "crude rates and counts",
    "dobson": "Dobson method — the OHID/Fingertips method for directly standardised rates (not calculated from "
              "fewer than 10 events)",
    "none": "No confidence interval: the figure is published without one",
}

POOLING = {
    "proportion": "numerators and denominators of the member authorities are summed and the percentage "
                  "recomputed from the sums",
    "crude_rate": "numerators and denominators of the member authorities are summed and the rate recomputed "
                  "from the sums",
    "dsr": "age-specific counts and populations of the member authorities are summed and the rate is directly "
           "standardised to the 2013 European Standard Population",
    "count": "the member authorities' counts are summed",
    "mean": "an average cannot be pooled from members' averages, so only published values are shown",
}

TREND = {
    "proportion": "chi-squared test for linear trend in proportions (Cochran–Armitage) on the latest 5 "
                  "consecutive points, as Fingertips' recent-trend markers",
    "crude_rate": "Poisson test for trend (score test of a log-linear Poisson slope) on the latest 5 "
                  "consecutive points",
    "count": "Poisson test for trend (score test of a log-linear Poisson slope) on the latest 5 consecutive "
             "points",
    "dsr": "weighted regression of the log rate on time, weighted by the variance implied by each point's "
           "confidence interval, on the latest 5 consecutive points",
    "mean": "weighted regression of the value on time on the latest 5 consecutive points (only where "
            "intervals are published)",
}

CHANGE = {
    "proportion": "two-sample z-test for the difference between the latest and baseline proportions",
    "crude_rate": "z-test for the difference between two Poisson rates",
    "count": "z-test for the difference between two Poisson counts",
    "dsr": "z-test for the difference, with standard errors taken from the two confidence intervals",
    "mean": "z-test for the difference, with standard errors taken from the two confidence intervals",
}

DSR_ESTIMATE = (
    "A partnership's (or region's) rate is exact only when it is pooled from age-specific counts. Published "
    "area files give each authority's rate, its count of deaths and its population, not age-specific counts, "
    "so without them the partnership's rate is an estimate, labelled “estimate” on the page, in tables, hover "
    "labels, downloads and the board pack: the population-weighted mean of the member authorities' published "
    "rates. It equals the exact rate when the members share one age structure, and differs from it by how far "
    "their age structures differ. Its 95% and 99.8% intervals follow Dobson et al. (1991), “Confidence "
    "intervals for weighted sums of Poisson parameters”, Statistics in Medicine 10:457–462 (the Fingertips "
    "method for any directly standardised rate), with each member's variance recovered from its own published "
    "count and lower limit, so no member figure is invented. No estimate is made from fewer than 10 events, or "
    "when any member lacks a published rate, count or population. When age-specific counts are loaded the "
    "partnership's value is exact and not labelled as an estimate."
)

COMPARISON = ("significantly different from England when the 95% confidence interval excludes England's value, "
              "as Fingertips documents; England's own interval is not used. A 99.8% level is offered on the "
              "compare page.")
QUINTILES = ("there is no interval, so instead of a comparison each area is placed in a quintile (fifth) of all "
             "areas' values, from lowest to highest")


def pooling_text(spec: MetricSpec) -> str:
    if not spec.is_local:
        return "Published for England (or England and Wales) only, so there is nothing to pool."
    return (f"Partnership, region and England values are computed by pooling: {POOLING.get(spec.measure, '')}. "
            "Member rates are never averaged.")


def estimate_text(spec: MetricSpec) -> str | None:
    """How a partnership's directly standardised rate is estimated without age-specific counts (None for
    other measures, which pool exactly)."""
    return DSR_ESTIMATE if spec.measure == "dsr" and spec.is_local else None


def interval_text(spec: MetricSpec) -> str:
    text = CI_METHODS.get(spec.ci_method, spec.ci_method)
    return text if spec.ci_method == "none" else f"{text}, computed with {PHSTATS}; 95% and 99.8% levels."


def comparison_text(spec: MetricSpec) -> str:
    if not spec.has_interval:
        return QUINTILES[0].upper() + QUINTILES[1:] + "."
    words = ("“better”, “similar” or “worse” by the metric's polarity" if spec.polarity != "no_judgement"
             else "“higher”, “similar” or “lower” (no judgement of better or worse)")
    return f"An area is {COMPARISON} Labels read {words}."


def trend_text(spec: MetricSpec) -> str:
    text = TREND.get(spec.measure, "not tested")
    return f"{text[0].upper()}{text[1:]}; a gap among those points means no test."


def change_text(spec: MetricSpec) -> str:
    if spec.baseline_rule == "none":
        return "No baseline is set for this metric, so change since baseline is not tested."
    if not spec.has_interval:
        return ("Change since baseline is shown but not tested: the figure is a complete administrative count "
                "without an interval.")
    return (f"Change since baseline is a test of the difference itself ({CHANGE.get(spec.measure, '')}, two-sided "
            "at 95%), not a check of whether two intervals overlap.")


def suppression_text(spec: MetricSpec) -> str:
    threshold = int(spec.suppression_threshold)
    if threshold <= 0:
        return "No small-number suppression: the figure is a published national total."
    complement = (f" For this proportion, a value is also withheld when fewer than {threshold} people in the group "
                  "are outside the count, or the group itself has fewer than "
                  f"{threshold} people." if spec.measure == "proportion" else "")
    return (f"Counts from 1 to {threshold - 1} are suppressed (primary suppression; a zero is shown).{complement} "
            "Further values are withheld wherever a suppressed value could otherwise be worked out by "
            "subtracting or combining the published partnership, region, England and authority figures (secondary "
            "suppression). Suppressed values read “Suppressed”, never 0.")


def suppression_rules(thresholds: list[int]) -> tuple[str, ...]:
    """The disclosure-control rules in plain words; ``thresholds``: the local metrics' thresholds in use."""
    used = " or ".join(str(t) for t in sorted(set(thresholds))) or "5"
    return (
        f"Primary suppression: a count of more than 0 and fewer than the metric's threshold ({used} for the local "
        "measures here, the rule NDTMS applies to its public outputs) is hidden, together with its value and "
        "interval. A zero is shown, because it discloses no individual. Values already suppressed by the publisher "
        "stay suppressed. National figures are published totals and are not suppressed.",
        "Complement suppression: a proportion is shown with its denominator, so it also tells how many people are "
        "outside its count — 97 of 100 completing treatment reveals the 3 who did not. As NHS Digital and NDTMS "
        "do, a proportion is withheld when that complement is more than 0 and below the threshold, and when the "
        "whole group is smaller than the threshold (0% or 100% of 3 people says what happened to each of them). A "
        "proportion of 0% or 100% of a larger group is shown, as those publishers show it.",
        "Secondary suppression: a partnership's, region's or England's total is the sum of its authorities, and "
        "these groups overlap (an authority is in a partnership, a region and England), so a hidden count could be "
        "worked out not only by subtracting the shown authorities from one total but by combining several — for "
        "example a region total minus a partnership total minus the authorities shown. For each measure and period, "
        "every published figure is treated as one set of equations, and further values are withheld until no "
        "hidden count can be worked out from any combination of published ones: the smallest authority count that "
        "breaks a way of working it out is hidden (zeros are never used, since a hidden zero gives itself away), "
        "or, where no authority can, a total — always the total of a partnership of one authority, which is that "
        "authority's own figure. The project's tests check this with an equation solver over every download.",
        "The same control applies to every output: maps, charts, tables, downloads, the board pack, presentation "
        "mode, and every view pinned to an earlier data release. “What changed” prints a revised value only as "
        "the releases before and after the revision published it, so the revision of a withheld value reads "
        "“Suppressed” and no change is computed from it. Populations and other denominators are not hidden. A "
        "suppressed value reads “Suppressed” on every page and in every download, never 0.",
    )
