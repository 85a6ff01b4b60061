"""The area search: which option words choose, and the parts each page's search is built from."""

from __future__ import annotations

import re

import pytest

from callbacks.area_search import resolve
from layouts._shared.area_search import area_search
from presentation import ids
from tests.support.paths import PROJECT_ROOT

OPTIONS = [
    {"label": "England (all partnerships)", "value": "E92000001"},
    {"label": "Cleveland", "value": "cleveland"},
    {"label": "Greater Manchester", "value": "greater-manchester"},
    {"label": "Bolton (Greater Manchester partnership)", "value": "E08000001"},
    {"label": "Middlesbrough (Cleveland partnership)", "value": "E06000002"},
    {"label": "Cheshire", "value": "cheshire"},
    {"label": "Cheshire East (Cheshire partnership)", "value": "E06000049"},
]


@pytest.mark.parametrize("text, submitted, expected", [
    ("Bolton (Greater Manchester partnership)", False, "E08000001"),  # a suggestion picked fills its name
    ("  bolton  (greater manchester PARTNERSHIP) ", False, "E08000001"),  # any case and spacing
    ("Bolton", False, None),         # half-typed words choose nothing, so the page does not move
    ("Bolton", True, "E08000001"),   # Enter takes the first name containing them
    ("cleveland", True, "cleveland"),  # ... the partnership, listed before its members
    ("Cleveland", False, "cleveland"),
    ("Nowhere", True, None),
    ("", True, None),
    (None, False, None),
])
def test_which_option_the_words_choose(text, submitted, expected):
    chosen = resolve(text, OPTIONS, submitted=submitted)
    assert (chosen or {}).get("value") == expected


@pytest.mark.parametrize("text, keystroke, submitted, expected", [
    ("Cheshire", True, False, None),         # typed on the way to a longer name: not yet
    ("Cheshire", False, False, "cheshire"),  # picked from the list (or the box was left): chosen
    ("Cheshire", True, True, "cheshire"),    # Enter: chosen
    ("Cheshire East (Cheshire partnership)", True, False, "E06000049"),  # no longer name starts with it
    ("Cleveland", True, False, "cleveland"),
])
def test_a_typed_name_waits_while_a_longer_one_starts_with_it(text, keystroke, submitted, expected):
    chosen = resolve(text, OPTIONS, submitted=submitted, keystroke=keystroke)
    assert (chosen or {}).get("value") == expected


def test_the_browser_applies_the_same_rule():
    script = (PROJECT_ROOT / "assets" / "area_search.js").read_text()
    assert "syncAreaSearch" in script
    assert "norm(option.label) === words" in script and "indexOf(words) !== -1" in script
    assert "if (exact || !submitted)" in script
    assert "exact && keystroke && !submitted" in script and "label.indexOf(words) === 0" in script
    assert '=== "insertText"' in script


def test_box_suggestions_and_code_holder():
    parts = area_search(ids.HOME_AREA, ids.HOME_AREA_SEARCH, ids.HOME_AREA_LIST, options=OPTIONS, value="cleveland")
    box, suggestions, holder = parts
    assert type(box).__name__ == "Input" and box.id == ids.HOME_AREA_SEARCH and box.type == "text"
    assert box.list == ids.HOME_AREA_LIST and box.value == "Cleveland" and box.autoComplete == "off"
    assert type(suggestions).__name__ == "Datalist" and suggestions.id == ids.HOME_AREA_LIST
    assert [option.value for option in suggestions.children] == [option["label"] for option in OPTIONS]
    # The code holder keeps the picker's id, value and options, and is never displayed.
    assert type(holder).__name__ == "Select" and holder.id == ids.HOME_AREA
    assert holder.value == "cleveland" and holder.options == OPTIONS and holder.style == {"display": "none"}


def test_an_option_named_by_its_code_shows_no_name_yet():
    box = area_search(ids.OUTCOME_AREA, ids.OUTCOME_AREA_SEARCH, ids.OUTCOME_AREA_LIST,
                      options=[{"label": "E08000016", "value": "E08000016"}], value="E08000016")[0]
    assert box.value == ""


def test_no_page_uses_a_scripted_dropdown():
    """Dash's dropdown leaves a focusable element hidden from screen readers (axe: aria-hidden-focus)."""
    used = [str(path.relative_to(PROJECT_ROOT)) for folder in ("layouts", "presentation")
            for path in (PROJECT_ROOT / folder).rglob("*.py")
            if re.search(r"\bdcc\.Dropdown\(|\bDropdown\(", path.read_text(encoding="utf-8"))]
    assert used == []
