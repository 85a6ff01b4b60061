"""Each outcome page opens on the first measure with partnership and local authority figures, and an explicit
``?metric=`` choice is still honoured."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from layouts.outcome.parts import default_metric, parse_query

#: What each page opens on: the first local measure, headline measures first; supply has only national measures.
EXPECTED = {
    "drug-use": "ocu_prevalence",
    "crime": "proven_reoffending",
    "deaths-and-harm": "drug_misuse_deaths",
    "supply": "county_lines_closed",
    "treatment": "numbers_in_treatment",
    "recovery": "treatment_progress",
}


def test_every_outcome_is_listed():
    assert set(EXPECTED) == {outcome.slug for outcome in get_catalogue().outcomes}


@pytest.mark.parametrize("slug, metric_id", EXPECTED.items())
def test_the_page_opens_on_the_first_measure_with_local_figures(slug, metric_id):
    state, messages = parse_query(slug, {})
    assert (state.metric, messages) == (metric_id, [])
    assert default_metric(slug).id == metric_id


@pytest.mark.parametrize("slug", EXPECTED)
def test_the_default_follows_the_rule(slug):
    """The rule, from the catalogue: the first local measure in picker order, else the first measure."""
    metrics = get_catalogue().outcome_metrics(slug)
    local = [m for m in metrics if m.is_local]
    assert default_metric(slug) == (local[0] if local else metrics[0])
    if local:
        assert default_metric(slug).is_local


@pytest.mark.parametrize("slug, asked", [("drug-use", "drug_use_last_year"), ("crime", "drug_related_homicides"),
                                         ("supply", "drug_purity")])
def test_an_explicit_national_measure_is_honoured(slug, asked):
    state, messages = parse_query(slug, {"metric": asked})
    assert (state.metric, messages) == (asked, [])


def test_an_unknown_measure_falls_back_to_the_local_default_and_says_so():
    state, messages = parse_query("drug-use", {"metric": "no_such_measure"})
    assert state.metric == "ocu_prevalence"
    assert messages == ["There is no measure “no_such_measure” under drug use. Showing Opiate/crack use "
                        "prevalence instead."]
