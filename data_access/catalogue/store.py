"""Copy the catalogue file into the store's outcome, metric and baseline tables."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.orm import Session

from data_access.catalogue import Catalogue, get_catalogue
from data_access.catalogue.public_text import without_editor_notes
from data_access.models import Baseline, Metric, Outcome

_COLUMNS = ("name", "short_name", "tier", "position", "definition", "measure", "multiplier", "value_unit",
            "polarity", "source", "frequency", "geography", "period_type", "ci_method",
            "suppression_threshold", "confidence")


def sync_catalogue(session: Session, catalogue: Catalogue | None = None) -> int:
    """Insert or update every outcome, metric and baseline; returns the number of metrics."""
    catalogue = catalogue or get_catalogue()
    for outcome in catalogue.outcomes:
        session.merge(Outcome(id=outcome.id, slug=outcome.slug, name=outcome.name, short_name=outcome.short_name,
                              group=outcome.group, position=outcome.position,
                              details={"ambitions": without_editor_notes(list(outcome.ambitions))}))
    session.flush()
    for spec in catalogue.metrics.values():
        values = {name: getattr(spec, name) for name in _COLUMNS}
        # Editors' research notes stay in the catalogue file: nothing read from the store can show them.
        details = without_editor_notes(
            {k: v for k, v in asdict(spec).items() if k not in _COLUMNS and k not in ("id", "outcome")})
        session.merge(Metric(id=spec.id, outcome_id=spec.outcome, details=details, **values))
        session.merge(Baseline(metric_id=spec.id, rule=spec.baseline_rule, period_labels=list(spec.baseline_periods),
                               england_value=spec.baseline.get("england_value"), note=spec.baseline.get("note")))
    return len(catalogue.metrics)
