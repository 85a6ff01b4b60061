"""Metric pages say where each metric's data comes from: Fingertips ids with their confirmation, series, long CSV."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from tests.support.layout_tree import find, text

SERIES = ("adults_in_drug_treatment_fingertips", "drug_treatment_completion_opiate_fingertips",
          "drug_treatment_completion_non_opiate_fingertips")


@pytest.fixture(scope="module")
def metric_page():
    import app  # noqa: F401  (registers the pages)
    from layouts.metric import page as metric

    return metric


@pytest.mark.parametrize("metric_id", SERIES)
def test_a_series_page_names_the_framework_metric_it_sits_beside(metric_page, metric_id):
    spec = get_catalogue().metric(metric_id)
    parent = get_catalogue().metric(spec.extra["series_of"])
    assert spec.outcome == parent.outcome
    page = metric_page.layout(metric_id=metric_id)
    words = text(page)
    assert f"A narrower published series beside {parent.name}" in words
    assert f"/metric/{parent.id}" in {a.href for a in find(page, "A")}
    assert f"--indicator {spec.fingertips_indicator_ids[0]}" in words


def test_the_framework_page_links_its_series_and_says_why_they_are_apart(metric_page):
    page = metric_page.layout(metric_id="numbers_in_treatment")
    words = text(page)
    assert "No Fingertips indicator measures exactly this metric." in words
    assert "Narrower, loaded as a series of its own" in words and "286,545" in words
    assert "/metric/adults_in_drug_treatment_fingertips" in {a.href for a in find(page, "A")}
    assert "Candidate ids, not confirmed" in text(metric_page.layout(metric_id="ocu_prevalence"))


def test_a_metric_fingertips_does_not_publish_names_its_source_and_long_csv_layout(metric_page):
    for metric_id, period in (("drug_use_last_year", "2021/22"), ("prison_continuity_of_care", "Q4 2021/22"),
                              ("hepatitis_c_pwid", "2021")):
        spec = get_catalogue().metric(metric_id)
        words = text(metric_page.layout(metric_id=metric_id))
        assert f"From its source ({spec.source})" in words
        assert "metric, area_code, period, value, numerator, denominator, lower_ci, upper_ci, note" in words
        assert f"with metric {metric_id} and periods written like {period}" in words
