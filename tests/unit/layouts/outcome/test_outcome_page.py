"""Outcome pages: six registered pages in catalogue order, and a layout built from the query string alone."""

from __future__ import annotations

import dash
import pytest

from data_access.catalogue import get_catalogue
from presentation import ids
from tests.support.layout_tree import find, text, walk
from tests.support.paths import PROJECT_ROOT

SLUGS = ["drug-use", "crime", "deaths-and-harm", "supply", "treatment", "recovery"]


@pytest.fixture(scope="module")
def page(web_env):
    """The page module as Dash loaded it (pages register while the app is built)."""
    import app  # noqa: F401
    from layouts.outcome import page as outcome

    return outcome


def by_id(tree, component_id):
    found = [c for c in walk(tree) if getattr(c, "id", None) == component_id]
    assert len(found) == 1, component_id
    return found[0]


class TestRegistration:


    def test_each_page_layout_is_bound_to_its_outcome_and_callable_without_arguments(self, page):
        for record in dash.page_registry.values():
            if record["path"].startswith("/outcome/"):
                slug = record["path"].rsplit("/", 1)[1]
                tree = record["layout"]()
                assert text(find(tree, "H1")[0]) == get_catalogue().outcome(slug).name
        assert find(page.layout(), "H1")


class TestLayout:


    def test_query_selections_are_used(self, page):
        query = {"metric": "deaths_in_treatment", "period": "2019/20", "area": "barnet", "level": "utla",
                 "colour": "change", "map": "tiles"}
        tree = page.outcome_layout("deaths-and-harm", query)
        assert by_id(tree, ids.OUTCOME_METRIC).value == "deaths_in_treatment"
        assert by_id(tree, ids.OUTCOME_PAGE).data == {"slug": "deaths-and-harm", "period": "2019/20", "area": "barnet"}
        assert by_id(tree, ids.OUTCOME_MAP_KIND).value == "tiles"
        assert "change since baseline" in text(by_id(tree, ids.OUTCOME_MAP_LEGEND))



    def test_each_chart_has_summary_table_download_link_and_provenance(self, page):
        tree = page.outcome_layout("deaths-and-harm", {"level": "utla"})
        for chart, link in (("outcome-map", ids.OUTCOME_MAP_DOWNLOAD), ("outcome-trend", ids.OUTCOME_TREND_DOWNLOAD),
                            ("outcome-compare", ids.OUTCOME_COMPARE_DOWNLOAD)):
            region = [d for d in find(tree, "Div", role="figure")
                      if getattr(d, "aria-describedby") == ids.dom_id(ids.chart_summary(chart))]
            assert len(region) == 1
            assert by_id(tree, ids.chart_table(chart)) is not None
            assert "Source: " in text(by_id(tree, ids.chart_meta(chart)))
            assert by_id(tree, link).href.startswith("/download/observations.csv?metric=drug_misuse_deaths")
        assert by_id(tree, ids.OUTCOME_MAP_DOWNLOAD).href.endswith("area_type=utla")



def test_page_modules_do_no_database_work():
    """Layouts read only the catalogue and the query: no read layer, engine or SQL in the page modules."""

    folder = PROJECT_ROOT / "layouts" / "outcome"
    for name in ("page.py", "parts.py", "tables.py"):
        source = (folder / name).read_text(encoding="utf-8")
        for forbidden in ("data_access.read", "data_access.db", "sqlalchemy", "get_engine"):
            assert forbidden not in source, (name, forbidden)
