"""/metric pages: one per catalogue metric, generated from the catalogue; a list; a friendly unknown id."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from layouts._shared.sources import confidence_sentence
from tests.support.layout_tree import find, text

METRICS = sorted(get_catalogue().metrics)


@pytest.fixture(scope="module")
def metric_page():
    import app  # noqa: F401  (registers the pages)
    from layouts.metric import page as metric

    return metric


@pytest.mark.parametrize("metric_id", METRICS)
def test_every_metric_has_a_page_with_name_source_and_confidence(metric_page, metric_id):
    spec = get_catalogue().metric(metric_id)
    words = text(metric_page.layout(metric_id=metric_id))
    assert spec.name in words
    assert spec.source in words
    assert confidence_sentence(spec) in words
    assert f"Confidence in this definition: {spec.confidence}" in words
    outcome = get_catalogue().outcome(spec.outcome)
    hrefs = {a.href for a in find(metric_page.layout(metric_id=metric_id), "A")}
    assert f"/outcome/{outcome.slug}" in hrefs


def test_low_confidence_is_said_plainly(metric_page):
    words = text(metric_page.layout(metric_id="homelessness_drug_dependency_need"))
    assert ("Confidence in this definition: low — only the title is published; the definition, source and "
            "geography are not yet confirmed") in words
    assert "(source not yet confirmed by the publisher)" in words


def test_definition_page_explains_the_methods(metric_page):
    words = text(metric_page.layout(metric_id="drug_misuse_deaths"))
    for fragment in ("Dobson", "PHStatsMethods", "excludes England's value", "2013 European Standard Population",
                     "Counts from 1 to 4 are suppressed", "2019-21", "2,846", "92432",
                     "Not yet announced (the last announced date, Autumn 2023, has passed)",
                     "test of the difference"):
        assert fragment in words
    proportion = text(metric_page.layout(metric_id="treatment_progress"))
    assert "Wilson" in proportion and "Chi-squared test for linear trend" in proportion
    rate = text(metric_page.layout(metric_id="ocu_prevalence"))
    assert "Byar" in rate and "Poisson test for trend" in rate and "91117" in rate and "confidence: low" in rate


def test_metric_without_interval_is_ranked_in_quintiles(metric_page):
    words = text(metric_page.layout(metric_id="neighbourhood_crime"))
    assert "quintile" in words and "England only" in words
