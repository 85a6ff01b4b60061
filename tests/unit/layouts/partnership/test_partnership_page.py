"""The partnership pages' frames and pure builders: no data access, spine, trend words, map view, tables."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from layouts.partnership.header import footprint, unknown_partnership
from layouts.partnership.listing import filter_partnerships, list_layout, partnership_list_table
from layouts.partnership.member_map import Member, clip_ring, label_point, member_map
from layouts.partnership.profile import members_table, spine, trend_cell
from presentation import ids
from tests.support.layout_tree import find, text


@pytest.fixture
def no_database(monkeypatch):
    """Any attempt to reach a store fails the test: layouts must be pure."""
    from sqlalchemy.engine import Engine

    def refuse(*_args, **_kwargs):
        raise AssertionError("a layout touched the database")

    monkeypatch.setattr(Engine, "connect", refuse)


@pytest.fixture(scope="module")
def page():
    import app  # noqa: F401  (registers the pages)
    from layouts.partnership import page as partnership

    return partnership


class TestFrames:
    def test_profile_layout_is_callable_bare(self, page, no_database):
        frame = page.layout()
        assert find(frame, "Store", id=ids.PARTNERSHIP_CODE)[0].data is None
        assert find(frame, "Div", id=ids.PARTNERSHIP_BODY)[0].hidden is True
        assert find(frame, "Button", id=ids.PARTNERSHIP_DOWNLOAD_BUTTON)

    def test_profile_layout_carries_the_code(self, page, no_database):
        assert find(page.layout(code="cleveland"), "Store", id=ids.PARTNERSHIP_CODE)[0].data == "cleveland"

    def test_list_layout_is_callable_bare(self, no_database):
        assert find(list_layout(), "Input", id=ids.PARTNERSHIP_LIST_FILTER)

    def test_pages_are_registered(self, page):
        import dash

        paths = {p.get("path_template") or p["path"] for p in dash.page_registry.values()}
        assert {"/partnership/<code>", "/partnership"} <= paths


class TestBuilders:
    def test_trend_words(self):
        assert text(trend_cell("increasing", "getting_worse")) == "↗ Increasing and getting worse"
        assert text(trend_cell("decreasing", "not_judged")) == "↘ Decreasing (no better or worse)"
        assert text(trend_cell("not_enough_data", "not_enough_data")) == "Not enough data"

    def test_spine_places_marker_and_england(self):
        bar = spine(5.0, (0.0, 2.5, 7.5, 10.0), 2.0, "worse")
        marker = find(bar, "Span")[0]
        assert marker.children == "✗" and "50.0%" in marker.style["left"]
        assert any(d.style.get("left") == "20.0%" for d in find(bar, "Div") if d.style)
        assert spine(None, (0.0, 1.0, 2.0, 3.0), 1.0, "similar") is None
        assert spine(1.0, (2.0, 2.0, 2.0, 2.0), 1.0, "similar") is None

    def test_clip_ring_cuts_to_the_box(self):
        square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
        clipped = clip_ring(square, (1.0, 1.0, 2.0, 3.0))
        assert {(round(x, 6), round(y, 6)) for x, y in clipped} == {(1, 1), (2, 1), (2, 3), (1, 3)}
        assert clip_ring(square, (10.0, 10.0, 11.0, 11.0)) == []

    def test_label_point_is_the_centroid_of_the_largest_ring(self):
        small, big = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)], [(10, 0), (14, 0), (14, 2), (10, 2), (10, 0)]
        assert label_point([small, big]) == pytest.approx((12.0, 1.0))

    def test_member_map_draws_members_numbered_and_neighbours(self):
        members = [Member(1, "E1", "One"), Member(2, "E2", "Two")]
        shapes = {"E1": [[(0, 50), (1, 50), (1, 51), (0, 50)]], "E2": [[(1, 50), (2, 50), (2, 51), (1, 50)]]}
        region = member_map(members, shapes, (0.0, 50.0, 2.0, 51.0), name="X",
                            neighbours=[[[(-1, 50), (0, 50), (0, 51), (-1, 50)]]])
        assert "1 One, 2 Two" in region.to_plotly_json()["props"]["aria-label"]
        graph = find(region, "Graph")[0]
        assert graph.config["staticPlot"] is True
        assert [t.fillcolor for t in graph.figure.data[:3]] == [
            "#dee0e2", members[0].colour, members[1].colour]
        assert list(graph.figure.data[-1].text) == ["1", "2"]

    def test_member_map_without_boundaries_says_so(self):
        assert "not available" in text(member_map([Member(1, "E1", "One")], {}, None, name="X"))

    def test_footprint_lists_members_status_and_former_members(self):
        members = pd.DataFrame({"code": ["E1", "E2", "E0"], "name": ["One", "Two", "Old"],
                                "valid_to": [None, None, pd.Timestamp("2023-03-31")],
                                "status": ["assumed"] * 3, "source": ["Assumed: one county"] * 3})
        words = text(footprint(members, [Member(1, "E1", "One"), Member(2, "E2", "Two")]))
        assert "1 One" in words and "Assumed footprint." in words and "Old (until March 2023)" in words

    def test_unknown_message_links_to_the_list(self):
        message = unknown_partnership("x" * 60)
        assert "/partnership" in [a.href for a in find(message, "A")]
        assert "…" in text(message)

    def test_members_table_shows_suppressed_and_no_data(self):
        spec = get_catalogue().metric("drug_misuse_deaths")
        profile = pd.DataFrame([{"outcome_id": spec.outcome, "metric_id": spec.id, "local": True,
                                 "latest_period": "2022-24", "latest_value": 4.0, "suppressed": False,
                                 "comparison": "better"}])
        values = {spec.id: pd.DataFrame([{"area_code": "E1", "value": None, "suppressed": True, "comparison": None}])}
        table = members_table(profile, values, [Member(1, "E1", "One"), Member(2, "E2", "Two")], area_name="P")
        row = find(table, "Tr")[-1]
        assert [text(td) for td in row.children[3:]] == ["Suppressed", "No data"]

    def test_list_filter_and_table(self):
        table = pd.DataFrame({"code": ["a", "b"], "name": ["Alpha", "Beta"], "region_name": ["North", "South"],
                              "member_names": ["X;Y", "Z"], "n_members": [2, 1], "status": ["sourced", "assumed"]})
        assert list(filter_partnerships(table, "south")["code"]) == ["b"]
        assert list(filter_partnerships(table, "  ")["code"]) == ["a", "b"]
        out = partnership_list_table(filter_partnerships(table, "y"), total=2)
        assert "Showing 1 of 2 partnerships." in text(out) and "X, Y" in text(out)
