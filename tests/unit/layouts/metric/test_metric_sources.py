"""Metric pages say where each metric's data comes from: Fingertips ids with their confirmation, series, long CSV."""

from __future__ import annotations

from data_access.catalogue import get_catalogue


def test_every_fingertips_id_that_feeds_a_metric_says_where_it_was_confirmed():
    for spec in get_catalogue().metrics.values():
        related = {r["id"]: r for r in spec.extra.get("fingertips_related") or []}
        for indicator in spec.fingertips_indicator_ids:
            assert related[indicator]["relation"] == "same", (spec.id, indicator)
            assert related[indicator]["confirmed"], (spec.id, indicator)
        for entry in related.values():
            assert entry.get("relation") in ("same", "narrower", "unconfirmed", "other"), (spec.id, entry)
            assert entry.get("confirmed") or entry.get("unconfirmed"), (spec.id, entry["id"])


def test_each_indicator_feeds_one_metric_of_its_own_period_type():
    catalogue = get_catalogue()
    fed = [i for spec in catalogue.metrics.values() for i in spec.fingertips_indicator_ids]
    assert sorted(fed) == [90244, 90245, 92432, 92454]
    assert catalogue.metric("drug_treatment_completion_opiate_fingertips").period_type == "calendar_year"
    assert catalogue.metric("adults_in_drug_treatment_fingertips").period_type == "financial_year"
    assert catalogue.metric("numbers_in_treatment").fingertips_indicator_ids == ()
    assert catalogue.metric("successful_completions_adults").fingertips_indicator_ids == ()
