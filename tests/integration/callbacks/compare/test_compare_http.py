"""The compare, metric, About, accessibility and not-found pages over HTTP (Flask test client).

Every page's address answers 200 and an address no page has 404 (Dash serves the app shell for any
path), the page router answers with the right page's content (the friendly not-found page for an
unknown path), and the compare and About callbacks answer through Dash's own endpoint.
"""

from __future__ import annotations

import json

import pytest

from presentation import ids

ORIGIN = {"Origin": "http://localhost"}


@pytest.mark.parametrize("path", [
    "/compare", "/compare?metric=banana&region=zz&sort=<script>", "/compare?level=99.8&highlight=cleveland",
    "/metric", "/metric/drug_misuse_deaths", "/about", "/accessibility",
])
def test_pages_answer_200(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/metric/nope", "/no-such-page"])
def test_addresses_no_page_has_answer_404(client, path):
    assert client.get(path).status_code == 404


def call(client, output_fragment: str, inputs: list[dict], state: list[dict] | None = None):
    """POST one callback, found in the app's callback map by a fragment of its output key."""
    from app import app

    client.get("/")  # the first request registers the page router
    key = next(k for k in app.callback_map if output_fragment in k)
    outputs = []
    for part in (p for p in key.strip(".").split("...") if p):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": json.loads(component) if component.startswith("{") else component, "property": prop})
    body = {"output": key, "outputs": outputs if len(outputs) > 1 else outputs[0], "inputs": inputs,
            "changedPropIds": [], "state": state or []}
    return client.post("/_dash-update-component", json=body, headers=ORIGIN)


def content(response) -> str:
    return json.dumps(response.get_json(), ensure_ascii=False)


def route(client, path: str, search: str = "") -> str:
    """The page content Dash's router returns for ``path``."""
    response = call(client, "_pages_content.children", [
        {"id": "_pages_location", "property": "pathname", "value": path},
        {"id": "_pages_location", "property": "search", "value": search},
    ])
    assert response.status_code == 200
    return content(response)


def test_unknown_path_gets_the_friendly_not_found_page(client):
    body = route(client, "/no-such-page")
    assert "Page not found" in body and '"/compare"' in body and '"/metric"' in body


@pytest.mark.parametrize(("path", "search", "expected"), [
    ("/compare", "?metric=banana&region=zz&sort=%3Cscript%3E", "There is no local metric called"),
    ("/metric/drug_misuse_deaths", "", "Deaths related to drug misuse"),
    ("/metric/nope", "", "Metric not found"),
    ("/metric", "", "Metric definitions"),
    ("/about", "", "Attribution"),
    ("/accessibility", "", "partially compliant"),
])
def test_router_renders_each_page(client, path, search, expected):
    assert expected in route(client, path, search)


CONTROLS = [("metric", ids.COMPARE_METRIC, "ocu_prevalence"), ("period", ids.COMPARE_PERIOD, ""),
            ("region", ids.COMPARE_REGION, "E12000001"), ("sort", ids.COMPARE_SORT, "name"),
            ("level", ids.COMPARE_CONFIDENCE, "95"), ("highlight", ids.COMPARE_HIGHLIGHT, "cleveland"),
            ("show", ids.COMPARE_SHOW, "all")]


def _inputs(*, skip: tuple[str, ...] = ()) -> tuple[list[dict], list[dict]]:
    """Inputs and state as the renderer sends them: the period is state, the gate's store the trigger."""
    inputs = [{"id": component, "property": "value", "value": value} for key, component, value in CONTROLS
              if key != "period" and key not in skip]
    inputs.append({"id": ids.COMPARE_PERIOD_CHOSEN, "property": "data", "value": ""})
    return inputs, [{"id": ids.COMPARE_PERIOD, "property": "value", "value": ""}]


def test_compare_callback_answers_with_the_table(client):
    inputs, state = _inputs()
    response = call(client, f"{ids.COMPARE_TABLE}.children", inputs,
                    [*state, {"id": ids.COMPARE_QUERY, "property": "data", "value": None}])
    assert response.status_code == 200
    answer = response.get_json()
    body = content(response)
    assert body.count("compare-row") == 3 and "Cleveland" in body and "temporarily unavailable" not in body
    # No period asked: the picker is moved to the latest by a side update, not an output the funnel waits for.
    assert set(answer["response"][ids.COMPARE_PERIOD]) == {"options"}
    assert answer["sideUpdate"][ids.COMPARE_PERIOD]["value"] == "2022/23"


def test_funnel_callback_answers_with_a_figure(client):
    inputs, state = _inputs(skip=("sort", "show"))
    response = call(client, f"{ids.COMPARE_CHART}.figure", inputs, state)
    assert response.status_code == 200
    assert "99.8% limits" in content(response)


def test_about_callback_answers_with_footprint_and_releases(client):
    response = call(client, f"{ids.ABOUT_FOOTPRINT}.children",
                    [{"id": ids.ABOUT_LOAD, "property": "data", "value": True}])
    assert response.status_code == 200
    body = content(response)
    assert "partnerships are sourced" in body and "Demonstration data" in body
