"""Pinning: a pack (and every "as of" read) for an older release never sees a later release's values.

Over the two-release store of ``revised_store``: release 2 cuts Cleveland's successful completions
below England's and adds numbers in treatment 2025/26.
"""

from __future__ import annotations

import pytest

from presentation.summaries import metric_subject
from tests.support.pdf_text import pdf_text
from tests.support.revised_store import revised_env  # noqa: F401

COMPLETIONS = "successful_completions_adults"


@pytest.fixture(scope="module")
def pinned(revised_env):  # noqa: F811
    from data_access.read import pinned

    return pinned


class TestAsOf:
    def test_the_newest_release_is_release_two(self, pinned):
        assert pinned.newest_release_id() == 2

    def test_summary_as_of_each_release(self, pinned):
        """Given release 2 revised the members' values, then as of release 1 Cleveland is better than England
        and as of release 2 worse."""
        old = pinned.summary_as_of(COMPLETIONS, "cleveland", area_type="partnership", release_id=1)
        new = pinned.summary_as_of(COMPLETIONS, "cleveland", area_type="partnership", release_id=2)
        assert (old["comparison"], new["comparison"]) == ("better", "worse")
        assert old["latest_value"] > 20 > 13 > new["latest_value"]

    def test_a_new_period_is_invisible_as_of_the_older_release(self, pinned):
        old = pinned.series_as_of("numbers_in_treatment", ["cleveland"], 1)
        new = pinned.series_as_of("numbers_in_treatment", ["cleveland"], 2)
        assert "2025/26" not in set(old["period"]) and "2025/26" in set(new["period"])

    def test_release_record_flags_demonstration_data_up_to_the_release(self, pinned):
        assert pinned.release_record(1)["any_demo"] is True
        assert pinned.release_record(2)["any_demo"] is True  # release 1 below it is demonstration data
        assert pinned.release_record(3) is None


def test_a_pack_pinned_to_release_one_shows_release_one(pinned):
    """Given the pinned URL of release 1 while release 2 is current, then the PDF holds release 1's figures."""
    from app import server
    from data_access.catalogue import get_catalogue

    http = server.test_client()
    assert http.get("/partnership/cleveland/pack.pdf").headers["Location"].endswith("?release=2")
    response = http.get("/partnership/cleveland/pack.pdf?release=1")
    assert response.status_code == 200
    words = pdf_text(response.data)
    assert "data release 1" in words and "data release 2" not in words
    subject = metric_subject(get_catalogue().metric(COMPLETIONS))
    sentence = words[words.index(f"In Cleveland, {subject}"):][:200]
    assert "significantly better than England" in sentence, sentence
