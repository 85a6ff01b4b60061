"""First views: a chart page's layout holds its first chart, built by the view its callback calls, and the
browser is not asked to call for it."""

from __future__ import annotations

import json
import logging

import pytest
from plotly.utils import PlotlyJSONEncoder

from presentation import ids
from tests.support.layout_tree import walk

ORIGIN = {"Origin": "http://localhost"}


def _json(value) -> str:
    return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)


def _by_id(tree, component_id):
    found = [c for c in walk(tree) if getattr(c, "id", None) == component_id]
    assert len(found) == 1, component_id
    return found[0]


@pytest.fixture(scope="module")
def pages(web_env):
    """The app imported (pages registered, the read layer's caches live)."""
    import app  # noqa: F401


@pytest.mark.usefixtures("pages")
class TestLayoutsHoldWhatTheCallbacksWouldAnswer:
    def test_outcome_trend_and_definition(self):
        from callbacks.outcome import show_measure
        from callbacks.outcome.charts import update_trend
        from layouts.outcome import page as outcome


        tree = outcome.outcome_layout("treatment", {"area": "cleveland"})
        page = _by_id(tree, ids.OUTCOME_PAGE).data
        metric, area = _by_id(tree, ids.OUTCOME_METRIC).value, _by_id(tree, ids.OUTCOME_AREA).value
        figure, summary, table, meta, href = update_trend(metric, area, page)
        assert _json(_by_id(tree, ids.OUTCOME_TREND).figure) == _json(figure)
        assert _json(_by_id(tree, ids.chart_summary(ids.OUTCOME_TREND)).children) == _json(summary)
        assert _json(_by_id(tree, ids.chart_table(ids.OUTCOME_TREND)).children) == _json(table)
        assert _json(_by_id(tree, ids.chart_meta(ids.OUTCOME_TREND)).children) == _json(meta)
        assert _by_id(tree, ids.OUTCOME_TREND_DOWNLOAD).href == href
        definition, note, map_class, compare_class, local_class = show_measure(metric, page)
        assert _json(_by_id(tree, ids.OUTCOME_DEFINITION).children) == _json(definition)
        assert _json(_by_id(tree, ids.OUTCOME_NATIONAL_NOTE).children) == _json(note)
        assert (_by_id(tree, ids.OUTCOME_MAP_SECTION).className, _by_id(tree, ids.OUTCOME_COMPARE_SECTION).className,
                _by_id(tree, ids.OUTCOME_LOCAL_CONTROLS).className) == (map_class, compare_class, local_class)

    def test_compare_funnel(self):
        from callbacks.compare import update_funnel
        from layouts.compare import page as compare

        tree = compare.layout(metric="ocu_prevalence", highlight="cleveland")
        values = {key: _by_id(tree, component).value for key, component in (
            ("metric", ids.COMPARE_METRIC), ("period", ids.COMPARE_PERIOD), ("region", ids.COMPARE_REGION),
            ("level", ids.COMPARE_CONFIDENCE), ("highlight", ids.COMPARE_HIGHLIGHT))}
        answer = update_funnel(**values)
        assert _json(_by_id(tree, ids.COMPARE_CHART).figure) == _json(answer["figure"])
        assert len(answer["figure"].data) > 1
        assert _by_id(tree, ids.COMPARE_FUNNEL_LINK).href == answer["href"]
        assert _json(_by_id(tree, ids.chart_table(ids.COMPARE_FUNNEL)).children) == _json(answer["table"])

    def test_partnership_profile(self):
        from layouts.partnership import page as partnership
        from layouts.partnership.views import profile_view

        tree = partnership.layout(code="cleveland")
        view = profile_view("cleveland")
        assert _by_id(tree, ids.PARTNERSHIP_BODY).hidden is False
        assert _json(_by_id(tree, ids.PARTNERSHIP_HEADER).children) == _json(view.header)
        assert _json(_by_id(tree, ids.PARTNERSHIP_PROFILE).children) == _json(view.profile)
        assert _by_id(tree, ids.PARTNERSHIP_AREA).options == view.area_options

    def test_presentation_deck(self):
        from layouts.present import page as present
        from layouts.present.views import deck_view

        tree = present.layout(code="cleveland", slide="2")
        deck = deck_view("cleveland", {"slide": 2})
        assert _by_id(tree, ids.PRESENT_HEADING).children == deck.heading == "Cleveland: headline measures"
        assert _by_id(tree, ids.PRESENT_COUNT).data == deck.count
        assert _json(_by_id(tree, ids.PRESENT_DECK).children) == _json(deck.slides)
        assert _json(_by_id(tree, ids.PRESENT_CHARTS).data) == _json(deck.charts)

    def test_a_view_that_fails_leaves_the_placeholders(self, monkeypatch, caplog):
        from layouts._shared import views
        from layouts.outcome import page as outcome

        def broken(*_arguments):
            raise RuntimeError("store down")

        monkeypatch.setattr(outcome, "trend_view", broken)
        with caplog.at_level(logging.ERROR, logger=views.__name__):
            tree = outcome.outcome_layout("treatment", {})
        assert _by_id(tree, ids.OUTCOME_TREND).figure["layout"]["annotations"][0]["text"] == outcome.LOADING
        assert "could not build broken with its page" in caplog.text


@pytest.fixture
def served(client):
    client.get("/")
    return client


def _layout(client, page_address: str) -> str:
    response = client.get("/_dash-layout", query_string={"page": page_address}, headers=ORIGIN)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def _dependencies(client, fragment: str) -> list[dict]:
    return [d for d in client.get("/_dash-dependencies").get_json() if fragment in d["output"]]


class TestServedPages:
    """Each chart page's first chart arrives with the layout; the browser is not asked to call for it."""

    @pytest.mark.parametrize("address, fragment, expected", [
        ("/outcome/deaths-and-harm", "outcome-trend.figure", '"id": "outcome-trend"'),
        ("/outcome/deaths-and-harm", "outcome-definition.children", "Next release"),
        ("/compare", "compare-chart.figure", '"id": "compare-chart"'),
    ])
    def test_the_first_answer_is_in_the_layout_and_its_callback_waits_for_a_change(self, served, address, fragment,
                                                                                  expected):
        [dependency] = _dependencies(served, fragment)
        assert dependency["prevent_initial_call"] is True
        assert expected in _layout(served, address)

    @pytest.mark.parametrize("address, fragment, expected", [
        ("/partnership/cleveland", "partnership-header.children", "Cleveland"),
        ("/present/cleveland", "present-deck.children", "Cleveland"),
    ])
    def test_a_page_nothing_redraws_has_no_callback_for_it(self, served, address, fragment, expected):
        assert _dependencies(served, fragment) == []
        assert expected in _layout(served, address)

    def test_the_outcome_trend_has_its_data_and_companions(self, served):
        layout = _layout(served, "/outcome/deaths-and-harm")
        trend = next(c for c in _walk(json.loads(layout)) if c.get("props", {}).get("id") == "outcome-trend")
        assert trend["props"]["figure"]["data"]
        assert "the trend chart as a table" in layout

    def test_the_map_and_comparison_are_still_asked_for_by_the_browser(self, served):
        """Only the first chart comes with the page: the others follow by callback, after it has drawn."""
        assert not _dependencies(served, "outcome-map.figure")[0]["prevent_initial_call"]
        assert not _dependencies(served, "outcome-compare.figure")[0]["prevent_initial_call"]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)
