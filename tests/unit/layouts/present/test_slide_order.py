"""A partnership's deck shows its own measures first and the England-only ones after; England's keeps the
catalogue's order."""

from __future__ import annotations

from data_access.catalogue import get_catalogue
from layouts.present.order import slide_order


def _headline():
    catalogue = get_catalogue()
    return [catalogue.metric(m) for o in catalogue.outcomes for m in o.headline_metric_ids]


def test_a_partnership_deck_puts_its_local_measures_first():
    plans = slide_order(get_catalogue(), partnership=True)
    headline = _headline()
    assert sorted(p.spec.id for p in plans) == sorted(s.id for s in headline)  # every measure, once
    flags = [p.local for p in plans]
    assert True in flags and False in flags  # the catalogue has both kinds, so the order is tested
    assert flags == sorted(flags, reverse=True)  # no local measure after an England-only one
    assert all(p.local == p.spec.is_local for p in plans)


def test_within_each_group_the_outcome_order_is_kept():
    plans = slide_order(get_catalogue(), partnership=True)
    headline = [s.id for s in _headline()]
    for local in (True, False):
        ids = [p.spec.id for p in plans if p.local is local]
        assert ids == [m for m in headline if m in ids]


def test_each_slide_keeps_its_own_outcome():
    catalogue = get_catalogue()
    for plan in slide_order(catalogue, partnership=True):
        assert plan.spec.id in plan.outcome.headline_metric_ids


def test_englands_deck_keeps_the_catalogue_order_with_no_local_measures():
    plans = slide_order(get_catalogue(), partnership=False)
    assert [p.spec.id for p in plans] == [s.id for s in _headline()]
    assert not any(p.local for p in plans)
