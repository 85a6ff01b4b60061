"""Denominators of demonstration metrics: ONS populations, or plausible cohorts derived from them.

A metric divided by a population uses the ONS mid-2022 figure of its authority (the same figure in
every year, which is what "consistent with the mid-2022 populations" means here). A metric divided
by a cohort gets a cohort drawn per authority and period:

- a cohort that is itself a demonstration metric (``numbers_in_treatment``) is that metric's
  numerator for the same authority and period, so completions, deaths in treatment and the like
  are shares of the very adults-in-treatment counts the dashboard shows;
- otherwise ``COHORTS`` gives the rule: an expected rate per head of a population (adjusted per
  authority by a persistent log-normal cohort effect, then a Poisson draw), or a share of another
  cohort (a binomial draw). Cohorts are at least 1 so every stored value is defined.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_access.catalogue import MetricSpec
from data_access.periods import PeriodSpec

POPULATIONS = {"pop_all": "pop_all_ages", "pop_all_ages": "pop_all_ages", "pop_15_64": "pop_15_64",
               "pop_18_plus": "pop_18_plus", "pop_under_18": "pop_under_18"}
MAX_SHARE = 0.95


@dataclass(frozen=True)
class CohortRule:
    """Expected cohort = base x rate / per (x period length in quarters when ``per_quarter``)."""

    base: str  # a population (POPULATIONS key) or another cohort's name
    rate: float
    per: float = 1.0
    rate_key: str | None = None  # a ``demo`` parameter of the metric that overrides ``rate``
    per_quarter: bool = False


COHORTS = {
    # adults in treatment: 286,545 of 45.2 million adults in 2021/22 is 6.3 per 1,000 (NDTMS); used only
    # where the numbers_in_treatment metric itself is not generated for the period
    "numbers_in_treatment": CohortRule("pop_18_plus", 6.3, 1000),
    # MoJ proven reoffending cohort: offenders cautioned, convicted or released in a year
    "cohort": CohortRule("pop_all_ages", 420, 100_000, "cohort_per_100k"),
    # adults released from prison with a treatment need, per quarter
    "prison_leavers": CohortRule("pop_18_plus", 9, 100_000, "leavers_per_100k_quarter", per_quarter=True),
    # people in treatment with a mental health treatment need: about 6 in 10 adults (NDTMS)
    "mental_health_need": CohortRule("numbers_in_treatment", 0.6),
}


@dataclass
class Cohorts:
    """Draws cohorts for one metric; ``generated`` holds numerators of metrics already generated."""

    spec: MetricSpec
    population: pd.DataFrame
    rng: np.random.Generator
    generated: dict[str, dict[tuple[str, str], np.ndarray]]
    effect: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.effect = np.exp(self.rng.normal(0.0, 0.25, len(self.population)))

    def population_of(self, name: str) -> np.ndarray:
        return self.population[POPULATIONS[name]].to_numpy(dtype=np.int64)

    def denominator(self, period: PeriodSpec) -> np.ndarray | None:
        """Denominators per atom for ``period``; None for a metric without one (a plain count)."""
        name = self.spec.denominator
        if name is None:
            return None
        if name in POPULATIONS:
            return self.population_of(name)
        return self.cohort(name, period)

    def cohort(self, name: str, period: PeriodSpec) -> np.ndarray:
        drawn = self.generated.get(name, {}).get((period.label, period.type))
        if drawn is not None:
            return np.maximum(drawn, 1)
        if name not in COHORTS:
            raise ValueError(f"{self.spec.id}: no demonstration rule for the denominator {name!r}")
        rule = COHORTS[name]
        rate = float(self.spec.demo.get(rule.rate_key, rule.rate)) if rule.rate_key else rule.rate
        if rule.base in POPULATIONS:
            quarters = round(((period.end - period.start).days + 1) / 91.3) if rule.per_quarter else 1
            expected = self.population_of(rule.base) * rate / rule.per * quarters * self.effect
            return np.maximum(self.rng.poisson(expected), 1)
        base = self.cohort(rule.base, period)
        return np.maximum(self.rng.binomial(base, np.minimum(rate * self.effect, MAX_SHARE)), 1)


def depends_on(spec: MetricSpec) -> str | None:
    """The cohort a metric's denominator is drawn from, followed to its root (to order generation)."""
    name = spec.denominator
    while name in COHORTS and COHORTS[name].base not in POPULATIONS:
        name = COHORTS[name].base
    return name if name is not None and name not in POPULATIONS else None
