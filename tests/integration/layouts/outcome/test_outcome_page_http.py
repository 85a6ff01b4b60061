"""Outcome pages over HTTP (Flask test client): every page and nonsense links answer 200, and Dash's own
update requests for the page and its map callback succeed with the geometry sent as a URL."""

from __future__ import annotations

import json

import pytest

from presentation import ids

SLUGS = ["drug-use", "crime", "deaths-and-harm", "supply", "treatment", "recovery"]
NONSENSE = ["?metric=banana&period=banana&area=ZZZ", "?level=county&colour=%3Cscript%3E&map=globe&zoom=3",
            "?metric=drug_misuse_deaths&metric=x&period=" + "9" * 300, "?area=%E2%80%9C&period=Q9%202099/00"]


def _dependency(client, output_fragment: str) -> dict:
    """The registered callback whose output string contains ``output_fragment`` (as the renderer sees it)."""
    deps = client.get("/_dash-dependencies").get_json()
    matches = [d for d in deps if output_fragment in d["output"]]
    assert len(matches) == 1, output_fragment
    return matches[0]


def _outputs(output: str) -> list[dict]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    result = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        result.append({"id": json.loads(component) if component.startswith("{") else component, "property": prop})
    return result


def _payload(dep: dict, values: dict[str, object], changed: list[str]) -> dict:
    """A request body as dash-renderer builds it: output string, outputs, inputs and state with values."""
    def items(specs):
        return [{"id": s["id"], "property": s["property"], "value": values.get(f"{s['id']}.{s['property']}")}
                for s in specs]
    outputs = _outputs(dep["output"])
    return {"output": dep["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": items(dep["inputs"]), "state": items(dep["state"]), "changedPropIds": changed}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_outcome_page_answers(client, slug):
    response = client.get(f"/outcome/{slug}")
    assert response.status_code == 200
    assert b"<title>" in response.data


@pytest.mark.parametrize("query", NONSENSE)
def test_nonsense_links_answer_200(client, query):
    assert client.get(f"/outcome/deaths-and-harm{query}").status_code == 200


@pytest.mark.parametrize("query", NONSENSE)
def test_page_content_renders_for_nonsense_links(client, query):
    """The page body comes from Dash's pages callback; with nonsense parameters it still renders the page."""
    dep = _dependency(client, "_pages_content.children")
    body = _payload(dep, {"_pages_location.pathname": "/outcome/deaths-and-harm", "_pages_location.search": query},
                    ["_pages_location.pathname"])
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    page = json.dumps(response.get_json())
    assert "Reducing drug-related deaths and harm" in page and "Traceback" not in page


def test_map_callback_over_http_sends_geometry_as_a_url(client):
    dep = _dependency(client, f"{ids.OUTCOME_MAP}.figure")
    values = {f"{ids.OUTCOME_METRIC}.value": "drug_misuse_deaths", f"{ids.OUTCOME_PERIOD}.value": "2021-23",
              f"{ids.OUTCOME_AREA_TYPE}.value": "partnership", f"{ids.OUTCOME_COLOUR_BY}.value": "comparison",
              f"{ids.OUTCOME_MAP_KIND}.value": "boundaries", f"{ids.OUTCOME_AREA}.value": "E92000001",
              f"{ids.OUTCOME_MAP_GEOMETRY}.data": None,
              f"{ids.OUTCOME_PAGE}.data": {"slug": "deaths-and-harm", "period": None, "area": None}}
    response = client.post("/_dash-update-component",
                           json=_payload(dep, values, [f"{ids.OUTCOME_PERIOD}.value"]))
    assert response.status_code == 200
    figure = response.get_json()["response"][ids.OUTCOME_MAP]["figure"]
    geojson = figure["data"][0]["geojson"]
    assert isinstance(geojson, str) and geojson.startswith("/geo/partnership.")
    assert b'"coordinates"' not in response.data  # values and hover text, never the boundaries
    assert client.get(geojson).status_code == 200


def test_download_link_of_the_map_serves_the_csv(client):
    dep = _dependency(client, f"{ids.OUTCOME_MAP_DOWNLOAD}.href")
    values = {f"{ids.OUTCOME_METRIC}.value": "drug_misuse_deaths", f"{ids.OUTCOME_PERIOD}.value": "2021-23",
              f"{ids.OUTCOME_AREA_TYPE}.value": "utla", f"{ids.OUTCOME_AREA}.value": "E92000001",
              f"{ids.OUTCOME_PAGE}.data": {"slug": "deaths-and-harm"}}
    result = client.post("/_dash-update-component", json=_payload(dep, values, [])).get_json()["response"]
    href = result[ids.OUTCOME_MAP_DOWNLOAD]["href"]
    assert href == "/download/observations.csv?metric=drug_misuse_deaths&area_type=utla&period=2021-23"
    csv = client.get(href)
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert b"drug_misuse_deaths" in csv.data
