"""Partnership callbacks as plain functions over the demonstration store: profile, download, picker, list."""

from __future__ import annotations

import io
import re

import dash
import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from tests.support.layout_tree import find, text

# Parts of profile_view, in order.
HEADER, STATUS, HIDDEN, FOOTPRINT, MAP, LINKS, PROFILE, MEMBERS, RELEASE, OPTIONS = range(10)
CLEVELAND_MEMBERS = ["Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"]


@pytest.fixture(scope="module")
def partnership(web_env):
    """The callbacks module with the app imported, so the read layer's cache is live."""
    import app  # noqa: F401
    from callbacks import partnership

    return partnership


@pytest.fixture(scope="module")
def partnership_views(partnership):
    from layouts.partnership import views as partnership_views

    return partnership_views


@pytest.fixture(scope="module")
def cleveland(partnership_views):
    return partnership_views.profile_view("cleveland")


class TestProfile:

    def test_an_authority_code_opens_its_partnership(self, partnership_views):
        out = partnership_views.profile_view("E08000001")
        assert find(out[HEADER], "H1")[0].children == "Greater Manchester"
        assert "Bolton is part of the Greater Manchester partnership" in text(out[STATUS])

    def test_header_and_four_members(self, cleveland):
        assert find(cleveland[HEADER], "H1")[0].children == "Cleveland"
        assert cleveland[HIDDEN] is False and cleveland[STATUS] is None
        members = [text(li) for li in find(cleveland[FOOTPRINT], "Li")]
        assert members == [f"{i} {name}" for i, name in enumerate(CLEVELAND_MEMBERS, start=1)]
        assert "Sourced footprint." in text(cleveland[FOOTPRINT])

    def test_map_shows_the_four_members_numbered(self, cleveland):
        graphs = find(cleveland[MAP], "Graph")
        if not graphs:  # no boundary layer could be built here: the note says so
            assert "not available" in text(cleveland[MAP])
            return
        figure = graphs[0].figure
        assert list(figure.data[-1].text) == ["1", "2", "3", "4"]
        filled = [t for t in figure.data if t.fill == "toself" and t.line.color == "#0b0c0c"]
        assert len(filled) == 4 and graphs[0].config["staticPlot"] is True

    def test_every_catalogue_metric_is_in_the_table_once(self, cleveland):
        """Given Cleveland, then each metric's link appears exactly once, pointing at its outcome with the area."""
        links = [a.href for a in find(cleveland[PROFILE], "A") if "metric=" in a.href]
        found = [re.search(r"metric=([^&]+)", link).group(1) for link in links]
        assert sorted(found) == sorted(get_catalogue().metrics)
        assert all(link.endswith("&area=cleveland") for link in links)

    def test_national_rows_say_england_only(self, cleveland):
        national = [m for m in get_catalogue().metrics.values() if not m.is_local]
        assert text(cleveland[PROFILE]).count("England figure only") == len(national)

    def test_judgements_are_in_words(self, cleveland):
        words = text(cleveland[PROFILE])
        assert "than England" in words
        assert "since baseline" in words
        assert any(w in words for w in ("Increasing", "Decreasing", "No significant change"))

    def test_member_breakdown_shows_suppressed_and_every_member(self, cleveland):
        table = cleveland[MEMBERS]
        assert [th.children for th in find(table, "Th", scope="col")][3:] == CLEVELAND_MEMBERS
        rows = {text(tr.children[0]): text(tr) for tr in find(table, "Tr") if len(tr.children) > 1}
        continuity = next(v for k, v in rows.items() if k.startswith("Continuity of care after prison"))
        assert continuity.count("Suppressed") == 2  # Hartlepool and Middlesbrough are withheld
        assert " 0.0 " not in continuity

    def test_outcome_links_carry_the_area(self, cleveland):
        links = [a.href for a in find(cleveland[LINKS], "A")]
        assert links[:3] == ["/partnership/cleveland/pack.pdf", "/present/cleveland", "/partnership/cleveland/changes"]
        assert links[3:] == [f"/outcome/{o.slug}?area=cleveland" for o in get_catalogue().outcomes]

    def test_release_line_and_pooling_note(self, cleveland):
        words = text(cleveland[RELEASE])
        assert "Data release: " in words and "pooling" in words


class TestUnknown:
    @pytest.mark.parametrize("code", ["nope", "", None])
    def test_unknown_partnership_is_a_friendly_message(self, partnership_views, code):
        out = partnership_views.profile_view(code)
        assert out[HIDDEN] is True
        assert "/partnership" in [a.href for a in find(out[HEADER], "A")]
        if code:
            assert "There is no partnership called “nope”." in text(out[HEADER])
        assert len(out[OPTIONS]) > 100  # the picker still works


class TestDownload:
    def test_csv_has_every_metric_and_the_members(self, partnership):
        sent = partnership.download_profile(1, "cleveland")
        assert sent["filename"] == "cleveland_profile.csv"
        frame = pd.read_csv(io.StringIO(sent["content"]))
        assert set(frame["metric_id"]) == set(get_catalogue().metrics)
        assert set(frame["area_type"]) == {"partnership", "country", "utla"}
        suppressed = frame[frame["suppressed"]]
        assert not suppressed.empty and suppressed["value"].isna().all()

    def test_no_download_without_a_click_or_a_partnership(self, partnership):
        assert partnership.download_profile(None, "cleveland") is dash.no_update
        assert partnership.download_profile(1, "nope") is dash.no_update


class TestPicker:
    def test_pick_navigates_to_the_partnership(self, partnership):
        assert partnership.go_to_partnership("cleveland") == "/partnership/cleveland"
        assert partnership.go_to_partnership("E08000001") == "/partnership/greater-manchester"
        assert partnership.go_to_partnership("E92000001") == "/"
        assert partnership.go_to_partnership(None) is dash.no_update


class TestList:
    def test_lists_every_partnership(self, partnership):
        out = partnership.render_list(None)
        rows = find(out, "Tr")[1:]
        from data_access.read import partnerships

        assert len(rows) == len(partnerships())
        assert "/partnership/greater-manchester" in [a.href for a in find(out, "A")]

    def test_filter_by_member_authority(self, partnership):
        out = partnership.render_list("bolton")
        assert [text(tr.children[0]) for tr in find(out, "Tr")[1:]] == ["Greater Manchester"]
        assert "No partnership matches" in text(partnership.render_list("zzzz"))
