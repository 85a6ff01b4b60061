"""Repeated layout and callback requests are answered from the worker's memory, with the same bytes."""

from __future__ import annotations

import pytest

from web import answer_memory


@pytest.fixture
def fresh(client):
    answer_memory.clear()
    yield client
    answer_memory.clear()


def _home_callback(client) -> dict:
    dependencies = client.get("/_dash-dependencies").get_json()
    dependency = next(dep for dep in dependencies if "home-outcome-list.children" in dep["output"])
    from tests.support.live import dash_payload

    return dash_payload(dependency, [None] * len(dependency["inputs"]), [None] * len(dependency.get("state", [])))


def test_a_repeated_layout_is_sent_again_from_memory(fresh):
    first = fresh.get("/_dash-layout?page=%2Foutcome%2Ftreatment", headers={"Accept-Encoding": "gzip"})
    kept = answer_memory.size()
    again = fresh.get("/_dash-layout?page=%2Foutcome%2Ftreatment", headers={"Accept-Encoding": "gzip"})
    assert first.status_code == again.status_code == 200
    assert kept >= 1 and answer_memory.size() == kept
    assert again.data == first.data
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers.get("Content-Encoding") == first.headers.get("Content-Encoding")
    assert "Content-Security-Policy" in again.headers  # the security headers go on every answer


def test_another_page_or_encoding_is_not_answered_with_a_kept_one(fresh):
    treatment = fresh.get("/_dash-layout?page=%2Foutcome%2Ftreatment").data
    kept = answer_memory.size()
    compare = fresh.get("/_dash-layout?page=%2Fcompare").data
    assert compare != treatment and answer_memory.size() == kept + 1
    zipped = fresh.get("/_dash-layout?page=%2Foutcome%2Ftreatment", headers={"Accept-Encoding": "gzip"})
    assert answer_memory.size() == kept + 2
    assert zipped.headers.get("Content-Encoding") == "gzip"


def test_callback_answers_do_not_depend_on_the_page_load_token(fresh):
    payload = _home_callback(fresh)
    first = fresh.post("/_dash-update-component?endId=one", json=payload)
    kept = answer_memory.size()
    again = fresh.post("/_dash-update-component?endId=two", json=payload)
    assert first.status_code == again.status_code == 200
    assert again.data == first.data and answer_memory.size() == kept


def test_a_new_release_is_never_answered_from_an_old_answer(fresh, monkeypatch):
    fresh.get("/_dash-layout?page=%2F")
    kept = answer_memory.size()
    monkeypatch.setattr(answer_memory, "release_key", lambda: "another-release")
    fresh.get("/_dash-layout?page=%2F")
    assert answer_memory.size() == kept + 1


def test_refused_requests_are_not_kept(fresh):
    before = answer_memory.size()
    response = fresh.post("/_dash-update-component", json={"output": "nothing.children", "inputs": []})
    assert response.status_code == 400
    assert answer_memory.size() == before


def test_an_answer_made_while_something_went_wrong_is_not_kept(fresh, monkeypatch):
    from layouts._shared import banners

    def failing_banners():
        import logging

        logging.getLogger("layouts.test").warning("the store was slow to answer")
        return []

    monkeypatch.setattr("layouts._shared.shell.current_banners", failing_banners)
    before = answer_memory.size()
    assert fresh.get("/_dash-layout?page=%2Fabout").status_code == 200
    assert answer_memory.size() == before
    assert banners.current_banners is not failing_banners
