"""The overview and partnership pages over HTTP (Flask test client): every address answers 200 and the
main callbacks answer through Dash's own endpoint with real content, not the error banner."""

from __future__ import annotations

import json

import pytest

from layouts._shared.url_state import url_state_id
from presentation import ids

ORIGIN = {"Origin": "http://localhost"}


@pytest.mark.parametrize("path", ["/", "/?area=greater-manchester", "/?area=banana", "/partnership/cleveland",
                                  "/partnership", "/partnership/E08000001"])
def test_pages_answer_200(client, path):
    assert client.get(path).status_code == 200


def test_a_profile_of_no_partnership_answers_404(client):
    assert client.get("/partnership/nope").status_code == 404


def call(client, output_fragment: str, inputs: list[dict], state: list[dict] | None = None):
    """POST one callback, found in the app's callback map by a fragment of its output key."""
    from app import app

    client.get("/")  # the first request registers the callbacks
    key = next(k for k in app.callback_map if output_fragment in k)
    outputs = []
    for part in (p for p in key.strip(".").split("...") if p):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": json.loads(component) if component.startswith("{") else component, "property": prop})
    body = {"output": key, "outputs": outputs if len(outputs) > 1 else outputs[0], "inputs": inputs,
            "changedPropIds": [], "state": state or []}
    return client.post("/_dash-update-component", json=body, headers=ORIGIN)


def content(response) -> str:
    """The answer as readable text (Dash's encoder escapes slashes and non-ASCII characters)."""
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_overview_callback_answers_with_tiles(client):
    response = call(client, f"{ids.HOME_OUTCOMES}.children",
                    [{"id": ids.HOME_AREA, "property": "value", "value": None}],
                    [{"id": url_state_id(ids.HOME_URL_STATE), "property": "data", "value": {"area": "greater-manchester"}}])
    assert response.status_code == 200
    body = content(response)
    assert "England only – no partnership figure" in body
    assert "area=greater-manchester" in body and "temporarily unavailable" not in body


def test_profile_comes_with_the_page_with_its_table(client):
    response = client.get("/_dash-layout", query_string={"page": "/partnership/cleveland"},
                          headers=ORIGIN)
    assert response.status_code == 200
    body = content(response)
    assert ids.PARTNERSHIP_PROFILE in body
    assert "Hartlepool" in body and "Suppressed" in body and "temporarily unavailable" not in body


def test_profile_download_answers_with_a_csv(client):
    response = call(client, f"{ids.PARTNERSHIP_DOWNLOAD}.data",
                    [{"id": ids.PARTNERSHIP_DOWNLOAD_BUTTON, "property": "n_clicks", "value": 1}],
                    [{"id": ids.PARTNERSHIP_CODE, "property": "data", "value": "cleveland"}])
    assert response.status_code == 200
    assert "cleveland_profile.csv" in content(response)


def test_list_callback_answers(client):
    response = call(client, f"{ids.PARTNERSHIP_LIST}.children",
                    [{"id": ids.PARTNERSHIP_LIST_FILTER, "property": "value", "value": "cleveland"}])
    assert response.status_code == 200
    assert "/partnership/cleveland" in content(response)
