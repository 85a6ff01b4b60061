"""The compare page layout: pure (no store), controls from the link, messages for what the catalogue can judge."""

from __future__ import annotations

import pytest

from presentation import ids
from tests.support.layout_tree import find, text, walk


@pytest.fixture
def no_store(monkeypatch):
    """Any attempt to reach the store fails the test: layouts must not read data."""
    import app  # noqa: F401  (imported first: modules imported now must keep the real get_engine)
    from data_access import db

    def refuse(*_args, **_kwargs):
        raise AssertionError("a layout touched the store")

    monkeypatch.setattr(db, "get_engine", refuse)


def _compare():
    import app  # noqa: F401  (registers the pages)
    from layouts.compare import page as compare

    return compare


def _select(page, component_id):
    return next(c for c in find(page, "Select") if c.id == component_id)


def test_layout_without_arguments_is_pure(no_store):
    page = _compare().layout()
    assert _select(page, ids.COMPARE_METRIC).value == "ocu_prevalence"
    assert _select(page, ids.COMPARE_REGION).value == "all"
    assert _select(page, ids.COMPARE_SORT).value == "name"
    assert next(c for c in find(page, "RadioItems")).value == "95"
    assert "Compare partnerships" in text(page) and "funnel" in text(page).lower()


def test_layout_takes_its_selections_from_the_link(no_store):
    page = _compare().layout(metric="treatment_progress", level="99.8", sort="treatment_progress:asc",
                             region="E12000001", highlight="cleveland", period="2023/24")
    assert _select(page, ids.COMPARE_METRIC).value == "treatment_progress"
    assert _select(page, ids.COMPARE_SORT).value == "treatment_progress:asc"
    assert _select(page, ids.COMPARE_PERIOD).value == "2023/24"
    assert _select(page, ids.COMPARE_HIGHLIGHT).value == "cleveland"
    assert next(c for c in find(page, "RadioItems")).value == "99.8"
    store = next(c for c in find(page, "Store") if c.id == ids.COMPARE_QUERY)
    assert store.data["region"] == "E12000001"


def test_layout_shows_messages_for_nonsense(no_store):
    page = _compare().layout(metric="banana", level="7", sort="<script>", foo="bar")
    status = next(c for c in find(page, "Div") if getattr(c, "id", None) == ids.COMPARE_STATUS)
    words = text(status)
    assert "banana" in words and "95 or 99.8" in words and "Cannot sort" in words and "foo" in words
    assert _select(page, ids.COMPARE_METRIC).value == "ocu_prevalence"


def test_every_query_parameter_has_a_control():
    from callbacks.compare import _CONTROLS
    from layouts.compare.state import PARAMS

    assert set(PARAMS) == set(_CONTROLS)


def _by_id(page, component_id):
    return next(c for c in walk(page) if getattr(c, "id", None) == component_id)


def test_the_highlight_is_a_labelled_search_over_a_hidden_code(no_store):
    page = _compare().layout(highlight="cleveland")
    label = next(c for c in find(page, "Label") if getattr(c, "html_for", None) == ids.COMPARE_HIGHLIGHT_SEARCH)
    assert label.children == "Highlight a partnership"
    box = _by_id(page, ids.COMPARE_HIGHLIGHT_SEARCH)
    assert type(box).__name__ == "Input" and box.type == "text" and box.list == ids.COMPARE_HIGHLIGHT_LIST
    assert type(_by_id(page, ids.COMPARE_HIGHLIGHT_LIST)).__name__ == "Datalist"
    holder = _select(page, ids.COMPARE_HIGHLIGHT)
    assert holder.style == {"display": "none"} and holder.value == "cleveland"
    # The link's code has no name until the table's callback brings the options: the box waits empty.
    assert box.value == ""
    assert "e.g. Bolton or Cleveland" in text(page)


def test_no_highlight_starts_on_its_own_name(no_store):
    page = _compare().layout()
    assert _select(page, ids.COMPARE_HIGHLIGHT).value == "none"
    assert _by_id(page, ids.COMPARE_HIGHLIGHT_SEARCH).value == "No partnership"


def test_highlight_options_name_member_authorities_under_their_partnership():
    import pandas as pd

    from layouts.compare.state import highlight_options

    parts = pd.DataFrame({"code": ["gm", "york"], "name": ["Greater Manchester", "York"]})
    authorities = pd.DataFrame({
        "name": ["Bury", "Bolton", "York", "Elsewhere"], "partnership_code": ["gm", "gm", "york", "gone"],
        "partnership_name": ["Greater Manchester", "Greater Manchester", "York", "Gone"]})
    assert highlight_options(parts, authorities) == [
        {"label": "No partnership", "value": "none"},
        {"label": "Greater Manchester", "value": "gm"},
        {"label": "York", "value": "york"},
        {"label": "Bolton (Greater Manchester partnership)", "value": "gm"},
        {"label": "Bury (Greater Manchester partnership)", "value": "gm"},
    ]
