"""Demonstration counts for metrics published by authority (geography ``utla``).

For each metric and period the generator fixes England's numerator first — the anchor count, or
the anchor rate times England's denominator — and shares it among authorities in proportion to
each one's denominator times its *relative level*: a persistent log-normal area effect (standard
deviation ``demo.spread``; harm rates share part of it through a common "need" factor, as drug harms
cluster in the same places), a small per-area drift over time and a little per-period noise. The
share-out is a multinomial draw, i.e. independent Poisson counts conditioned on their sum, so small
authorities (Isles of Scilly, City of London, Rutland) get small, noisy counts while England hits the
anchor exactly. No count exceeds its denominator.

Rolling three-year pools are sums of annual draws; for a directly standardised rate each annual
count is also split by age band (deaths concentrate at ages 30-59), so band rows add up to the
"all" row and the read layer can standardise.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_access.catalogue import MetricSpec
from data_access.demo.denominators import Cohorts
from data_access.demo.geography import Geography
from data_access.demo.timeline import anchors_of, component_periods, metric_periods, midpoint
from data_access.periods import PeriodSpec

RATE_MEASURES = ("crude_rate", "dsr")
NEED_WEIGHT = 0.6  # correlation of a harm rate's area effect with the shared need factor
DRIFT_SHARE = 0.05  # per-year drift sd as a share of the spread: some areas improve relative to England, some worsen
NOISE_SHARE = 0.15  # per-period noise sd as a share of the spread
MAX_PROPORTION = 0.98
# Relative drug misuse death rate by age band (shape of ONS registrations: peak at 40-49, few under 20 or over 70)
AGE_PROFILE = {"0-4": 0.0, "5-9": 0.0, "10-14": 0.02, "15-19": 0.3, "20-24": 1.4, "25-29": 2.8, "30-34": 4.8,
               "35-39": 6.5, "40-44": 7.6, "45-49": 8.0, "50-54": 6.8, "55-59": 4.6, "60-64": 2.3, "65-69": 1.0,
               "70-74": 0.5, "75-79": 0.3, "80-84": 0.2, "85-89": 0.15, "90+": 0.1}


def metric_rng(seed: int, metric_id: str, stream: int = 0) -> np.random.Generator:
    """One independent stream per metric, so adding or reordering metrics leaves the others unchanged."""
    return np.random.default_rng([seed, zlib.crc32(metric_id.encode()), stream])


def allocate(rng: np.random.Generator, total: int, weights: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Exactly ``total`` counts shared in proportion to ``weights``, none above ``cap`` (redrawing the excess)."""
    cap = np.asarray(cap, dtype=np.int64)
    if total > cap.sum():
        raise ValueError(f"cannot place {total} counts within denominators totalling {cap.sum()}")
    counts = np.zeros(len(cap), dtype=np.int64)
    while (remaining := total - int(counts.sum())) > 0:
        room = cap - counts
        live = np.where(room > 0, np.asarray(weights, dtype=float), 0.0)
        live = live if live.sum() > 0 else (room > 0).astype(float)
        counts += np.minimum(rng.multinomial(remaining, live / live.sum()), room)
    return counts


@dataclass
class LocalGenerator:
    """Generates every authority-level metric; remembers numerators that later metrics use as cohorts."""

    geo: Geography
    seed: int
    generated: dict[str, dict[tuple[str, str], np.ndarray]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.need = np.random.default_rng([self.seed, 0]).standard_normal(len(self.geo.atoms))

    def relative_levels(self, spec: MetricSpec, rng: np.random.Generator, units: list[PeriodSpec]) -> list[np.ndarray]:
        """Each atom's level relative to England, per unit period."""
        spread = float(spec.demo.get("spread", 0.3))
        z = rng.standard_normal(len(self.geo.atoms))
        if spec.measure in RATE_MEASURES:
            z = NEED_WEIGHT * self.need + np.sqrt(1 - NEED_WEIGHT**2) * z
        effect = np.exp(spread * z - spread**2 / 2)
        drift = rng.normal(0.0, DRIFT_SHARE * spread, len(z))
        centre = (midpoint(units[0]) + midpoint(units[-1])) / 2
        return [effect * np.exp(drift * (midpoint(u) - centre) / 365.25 + rng.normal(0.0, NOISE_SHARE * spread, len(z)))
                for u in units]

    def draw(self, spec: MetricSpec) -> tuple[dict, dict, dict]:
        """Numerators, denominators (None for plain counts) and age-band counts per atom, per unit period."""
        rng = metric_rng(self.seed, spec.id)
        units = component_periods(spec, metric_periods(spec))
        anchors, anchored_counts = anchors_of(spec)
        levels = self.relative_levels(spec, rng, units)
        cohorts = Cohorts(spec, self.geo.population, metric_rng(self.seed, spec.id, 1), self.generated)
        all_ages = self.geo.population["pop_all_ages"].to_numpy(dtype=np.int64)
        band_rates = self.geo.age_bands.to_numpy(dtype=float) * np.array([AGE_PROFILE[b] for b in self.geo.age_bands])
        band_rates /= band_rates.sum(axis=1, keepdims=True)
        numerators, denominators, bands = {}, {}, {}
        for unit, relative in zip(units, levels, strict=True):
            denominator = cohorts.denominator(unit)
            base = all_ages if denominator is None else denominator
            level = anchors.level(unit)
            total = round(level if anchored_counts else level / spec.multiplier * base.sum())
            if spec.measure == "proportion":
                weights = base * np.minimum(total / base.sum() * relative, MAX_PROPORTION)
            else:
                weights = base * relative
            counts = allocate(rng, total, weights, base)
            key = (unit.label, unit.type)
            numerators[key], denominators[key] = counts, denominator
            if spec.measure == "dsr":
                bands[key] = rng.multinomial(counts, band_rates)
        self.generated[spec.id] = numerators
        return numerators, denominators, bands

    def frame(self, spec: MetricSpec) -> pd.DataFrame:
        """England and authority rows of one metric (columns as ``generate_demo_frame``, without note)."""
        numerators, denominators, bands = self.draw(spec)
        band_labels = list(self.geo.age_bands.columns)
        band_population = self.geo.age_bands.to_numpy(dtype=np.int64)
        parts = []
        for period in metric_periods(spec):
            keys = [k for k in numerators if _within(k, period)] if spec.period_type == "rolling_3_year" \
                else [(period.label, period.type)]
            num = sum(numerators[k] for k in keys)
            den = None if denominators[keys[0]] is None else sum(denominators[k] for k in keys)
            codes = self.geo.valid_at(period.end)
            matrix = self.geo.matrix(codes)
            parts.append(_rows(spec, period, "all", (self.geo.england, *codes), matrix, num, den))
            if bands:
                counts = sum(bands[k] for k in keys)
                for j, label in enumerate(band_labels):
                    parts.append(_rows(spec, period, label, (self.geo.england, *codes), matrix, counts[:, j],
                                       band_population[:, j] * len(keys)))
        return pd.concat(parts, ignore_index=True)


def _within(key: tuple[str, str], period: PeriodSpec) -> bool:
    year = int(key[0])
    return period.start.year <= year <= period.end.year


def _rows(spec: MetricSpec, period: PeriodSpec, breakdown: str, codes: tuple[str, ...], matrix: np.ndarray,
          num: np.ndarray, den: np.ndarray | None) -> pd.DataFrame:
    """England (the sum over all atoms) followed by each valid authority (the sum over its atoms)."""
    numerator = np.concatenate([[num.sum()], matrix @ num]).astype(float)
    if den is None:
        denominator = np.full(len(numerator), np.nan)
        value = numerator * spec.multiplier
    else:
        denominator = np.concatenate([[den.sum()], matrix @ den]).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(denominator > 0, numerator / denominator * spec.multiplier, np.nan)
    return pd.DataFrame({"metric_id": spec.id, "area_code": codes, "period_label": period.label,
                         "period_type": period.type, "breakdown": breakdown, "value": value,
                         "numerator": numerator, "denominator": denominator})
