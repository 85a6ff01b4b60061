"""Outcome pages: six registered pages in catalogue order, and a layout built from the query string alone."""

from __future__ import annotations

import dash
import pytest

from data_access.catalogue import get_catalogue
from presentation import ids
from tests.support.layout_tree import find, text, walk

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
    def test_six_pages_in_catalogue_order_with_titles_and_menu_entries(self, page):
        records = [p for p in dash.page_registry.values() if p["path"].startswith("/outcome/")]
        assert [p["path"] for p in records] == [f"/outcome/{slug}" for slug in SLUGS]
        assert [p["nav"] for p in records] == [o.short_name for o in get_catalogue().outcomes]
        deaths = records[2]
        assert deaths["title"] == "Drug-related deaths and harm – Combating Drugs Outcomes"
        assert len({p["module"] for p in records}) == 6

    def test_shell_menu_lists_the_six_outcomes_in_order(self, page):
        from layouts._shared.shell import nav_pages

        hrefs = [href for _, href in nav_pages() if href.startswith("/outcome/")]
        assert hrefs == [f"/outcome/{slug}" for slug in SLUGS]

    def test_each_page_layout_is_bound_to_its_outcome_and_callable_without_arguments(self, page):
        for record in dash.page_registry.values():
            if record["path"].startswith("/outcome/"):
                slug = record["path"].rsplit("/", 1)[1]
                tree = record["layout"]()
                assert text(find(tree, "H1")[0]) == get_catalogue().outcome(slug).name
        assert find(page.layout(), "H1")


class TestLayout:
    def test_defaults_first_headline_metric_and_no_message(self, page):
        tree = page.outcome_layout("deaths-and-harm", {})
        assert by_id(tree, ids.OUTCOME_METRIC).value == "drug_misuse_deaths"
        assert by_id(tree, ids.OUTCOME_AREA_TYPE).value == "partnership"
        assert by_id(tree, ids.OUTCOME_COLOUR_BY).value == "comparison"
        assert by_id(tree, ids.OUTCOME_MAP_KIND).value == "boundaries"
        assert not find(by_id(tree, ids.OUTCOME_STATUS), "Div", role="status")

    def test_metric_picker_groups_headline_then_supporting(self, page):
        options = by_id(page.outcome_layout("deaths-and-harm", {}), ids.OUTCOME_METRIC).options
        labels = [o["label"] for o in options]
        assert labels[0] == "— Headline measures —" and options[0]["disabled"]
        heading = labels.index("— Supporting measures —")
        assert [o["value"] for o in options[1:heading]] == ["drug_misuse_deaths", "drug_hospital_admissions"]
        assert "Hepatitis C in people who inject drugs (national figure only)" in labels

    def test_nonsense_query_falls_back_with_a_status_message(self, page):
        query = {"metric": "banana", "level": "county", "colour": "rainbow", "map": "globe", "zoom": "9",
                 "period": "x" * 500}
        tree = page.outcome_layout("crime", query)
        status = find(by_id(tree, ids.OUTCOME_STATUS), "Div", role="status")
        assert len(status) == 1
        words = text(status)
        for fragment in ("“banana”", "“county”", "“rainbow”", "“globe”", "“zoom”"):
            assert fragment in words
        assert by_id(tree, ids.OUTCOME_METRIC).value == "proven_reoffending"  # the first with local figures
        assert len(by_id(tree, ids.OUTCOME_PAGE).data["period"]) <= 60

    def test_national_metric_hides_map_and_comparison(self, page):
        tree = page.outcome_layout("drug-use", {"metric": "drug_use_last_year"})
        assert by_id(tree, ids.OUTCOME_MAP_SECTION).className == "d-none"
        assert by_id(tree, ids.OUTCOME_COMPARE_SECTION).className == "d-none"
        assert "only as a national figure" in text(by_id(tree, ids.OUTCOME_NATIONAL_NOTE))

    def test_definition_panel_and_metric_link(self, page):
        definition = by_id(page.outcome_layout("deaths-and-harm", {}), ids.OUTCOME_DEFINITION)
        words = text(definition)
        for fragment in ("Definition", "Method", "confidence interval", "pool", "Confidence in this definition",
                         "Baseline", "2019-21"):
            assert fragment in words, fragment
        assert "/metric/drug_misuse_deaths" in [a.href for a in find(definition, "A")]

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
