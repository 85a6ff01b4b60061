"""First answers: the server answers a page's first callbacks in the layout it sends, and the browser does not."""

from __future__ import annotations

import json
import logging

import dash
import pytest
from dash import Input, Output, State, dcc, html, set_props
from dash.dependencies import handle_grouped_callback_args
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from callbacks import first_answers
from callbacks.first_answers import PageCallback, answer, answering

ORIGIN = {"Origin": "http://localhost"}


def spec(function, *args, **kwargs) -> PageCallback:
    """A page callback as ``page_callback`` records it, without registering it with Dash."""
    outputs, inputs, states, indices, _ = handle_grouped_callback_args(list(args), dict(kwargs))
    return PageCallback(function, outputs, [*inputs, *states], indices)


def page() -> html.Div:
    return html.Div([
        dcc.Dropdown(id="metric", value="deaths", options=[]),
        dcc.Store(id="page", data={"slug": "deaths"}),
        dcc.Graph(id="chart"),
        html.P(id="summary"),
        html.Div(html.P(id={"type": "note", "chart": "chart"})),
    ])


def find(layout, identifier):
    return next(c for c in [layout, *layout._traverse()] if getattr(c, "id", None) == identifier)


class TestAnswer:
    def test_outputs_and_side_updates_go_into_the_layout(self):
        def draw(metric, state):
            set_props({"type": "note", "chart": "chart"}, {"children": f"about {state['slug']}"})
            return {"data": [{"y": [1, 2]}], "layout": {"title": metric}}, f"{metric} summary"

        layout = page()
        done = answer(layout, [spec(draw, Output("chart", "figure"), Output("summary", "children"),
                                    Input("metric", "value"), State("page", "data"))])
        assert done == ["draw"]
        assert find(layout, "chart").figure["layout"]["title"] == "deaths"
        assert find(layout, "summary").children == "deaths summary"
        assert find(layout, {"type": "note", "chart": "chart"}).children == "about deaths"

    def test_grouped_inputs_arrive_as_keywords_and_grouped_outputs_by_name(self):
        def draw(metric=None, page=None):
            return {"figure": {"data": [], "layout": {"title": page["slug"]}}, "summary": metric.upper()}

        layout = page()
        answer(layout, [spec(draw, output={"figure": Output("chart", "figure"),
                                           "summary": Output("summary", "children")},
                             inputs={"metric": Input("metric", "value")}, state={"page": State("page", "data")})])
        assert find(layout, "chart").figure["layout"]["title"] == "deaths"
        assert find(layout, "summary").children == "DEATHS"

    def test_the_first_call_has_nothing_triggered(self):
        seen = []

        def draw(metric):
            seen.append(dash.ctx.triggered_id)
            return metric

        answer(page(), [spec(draw, Output("summary", "children"), Input("metric", "value"))])
        assert seen == [None]

    def test_no_update_and_a_patch_leave_the_placeholder(self):
        layout = page()
        answer(layout, [spec(lambda _m: (dash.no_update, dash.Patch()), Output("summary", "children"),
                             Output("chart", "figure"), Input("metric", "value"))])
        assert getattr(find(layout, "summary"), "children", None) is None
        assert getattr(find(layout, "chart"), "figure", None) is None

    def test_later_callbacks_see_earlier_answers(self):
        layout = page()
        answer(layout, [spec(lambda m: m + "!", Output("summary", "children"), Input("metric", "value")),
                        spec(lambda s: {"data": [], "layout": {"title": s}}, Output("chart", "figure"),
                             Input("summary", "children"))])
        assert find(layout, "chart").figure["layout"]["title"] == "deaths!"

    def test_a_callback_whose_inputs_are_not_on_the_page_is_not_called(self):
        def never(_value):
            raise AssertionError("called")

        assert answer(page(), [spec(never, Output("summary", "children"), Input("elsewhere", "value"))]) == []

    def test_prevent_update_and_failures_leave_the_page_as_it_was(self, caplog):
        def prevent(_metric):
            raise PreventUpdate

        def fail(_metric):
            raise RuntimeError("store down")

        layout = page()
        before = json.dumps(layout.to_plotly_json(), cls=PlotlyJSONEncoder)
        with caplog.at_level(logging.ERROR, logger=first_answers.__name__):
            assert answer(layout, [spec(prevent, Output("summary", "children"), Input("metric", "value")),
                                   spec(fail, Output("summary", "children"), Input("metric", "value"))]) == []
        assert json.dumps(layout.to_plotly_json(), cls=PlotlyJSONEncoder) == before
        assert "could not answer fail" in caplog.text


class TestAnswering:
    def test_outside_a_request_the_layout_is_only_built(self, monkeypatch):
        calls = []
        monkeypatch.setattr(first_answers, "answer", calls.append)
        assert answering(lambda **_: "built")() == "built" and calls == []

    def test_a_layout_that_is_not_a_function_is_kept(self):
        assert answering("static") == "static"


@pytest.fixture
def served(client):
    client.get("/")
    return client


def _layout(client, page_address: str) -> str:
    response = client.get("/_dash-layout", query_string={"page": page_address}, headers=ORIGIN)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def _dependency(client, fragment: str) -> dict:
    return next(d for d in client.get("/_dash-dependencies").get_json() if fragment in d["output"])


class TestServedPages:
    """Each chart page's first chart arrives with the layout; the browser is not asked to call for it."""

    @pytest.mark.parametrize("address, fragment, expected", [
        ("/outcome/deaths-and-harm", "outcome-trend.figure", '"id": "outcome-trend"'),
        ("/compare", "compare-chart.figure", '"id": "compare-chart"'),
        ("/partnership/cleveland", "partnership-header.children", "Cleveland"),
        ("/present/cleveland", "present-deck.children", "Cleveland"),
    ])
    def test_the_first_answer_is_in_the_layout(self, served, address, fragment, expected):
        assert _dependency(served, fragment)["prevent_initial_call"] is True
        assert expected in _layout(served, address)

    def test_the_outcome_trend_has_its_data_and_companions(self, served):
        layout = _layout(served, "/outcome/deaths-and-harm")
        trend = next(c for c in _walk(json.loads(layout)) if c.get("props", {}).get("id") == "outcome-trend")
        assert trend["props"]["figure"]["data"]
        assert "the trend chart as a table" in layout

    def test_the_map_and_comparison_are_still_asked_for_by_the_browser(self, served):
        """Only the first chart comes with the page: the others follow by callback, after it has drawn."""
        assert not _dependency(served, "outcome-map.figure")["prevent_initial_call"]
        assert not _dependency(served, "outcome-compare.figure")["prevent_initial_call"]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)
