"""The framework catalogue: outcomes and metrics read from ``metrics.yaml``.

Everything the app knows about a metric (name, unit, polarity, method, baseline rule, source,
confidence) is data in that file; code asks this module and never branches on a metric id.
The catalogue is read from the file (cheap, no database) so layouts can use it; ``sync_catalogue``
copies it into the store so downloads and joins see the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from data_access.catalogue.public_text import check_public_text

CATALOGUE_FILE = Path(__file__).with_name("metrics.yaml")
POLARITIES = ("lower_is_better", "higher_is_better", "no_judgement")
MEASURES = ("proportion", "crude_rate", "dsr", "count", "mean")
CI_METHODS = ("wilson", "byar", "dobson", "none")


class UnknownMetric(KeyError):
    """A metric id that is not in the catalogue."""


class UnknownOutcome(KeyError):
    """An outcome id or slug that is not in the catalogue."""


@dataclass(frozen=True)
class MetricSpec:
    """One metric of the framework, as the dashboard uses it."""

    id: str
    name: str
    short_name: str
    outcome: str
    tier: str
    tier_status: str
    position: int
    definition: str
    unit: str
    measure: str
    multiplier: float
    value_unit: str
    polarity: str
    source: str
    frequency: str
    source_geographies: tuple[str, ...]
    geography: str
    period_type: str
    ci_method: str
    denominator: str | None
    suppression_threshold: int
    baseline: dict[str, Any]
    latest_published: dict[str, Any]
    fingertips_indicator_ids: tuple[int, ...]
    notes: str
    confidence: str
    demo: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    #: Decimal places the publisher prints values with (``decimals`` in the file); None: the measure's usual.
    decimals: int | None = None

    @property
    def is_local(self) -> bool:
        """True when the metric exists for authorities, so partnerships can be pooled and mapped."""
        return self.geography == "utla"

    @property
    def has_interval(self) -> bool:
        return self.ci_method != "none"

    @property
    def published_decimals(self) -> int:
        """Decimal places of the published figures: the entry's ``decimals``, else 0 for a count and 1 otherwise
        (OHID's Fingertips and the framework's tables print rates, percentages and means to one place).

        Screens and downloads both round to it, so a CSV cell reads as the figure on the page.
        """
        if self.decimals is not None:
            return self.decimals
        return 0 if self.measure == "count" else 1

    @property
    def baseline_periods(self) -> tuple[str, ...]:
        return tuple(self.baseline.get("periods") or ())

    @property
    def baseline_rule(self) -> str:
        return str(self.baseline.get("rule", "none"))

    @property
    def source_status(self) -> str:
        """ "confirmed", "unconfirmed" (named but not confirmed) or "inferred" (read from the title); pages
        word it plainly beside the source."""
        return str(self.extra.get("source_status", "confirmed"))

    @property
    def frequency_confirmed(self) -> bool:
        """False when the publication frequency is the compilers' reading rather than a stated fact."""
        return self.extra.get("frequency_confirmed", True) is not False

    @property
    def former_names(self) -> tuple[str, ...]:
        """Earlier names of the measure in framework documents."""
        return tuple(self.extra.get("former_names") or ())

    @property
    def editor_note(self) -> str:
        """The compilers' research note: for editors of the catalogue only, never shown or exported."""
        return str(self.extra.get("editor_note") or "")


@dataclass(frozen=True)
class OutcomeSpec:
    id: str
    slug: str
    name: str
    short_name: str
    group: str
    position: int
    headline_metric_ids: tuple[str, ...]
    supporting_metric_ids: tuple[str, ...]
    ambitions: tuple[dict, ...]


@dataclass(frozen=True)
class Catalogue:
    framework: dict[str, Any]
    outcomes: tuple[OutcomeSpec, ...]
    metrics: dict[str, MetricSpec]

    def metric(self, metric_id: str) -> MetricSpec:
        try:
            return self.metrics[metric_id]
        except KeyError:
            raise UnknownMetric(metric_id) from None

    def outcome(self, key: str) -> OutcomeSpec:
        for outcome in self.outcomes:
            if key in (outcome.id, outcome.slug):
                return outcome
        raise UnknownOutcome(key)

    def outcome_metrics(self, key: str) -> list[MetricSpec]:
        """The outcome's metrics, headline first, then supporting (the drill-down order), each framework
        metric followed by the narrower published series loaded beside it."""
        outcome = self.outcome(key)
        ordered = []
        for metric_id in outcome.headline_metric_ids + outcome.supporting_metric_ids:
            ordered += [self.metrics[metric_id], *self.series_beside(metric_id)]
        return ordered

    def series_beside(self, metric_id: str) -> list[MetricSpec]:
        """Published series (``tier: series``) that measure something narrower than ``metric_id``."""
        return [m for m in self.metrics.values() if m.extra.get("series_of") == metric_id]

    def headline_metrics(self) -> list[MetricSpec]:
        return [self.metrics[m] for o in self.outcomes for m in o.headline_metric_ids]

    def outcome_of(self, metric_id: str) -> OutcomeSpec:
        return self.outcome(self.metric(metric_id).outcome)


_METRIC_FIELDS = set(MetricSpec.__dataclass_fields__) - {"extra"}


def _metric(entry: dict[str, Any]) -> MetricSpec:
    known = {k: v for k, v in entry.items() if k in _METRIC_FIELDS}
    known["source_geographies"] = tuple(known.get("source_geographies") or ())
    known["fingertips_indicator_ids"] = tuple(known.get("fingertips_indicator_ids") or ())
    spec = MetricSpec(**known, extra={k: v for k, v in entry.items() if k not in _METRIC_FIELDS})
    problems = []
    if spec.polarity not in POLARITIES:
        problems.append(f"polarity {spec.polarity!r}")
    if spec.measure not in MEASURES:
        problems.append(f"measure {spec.measure!r}")
    if spec.ci_method not in CI_METHODS:
        problems.append(f"ci_method {spec.ci_method!r}")
    if spec.decimals is not None and (type(spec.decimals) is not int or not 0 <= spec.decimals <= 6):
        problems.append(f"decimals {spec.decimals!r} (a whole number from 0 to 6)")
    if problems:
        raise ValueError(f"catalogue metric {spec.id}: unknown " + ", ".join(problems))
    return spec


def parse_catalogue(data: dict[str, Any]) -> Catalogue:
    """Build and check a catalogue from the YAML structure (public text free of editors' notes)."""
    check_public_text(data)
    metrics = {m["id"]: _metric(m) for m in data["metrics"]}
    outcomes = tuple(
        OutcomeSpec(
            id=o["id"], slug=o["slug"], name=o["name"], short_name=o["short_name"], group=o["group"],
            position=o["position"], headline_metric_ids=tuple(o["headline_metric_ids"]),
            supporting_metric_ids=tuple(o["supporting_metric_ids"]), ambitions=tuple(o.get("ambitions") or ()),
        )
        for o in sorted(data["outcomes"], key=lambda o: o["position"])
    )
    for outcome in outcomes:
        for metric_id in outcome.headline_metric_ids + outcome.supporting_metric_ids:
            if metric_id not in metrics or metrics[metric_id].outcome != outcome.id:
                raise ValueError(f"outcome {outcome.id} lists {metric_id}, which is not one of its metrics")
    return Catalogue(framework=data.get("framework", {}), outcomes=outcomes, metrics=metrics)


@lru_cache(maxsize=1)
def get_catalogue() -> Catalogue:
    """The catalogue from the committed file, parsed once per process."""
    with CATALOGUE_FILE.open(encoding="utf-8") as handle:
        return parse_catalogue(yaml.safe_load(handle))
