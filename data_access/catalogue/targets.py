"""The framework's numeric ambitions as targets on headline measures, read from ``targets.yaml``.

The framework states its ambitions per outcome, in words ("at least 54,500 new treatment places by
2024/25"); which measure shows progress towards one, and how, is data in ``targets.yaml`` (never a
branch on a metric id), checked here against the catalogue when the file is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from data_access.catalogue import Catalogue, get_catalogue
from data_access.periods import PeriodError, parse_period

TARGETS_FILE = Path(__file__).with_name("targets.yaml")
KINDS = ("level_change", "cumulative", "reverse_trend")


@dataclass(frozen=True)
class AmbitionTarget:
    """One numeric ambition tracked on one measure (England's figures): its words, shape and dates.

    ``label``: the ambition in a few words ("54,500 more people in treatment by 2024/25");
    ``amount``: the rise (``level_change``) or the running total (``cumulative``) due by ``by_period``;
    ``from_period``: where the trajectory starts (None for ``reverse_trend``, which has none).
    """

    metric_id: str
    kind: str
    label: str
    by_period: str
    from_period: str | None = None
    amount: float | None = None


def _target(entry: dict[str, Any], catalogue: Catalogue) -> AmbitionTarget:
    target = AmbitionTarget(metric_id=str(entry["metric"]), kind=str(entry["kind"]), label=str(entry["label"]),
                            by_period=str(entry["by_period"]),
                            from_period=str(entry["from_period"]) if entry.get("from_period") else None,
                            amount=float(entry["amount"]) if entry.get("amount") is not None else None)
    spec = catalogue.metric(target.metric_id)
    if target.kind not in KINDS:
        raise ValueError(f"target for {target.metric_id}: unknown kind {target.kind!r}")
    if target.kind != "reverse_trend" and (target.from_period is None or target.amount is None):
        raise ValueError(f"target for {target.metric_id}: a {target.kind} target needs from_period and amount")
    for period in (target.from_period, target.by_period):
        if period is not None:
            try:
                parse_period(period, spec.period_type)
            except PeriodError as error:
                raise ValueError(f"target for {target.metric_id}: {error}") from None
    return target


def parse_targets(data: dict[str, Any], catalogue: Catalogue) -> dict[str, AmbitionTarget]:
    """Targets by metric id, each checked against the catalogue (one target per measure)."""
    targets: dict[str, AmbitionTarget] = {}
    for entry in data.get("targets") or ():
        target = _target(entry, catalogue)
        if target.metric_id in targets:
            raise ValueError(f"two targets for {target.metric_id}")
        targets[target.metric_id] = target
    return targets


@lru_cache(maxsize=1)
def get_targets() -> dict[str, AmbitionTarget]:
    """The committed targets, parsed and checked once per process."""
    with TARGETS_FILE.open(encoding="utf-8") as handle:
        return parse_targets(yaml.safe_load(handle), get_catalogue())


def metric_target(metric_id: str) -> AmbitionTarget | None:
    """The numeric ambition tracked on ``metric_id``, or None when the framework sets it none."""
    return get_targets().get(metric_id)
