"""The order of a deck's measure slides: the board's own measures first, England-only ones after.

A board looks first at what it can change, so a partnership's deck shows the headline measures that
have a partnership figure before those measured for England only, each group in the catalogue's
outcome order: the order of the status summary on slide 1 and page 1 of the board pack. England's
deck has no such split (every figure is England's) and keeps the catalogue's order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from data_access.catalogue import Catalogue, MetricSpec, OutcomeSpec


class SlidePlan(NamedTuple):
    """One measure slide: its outcome, the measure, and whether its figures are the partnership's own."""

    outcome: OutcomeSpec
    spec: MetricSpec
    local: bool


def slide_order(catalogue: Catalogue, *, partnership: bool) -> list[SlidePlan]:
    """Every headline measure as a slide plan; for a ``partnership`` deck the local measures come first."""
    plans = [SlidePlan(outcome, spec, partnership and spec.is_local)
             for outcome in catalogue.outcomes for spec in (catalogue.metric(m) for m in outcome.headline_metric_ids)]
    return sorted(plans, key=lambda plan: not plan.local)  # stable: outcome order within each group
