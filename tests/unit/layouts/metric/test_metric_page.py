"""/metric pages: one per catalogue metric, generated from the catalogue; a list; a friendly unknown id."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from tests.support.layout_tree import find, text

METRICS = sorted(get_catalogue().metrics)


@pytest.fixture(scope="module")
def metric_page():
    import app  # noqa: F401  (registers the pages)
    from layouts.metric import page as metric

    return metric


def test_index_lists_every_metric_by_outcome(metric_page):
    page = metric_page.layout()
    words = text(page)
    for outcome in get_catalogue().outcomes:
        assert outcome.name in words
    hrefs = {a.href for a in find(page, "A")}
    assert {f"/metric/{m}" for m in METRICS} <= hrefs


def test_unknown_id_gets_a_message_and_the_list(metric_page):
    page = metric_page.layout(metric_id="<b>nope</b>")
    words = text(page)
    assert "Metric not found" in words and "“<b>nope</b>”" in words
    assert {f"/metric/{m}" for m in METRICS} <= {a.href for a in find(page, "A")}


def test_titles_name_the_metric(metric_page):
    assert metric_page._title("drug_misuse_deaths").startswith("Drug misuse deaths – definition")
    assert metric_page._title().startswith("Metric definitions")
    assert metric_page._title("nope").startswith("Metric definitions")
