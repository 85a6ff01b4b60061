"""Outcome pages answer "how is my area doing?" first: the layout a link opens holds the measure's headline —
the area's latest value, its comparison with England and its change since baseline — before the controls,
on the first measure with local figures unless the link chose one."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from presentation import ids
from tests.support.layout_tree import walk

ORIGIN = {"Origin": "http://localhost"}


@pytest.fixture(scope="module")
def http(web_env):
    from app import server

    client = server.test_client()
    client.get("/")
    return client


def in_order(node) -> Iterator[dict]:
    """Every component of a layout response, in document order."""
    if isinstance(node, dict):
        if "props" in node:
            yield node
        for value in node.values():
            yield from in_order(value)
    elif isinstance(node, list):
        for value in node:
            yield from in_order(value)


def text_of(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        return " ".join(text_of(v) for k, v in node.items() if k not in ("id", "className", "style", "type",
                                                                          "namespace"))
    if isinstance(node, list):
        return " ".join(text_of(v) for v in node)
    return ""


def layout(http, address: str) -> list[dict]:
    response = http.get("/_dash-layout", query_string={"page": address}, headers=ORIGIN)
    assert response.status_code == 200
    return list(in_order(response.get_json()))


def by_id(components: list[dict], component_id) -> tuple[int, dict]:
    [(index, found)] = [(i, c) for i, c in enumerate(components) if c["props"].get("id") == component_id]
    return index, found


@pytest.mark.parametrize("slug, metric_id, local", [
    ("drug-use", "ocu_prevalence", True), ("crime", "proven_reoffending", True),
    ("supply", "county_lines_closed", False), ("recovery", "treatment_progress", True),
])
def test_the_page_opens_on_its_default_measure_with_the_headline_above_the_controls(http, slug, metric_id, local):
    components = layout(http, f"/outcome/{slug}")
    picker_at, picker = by_id(components, ids.OUTCOME_METRIC)
    headline_at, headline = by_id(components, ids.OUTCOME_HEADLINES)
    assert picker["props"]["value"] == metric_id
    assert headline_at < picker_at
    words = " ".join(text_of(headline["props"]["children"]).split())
    assert words.startswith("England: ")
    assert " in 20" in words  # the latest value with its period
    assert "since baseline" in words or "No baseline set" in words or "Baseline not available" in words
    if local:
        assert "partnerships compared with England" in words and "Choose your area" in words
    else:
        assert "Published for England only" in words
    _, map_section = by_id(components, ids.OUTCOME_MAP_SECTION)
    assert ("d-none" not in map_section["props"].get("className", "")) is local


def test_a_chosen_area_is_compared_with_england_in_the_headline(http):
    components = layout(http, "/outcome/treatment?area=cleveland")
    _, headline = by_id(components, ids.OUTCOME_HEADLINES)
    words = " ".join(text_of(headline["props"]["children"]).split())
    assert words.startswith("Cleveland: Adults in treatment")
    assert "than England" in words or "Similar to England" in words
    assert "England: " in words.removeprefix("Cleveland: ")


def test_an_explicit_metric_in_the_link_is_honoured_in_the_picker_and_the_url_state(http):
    components = layout(http, "/outcome/drug-use?metric=drug_use_last_year")
    _, picker = by_id(components, ids.OUTCOME_METRIC)
    assert picker["props"]["value"] == "drug_use_last_year"
    [state] = [c for c in components if isinstance(c["props"].get("id"), dict)
               and c["props"]["id"].get("page") == ids.OUTCOME_URL_STATE]
    assert state["props"]["data"]["metric"] == "drug_use_last_year"
    _, headline = by_id(components, ids.OUTCOME_HEADLINES)
    assert "Published for England only" in text_of(headline["props"]["children"])


def test_the_callback_answers_a_change_as_the_layout_does(http):
    from plotly.utils import PlotlyJSONEncoder

    from callbacks.outcome.headline import update_headline

    components = layout(http, "/outcome/treatment?area=cleveland")
    _, headline = by_id(components, ids.OUTCOME_HEADLINES)
    _, page = by_id(components, ids.OUTCOME_PAGE)
    answer = json.loads(json.dumps(update_headline("numbers_in_treatment", "cleveland", page["props"]["data"]),
                                   cls=PlotlyJSONEncoder))
    assert answer == headline["props"]["children"]
    other = update_headline("prison_continuity_of_care", "E06000001", page["props"]["data"])
    assert "Hartlepool: " in text_of(json.loads(json.dumps(other, cls=PlotlyJSONEncoder)))


def test_a_local_measure_with_no_partnership_figures_yet_is_passed_over(web_env, monkeypatch):
    """The page opens on the first local measure that has partnership figures in the store, not only in the
    catalogue; an explicit choice still wins."""
    import app  # noqa: F401  (registers the pages)
    from layouts.outcome import headline
    from layouts.outcome import page as outcome_page

    real = headline.area_values

    def no_prevalence_yet(metric_id, **arguments):
        frame = real(metric_id, **arguments)
        return frame.iloc[0:0] if metric_id == "ocu_prevalence" else frame

    monkeypatch.setattr(headline, "area_values", no_prevalence_yet)
    def picked(tree) -> str:
        [picker] = [c for c in walk(tree) if getattr(c, "id", None) == ids.OUTCOME_METRIC]
        return picker.value

    assert picked(outcome_page.outcome_layout("drug-use", {})) == "homelessness_drug_dependency_need"
    assert picked(outcome_page.outcome_layout("drug-use", {"metric": "ocu_prevalence"})) == "ocu_prevalence"
