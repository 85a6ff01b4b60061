"""The "what changed" page frame: the date in the link, its fallbacks, and its place among the page templates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from presentation import ids
from tests.support.layout_tree import find, text


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

    def test_the_date_form_is_a_plain_get_form_with_a_label(self, page):
        frame = page.layout(code="cleveland", since="2026-01-15")
        form = find(frame, "Form")[0]
        assert form.method == "get" and form.action == "/partnership/cleveland/changes"
        field = find(form, "Input")[0]
        assert field.name == "since" and field.value == "2026-01-15"
        assert find(form, "Label")[0].htmlFor == field.id


class TestSince:
    def test_default_is_ninety_days_ago(self, page):


        store = [c for c in find(page.layout(code="cleveland"), "Store") if c.id == ids.CHANGES_SINCE][0]
        assert store.data == (date.today() - timedelta(days=90)).isoformat()

    @pytest.mark.parametrize("raw", ["yesterday", "2026-13-45", "1/2/2025", "<script>"])
    def test_nonsense_gives_a_short_message_and_the_default(self, page, raw):
        from layouts.changes.parts import parse_since

        messages: list[str] = []
        assert parse_since(raw, date(2026, 3, 12), messages) == date(2025, 12, 12)
        assert len(messages) == 1 and "is not a date written YYYY-MM-DD" in messages[0]

    def test_a_future_date_falls_back(self, page):
        from layouts.changes.parts import parse_since

        messages: list[str] = []
        assert parse_since("2030-01-01", date(2026, 3, 12), messages) == date(2025, 12, 12)
        assert "is in the future" in messages[0]

    def test_a_good_date_is_kept(self, page):
        from layouts.changes.parts import parse_since

        messages: list[str] = []
        assert parse_since("2026-01-15", date(2026, 3, 12), messages) == date(2026, 1, 15) and messages == []

    def test_the_message_shows_on_the_page(self, page):
        frame = page.layout(code="cleveland", since="soon")
        assert "“soon” is not a date written YYYY-MM-DD" in text(frame)
