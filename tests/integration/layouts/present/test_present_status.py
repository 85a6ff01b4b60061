"""Presentation mode answers 404 for a code that names no partnership, as the other pages named by a path do,
and still shows its friendly message; England, a partnership and a member authority answer 200."""

from __future__ import annotations

import json

import pytest


def first_view(client, path: str) -> str:
    """The layout the shell sends for ``path`` with the page built in, as JSON text."""
    response = client.get("/_dash-layout", query_string={"page": path})
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


@pytest.mark.parametrize("code", ["no-such-partnership", "E99999999"])
def test_an_unknown_code_answers_404_with_the_friendly_message(client, code):
    response = client.get(f"/present/{code}")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "There is no partnership called" in first_view(client, f"/present/{code}")


@pytest.mark.parametrize("code", ["england", "E92000001", "{partnership}", "E06000001"])
def test_england_a_partnership_or_a_member_authority_answers_200(client, code):
    from data_access.read import partnerships

    path = "/present/" + code.format(partnership=partnerships()["code"].iloc[0])
    assert client.get(path).status_code == 200
    assert "There is no partnership called" not in first_view(client, path)
