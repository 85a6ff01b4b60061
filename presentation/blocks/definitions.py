"""The metric definition panel: what is measured, how, from where, and how sure we are of it.

The catalogue records a ``confidence`` and a ``source_status`` for each entry because several supporting
metrics' sources are not yet confirmed; the panel states that plainly (``presentation.catalogue_text``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import html

from presentation import ids
from presentation.blocks.cards import heading
from presentation.catalogue_text import confidence_text, frequency_text, source_text

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec
    from data_access.catalogue.schedule import NextRelease

POLARITY_WORDS = {
    "lower_is_better": "Lower is better",
    "higher_is_better": "Higher is better",
    "no_judgement": "No judgement: a higher or lower value is neither better nor worse",
}
MEASURE_WORDS = {
    "proportion": "Proportion (percentage)",
    "crude_rate": "Crude rate",
    "dsr": "Directly age-standardised rate",
    "count": "Count",
    "mean": "Mean",
}
CI_WORDS = {
    "wilson": "95% confidence interval by the Wilson score method",
    "byar": "95% confidence interval by Byar's method (exact method for small counts)",
    "dobson": "95% confidence interval by the Dobson method",
    "none": "No confidence interval is calculated",
}
GEOGRAPHY_WORDS = {
    "utla": "Upper-tier local authorities; partnership values pool their members' counts",
    "national": "England only (not available for partnerships)",
}


def baseline_text(spec: MetricSpec) -> str:
    """The baseline rule in words, with its note."""
    periods = spec.baseline_periods
    if spec.baseline_rule == "average" and periods:
        text = f"Average of {periods[0]} to {periods[-1]}"
    elif spec.baseline_rule == "period" and periods:
        text = periods[0]
    else:
        text = "No baseline set"
    note = spec.baseline.get("note")
    return f"{text}. {note}" if note else text


def definition_panel(spec: MetricSpec, *, heading_level: int = 2, next_release: NextRelease | None = None) -> html.Section:
    """The definition as a description list (screen readers announce term and value pairs).

    ``next_release`` is what the release schedule says today; without it the panel has no next-release line.
    """
    method = f"{MEASURE_WORDS.get(spec.measure, spec.measure)}; {CI_WORDS.get(spec.ci_method, spec.ci_method)}"
    items = [
        ("Definition", spec.definition),
        ("Unit", spec.value_unit),
        ("Polarity", POLARITY_WORDS.get(spec.polarity, spec.polarity)),
        ("Method", method),
        ("Baseline", baseline_text(spec)),
        ("Formerly called", "; ".join(spec.former_names)),
        ("Source", source_text(spec)),
        ("Frequency", frequency_text(spec)),
        ("Geography", GEOGRAPHY_WORDS.get(spec.geography, spec.geography)),
        ("Caveats", spec.notes),
        ("Confidence", confidence_text(spec)),
        ("Next release", next_release.text if next_release else None),
        ("Next release announced in", next_release.source if next_release else None),
    ]
    body = []
    for term, description in items:
        if description:
            body.extend([html.Dt(term), html.Dd(description)])
    return html.Section([
        heading(heading_level, f"About this data: {spec.name}", className="definition__title"),
        html.Dl(body, className="definition__list"),
    ], className="definition", id=ids.definition_anchor(spec.id))
