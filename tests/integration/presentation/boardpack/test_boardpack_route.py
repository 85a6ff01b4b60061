"""The board pack route over the demonstration store: pinned URL, PDF contents, same link → same pack, errors."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from data_access.read.pinned import newest_release_id
from tests.support.pdf_text import page_count, pdf_text

LICENCE = ("Contains data from the Office for National Statistics licensed under the Open Government Licence v3.0")


@pytest.fixture(scope="module")
def http(web_env):
    """One Flask test client for the module (the pack is built once and reused)."""
    from app import server

    return server.test_client()


@pytest.fixture(scope="module")
def pinned_url(http) -> str:
    response = http.get("/partnership/cleveland/pack.pdf")
    assert response.status_code == 302
    return response.headers["Location"]


@pytest.fixture(scope="module")
def pack(http, pinned_url) -> bytes:
    response = http.get(pinned_url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response.data


@pytest.fixture(scope="module")
def words(pack) -> str:
    return pdf_text(pack)


class TestPinning:
    def test_the_plain_link_redirects_to_the_current_release(self, http, pinned_url):
        """Given no release, then the answer is a redirect (never cached) to the current release's pinned URL."""
        assert pinned_url == f"/partnership/cleveland/pack.pdf?release={newest_release_id()}"
        assert http.get("/partnership/cleveland/pack.pdf").headers["Cache-Control"] == "no-store"

    def test_a_code_in_another_case_redirects_to_the_canonical_code(self, http, pinned_url):
        response = http.get(pinned_url.replace("/cleveland/", "/Cleveland/"))
        assert response.status_code == 302 and response.headers["Location"] == pinned_url

    def test_a_member_authority_redirects_to_its_partnership(self, http, pinned_url):
        response = http.get(pinned_url.replace("/cleveland/", "/E06000001/"))
        assert response.status_code == 302 and response.headers["Location"] == pinned_url

    def test_the_same_url_gives_the_same_bytes(self, http, pinned_url, pack):
        assert http.get(pinned_url).data == pack

    def test_the_file_is_named_for_partnership_and_release(self, http, pinned_url):
        disposition = http.get(pinned_url).headers["Content-Disposition"]
        assert disposition == f'inline; filename="cleveland_board-pack_release-{newest_release_id()}.pdf"'


class TestContents:
    def test_cover_names_partnership_members_release_and_warning(self, words):
        for text in ("Cleveland", "Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees",
                     "Sourced grouping", f"data release {newest_release_id()}", "extracted",
                     "Demonstration data: not real figures"):
            assert text in words, text

    def test_a_cover_and_a_section_per_outcome(self, pack):
        assert page_count(pack) >= 1 + len(get_catalogue().outcomes)

    def test_every_outcome_in_order(self, words):
        positions = [words.index(outcome.name, words.index("How to read this pack"))
                     for outcome in get_catalogue().outcomes]
        assert positions == sorted(positions)

    def test_headline_metric_names_charts_and_baseline(self, words):
        for spec in get_catalogue().headline_metrics():
            assert spec.short_name in words, spec.short_name
        for name in ("Deaths related to drug misuse: Cleveland", "Proportion of people reporting drug use in the "
                     "last year: England", "Baseline", "95% confidence interval", "Recent trend"):
            assert name in words, name

    def test_each_chart_carries_the_licence_line(self, words):
        assert words.count(LICENCE) >= len(get_catalogue().headline_metrics())

    def test_summaries_and_tables_are_there(self, words):
        assert "In Cleveland, deaths related to drug misuse were" in words
        assert "the partnership, its member authorities and England" in words

    def test_the_pack_links_to_itself(self, words, pinned_url):
        assert pinned_url in words


class TestMeetingDate:
    def test_a_meeting_date_is_printed_and_named(self, http, pinned_url):
        response = http.get(pinned_url + "&meeting=2026-03-12")
        assert response.status_code == 200
        assert "Prepared for the board meeting on 12 March 2026" in pdf_text(response.data)
        assert "_2026-03-12.pdf" in response.headers["Content-Disposition"]

    def test_a_bad_meeting_date_is_a_400(self, http, pinned_url):
        response = http.get(pinned_url + "&meeting=next-tuesday")
        assert response.status_code == 400 and b"YYYY-MM-DD" in response.data


class TestErrors:
    def test_unknown_partnership_is_a_friendly_404(self, http):
        response = http.get("/partnership/atlantis/pack.pdf?release=1")
        assert response.status_code == 404 and response.mimetype == "text/html"
        body = response.get_data(as_text=True)
        assert "There is no partnership called “atlantis”" in body and 'href="/partnership"' in body

    def test_markup_in_the_code_is_escaped(self, http):
        body = http.get("/partnership/%3Cb%3Ex%3C%2Fb%3E/pack.pdf").get_data(as_text=True)
        assert "<b>x</b>" not in body and "&lt;b&gt;" in body

    @pytest.mark.parametrize("release", ["abc", "1.5", "-1", "99999", "1;drop"])
    def test_nonsense_release_is_a_400_with_a_clear_message(self, http, release):
        response = http.get(f"/partnership/cleveland/pack.pdf?release={release}")
        assert response.status_code == 400
        text = response.get_data(as_text=True)
        assert "The release parameter must be the id of a data release" in text and "releases available: " in text


class TestPresentShortcut:
    @pytest.mark.parametrize(("path", "target"), [
        ("/?present=1&area=cleveland", "/present/cleveland"),
        ("/?present=1", "/present/england"),
        ("/partnership/cleveland?present=1", "/present/cleveland"),
        ("/partnership/cleveland/?present=true", "/present/cleveland"),
    ])
    def test_present_redirects_to_presentation_mode(self, http, path, target):
        response = http.get(path)
        assert response.status_code == 302 and response.headers["Location"] == target

    @pytest.mark.parametrize("path", ["/compare?present=1", "/?present=0", "/partnership/cleveland/changes?present=1"])
    def test_other_pages_and_values_are_untouched(self, http, path):
        assert http.get(path).status_code == 200
