"""The same status summary wherever a board looks: the profile, the overview with a partnership chosen,
slide 1 of presentation mode and page 1 of the board pack (demonstration store)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from presentation.blocks.static import block_markup
from presentation.blocks.status_summary import BLOCK_CLASS
from tests.support.layout_tree import walk
from tests.support.pdf_text import PDFTOTEXT

CODE = "greater-manchester"


@pytest.fixture(scope="module")
def app_ready(web_env):
    import app  # noqa: F401  (pages registered, caches live)


@pytest.fixture(scope="module")
def summary(app_ready):
    from data_access.read.status import status_summary

    return status_summary(CODE)


@pytest.fixture(scope="module")
def sentence(summary) -> str:
    from presentation.status_words import headline_sentence

    return headline_sentence(summary)


def status_blocks(tree) -> list[str]:
    """The markup of every static block in ``tree`` that holds the status summary."""
    found = [block_markup(node) for node in walk(tree)]
    return [m for m in found if m and f'class="{BLOCK_CLASS}"' in m]


def page_one(pdf: bytes) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pack.pdf"
        path.write_bytes(pdf)
        out = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", "-f", "1", "-l", "1", str(path), "-"],
                             capture_output=True, check=True, timeout=60)
    return " ".join(out.stdout.decode("utf-8").split())


class TestSummary:
    def test_every_headline_measure_once_local_first(self, summary):
        from data_access.catalogue import get_catalogue

        headline = get_catalogue().headline_metrics()
        assert sorted(row.spec.id for row in summary.rows) == sorted(m.id for m in headline)
        locals_ = [row.local for row in summary.rows]
        assert locals_ == sorted(locals_, reverse=True) and any(locals_) and not all(locals_)

    def test_every_empty_local_cell_says_why_naming_the_members_without_a_value(self, summary, app_ready):
        """Given a partnership value withheld because members have not published, then the reason names exactly
        the members whose value is missing in the metric's table for that period."""
        from data_access.read import metric_table, partnership_members

        members = partnership_members(CODE)
        members = members[members["valid_to"].isna()]
        for row in summary.local_rows:
            if row.has_value:
                continue
            assert row.reason, row.spec.id
            table = metric_table(row.spec.id)
            latest = table[(table["period"] == row.summary.latest_period) & (table["area_type"] == "utla")]
            shown = set(latest.loc[latest["value"].notna() | latest["suppressed"].eq(True), "area_code"])
            absent = sorted(members.loc[~members["code"].isin(shown), "name"])
            if absent:
                assert row.reason.startswith(f"no {row.summary.latest_period} value: ")
                assert all(name in row.reason for name in absent) and row.reason.endswith("not published")

    def test_a_pinned_summary_of_the_newest_release_is_the_live_one(self, summary):
        from data_access.read.pinned import newest_release_id
        from data_access.read.status import status_summary

        pinned = status_summary(CODE, release_id=newest_release_id())
        assert [dict(r.summary) for r in pinned.rows] == [dict(r.summary) for r in summary.rows]
        assert [r.ambition.state for r in pinned.rows] == [r.ambition.state for r in summary.rows]


def test_the_profile_opens_with_the_block(app_ready, sentence):
    from layouts.partnership.views import profile_view

    view = profile_view(CODE)
    (block,) = status_blocks(view.header)
    assert sentence in block.replace("&#x27;", "'")
    assert "Measured for England only" in block


def test_the_overview_leads_with_the_block_for_a_partnership_only(app_ready, sentence):
    from layouts.home.views import overview_view

    chosen = overview_view(CODE, {})
    assert status_blocks(chosen.cards[0]) and sentence in status_blocks(chosen.cards[0])[0].replace("&#x27;", "'")
    assert not status_blocks(overview_view(None, {}).cards)


def test_page_one_of_the_pack_is_the_summary(app_ready, sentence):
    from data_access.read.pinned import newest_release_id
    from presentation.boardpack.gather import gather_pack
    from presentation.boardpack.pdf import render_pack

    text = page_one(render_pack(gather_pack(CODE, newest_release_id())))
    assert "Greater Manchester: status summary" in text
    assert " ".join(sentence.split()) in text
    assert "Measured for England only" in text and "England's ambition" in text


def test_slide_one_is_the_summary_and_the_measures_follow(app_ready, sentence):
    from data_access.catalogue import get_catalogue
    from layouts.present.views import deck_view
    from presentation import ids
    from tests.support.layout_tree import find

    deck = deck_view(CODE, {})
    slides = [c for c in find(deck.slides, "Section")
              if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == ids.PRESENT_SLIDE_TYPE]
    headline = get_catalogue().headline_metrics()
    assert deck.count == len(slides) == len(headline) + 1 == len(deck.charts)
    assert [s.id["index"] for s in slides] == list(range(len(slides)))
    assert not slides[0].hidden and all(s.hidden for s in slides[1:])
    (block,) = status_blocks(slides[0])
    assert sentence in block.replace("&#x27;", "'")
    assert deck.charts[0] is None and getattr(slides[1], "aria-label").startswith(f"2 of {deck.count}: ")


def test_englands_deck_has_no_summary_slide(app_ready):
    from data_access.catalogue import get_catalogue
    from layouts.present.views import deck_view

    deck = deck_view("england", {})
    assert deck.count == len(get_catalogue().headline_metrics()) and not status_blocks(deck.slides)


def test_the_trend_on_a_slide_carries_englands_trajectory(app_ready):
    from data_access.catalogue import get_catalogue
    from layouts.present.views import slide_content
    from presentation.figures.ambition import TRACE_NAME_PREFIX

    spec = get_catalogue().metric("numbers_in_treatment")
    figure = slide_content(spec, {"code": CODE, "name": "Greater Manchester", "type": "partnership"})["figure"]
    assert any((trace.name or "").startswith(TRACE_NAME_PREFIX) for trace in figure.data)
