"""The "what changed" page frame: the date in the link, its fallbacks, and its place among the page templates."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def page(web_env):
    import app  # noqa: F401  (registers the pages)
    from layouts.changes import page as changes

    return changes




class TestFrame:

    def test_the_page_path_wins_over_the_profile_template(self, page, client):
        """Given Dash matches templates with fnmatch, then /partnership/<code>/changes reaches this page and
        /partnership/<code> still reaches the profile, for the router and for the page the shell holds."""
        from layouts._shared.page_head import registered_page
        from tests.integration.callbacks.compare.test_compare_http import route

        with client.application.test_request_context("/"):
            found, variables = registered_page("/partnership/cleveland/changes")
            assert found["module"] == "layouts.changes.page" and variables == {"code": "cleveland"}
            found, variables = registered_page("/partnership/cleveland")
            assert found["module"] == "layouts.partnership.page" and variables == {"code": "cleveland"}
        assert "changes-code-store" in route(client, "/partnership/cleveland/changes")
        assert "partnership-header" in route(client, "/partnership/cleveland")

    def test_the_page_answers_over_http(self, client):
        assert client.get("/partnership/cleveland/changes?since=2026-01-15").status_code == 200
