"""What changed since the last board: the read functions and the page callback over a store with two releases.

Release 1 (demonstration data) is back-dated before ``SINCE``; release 2, loaded after it, revises
Cleveland's successful completions and England's homicides and adds numbers in treatment 2025/26
(see ``tests/boardpack/revised_store.py``).
"""

from __future__ import annotations

import pytest

from tests.support.layout_tree import text
from tests.support.revised_store import CLEVELAND_MEMBERS, ENGLAND, SINCE, revised_env  # noqa: F401

HEADING, STATUS, BODY = range(3)


@pytest.fixture(scope="module")
def changes(revised_env):  # noqa: F811
    from data_access.read import changes

    return changes












@pytest.fixture(scope="module")
def page(changes):
    from callbacks.changes import render_changes

    return render_changes("cleveland", SINCE.isoformat())


class TestCallback:

    def test_every_section_reports_the_changes(self, page):
        body = text(page[BODY])
        for words in ("Data releases loaded", "Revision test release", "New periods published", "2025/26",
                      "Revised values", "Hartlepool", "345", "330", "Changed comparisons and trends",
                      "Better than England (2024/25)", "Worse than England (2024/25)", "Upcoming releases"):
            assert words in body, words


    def test_unknown_partnership_is_a_friendly_message(self, changes):
        from callbacks.changes import render_changes

        heading, status, body = render_changes("nowhere", SINCE.isoformat())
        assert heading == "Partnership not found" and body is None
        assert "There is no partnership called “nowhere”" in text(status)

