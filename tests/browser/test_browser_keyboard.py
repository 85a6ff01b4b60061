"""Keyboard only: the skip link, choosing a partnership, changing measure and period, reading the map as
a table — every step by Tab, typing, arrows, Enter and Space, never the mouse — with a visible focus
indicator on everything that takes focus; and every page's heading outline (one h1, no level skipped).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.pages import PAGES, PARTNERSHIP, heading_problems, snapshot, wait_until_rendered

pytestmark = pytest.mark.browser

DEATHS = "/outcome/deaths-and-harm"
MAP_TABLE = ids.dom_id(ids.chart_table("outcome-map"))

# What has focus and whether a focus indicator is drawn: an outline that is not transparent, or a box shadow.
_FOCUSED = """
const e = document.activeElement;
const s = getComputedStyle(e);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
  && !/^rgba\\(.*,\\s*0\\)$/.test(s.outlineColor) && s.outlineColor !== 'transparent';
const shadow = !!s.boxShadow && s.boxShadow !== 'none';
const text = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\\s+/g, ' ');
return {tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className || ''), href: e.getAttribute('href') || '',
        text: text.substring(0, 60), visible: outline || shadow};
"""

# The map's areas as the map shows them: name and value from each area's hover text.
_MAP_AREAS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
const trace = gd && gd.data && gd.data[0];
if (!trace || !trace.text) return null;
return trace.text.map(t => {
  const lines = String(t).split('<br>').map(l => l.replace(/<[^>]+>/g, '').trim());
  return [lines[0], (lines[1] || '').split(' ')[0]];
});
"""

_TABLE_ROWS = """
const box = document.getElementById(arguments[0]);
return Array.from(box.querySelectorAll('tbody tr')).map(
  tr => Array.from(tr.children).map(c => c.textContent.trim()));
"""


class Keyboard:
    """Presses keys in the page and records every element that took focus without a visible indicator."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self.unmarked: list[str] = []

    def press(self, *keys: str, pause: float = 0.05) -> dict[str, Any]:
        for key in keys:
            ActionChains(self.driver).send_keys(key).perform()
            time.sleep(pause)
        return self.focused()

    def type(self, text: str) -> dict[str, Any]:
        # One key at a time, as a person types: a searchable dropdown moves focus into its search box
        # on the first letter, and letters sent faster than that would be lost on the way.
        for letter in text:
            self.press(letter, pause=0.25)
        return self.focused()

    def focused(self) -> dict[str, Any]:
        info = self.driver.execute_script(_FOCUSED)
        if not info["visible"] and info["tag"] not in ("body", "main"):
            self.unmarked.append(f"{info['tag']}#{info['id']}.{info['cls']} {info['text']!r}")
        return info

    def tab_to(self, matches, limit: int = 120) -> dict[str, Any]:
        """Press Tab until ``matches(focused)`` holds; fails after ``limit`` presses."""
        seen = []
        for _ in range(limit):
            info = self.press(Keys.TAB)
            if matches(info):
                return info
            seen.append(f"{info['tag']}#{info['id']} {info['text'][:30]!r}")
        raise AssertionError(f"not reached by Tab in {limit} presses; focus went through: {seen[-25:]}")


def _wait(driver: Any, condition, timeout: float = 90):
    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(condition)


def test_keyboard_journey_partnership_measure_period_and_map_table(browser, live_server):
    keys = Keyboard(browser)
    browser.get(live_server + "/")
    wait_until_rendered(browser, "/")

    # The first Tab stop is the skip link, shown when focused; Enter moves focus to the main content.
    first = keys.press(Keys.TAB)
    assert "skip-link" in first["cls"], f"first focusable element is {first}"
    assert browser.execute_script("return document.activeElement.getBoundingClientRect().left >= 0;")
    keys.press(Keys.ENTER)
    _wait(browser, lambda d: d.execute_script("return document.activeElement.id;") == ids.MAIN, timeout=5)

    # Choose a partnership in the area search: focus selects the shown area, so typing replaces it and
    # filters the suggestions at once; Enter takes the first area whose name contains the words.
    keys.tab_to(lambda f: f["id"] == ids.HOME_AREA_SEARCH)
    keys.type("Cleveland")
    assert browser.execute_script(f"return document.getElementById('{ids.HOME_AREA_SEARCH}').value;") == "Cleveland"
    keys.press(Keys.ENTER)
    _wait(browser, lambda d: f"area={PARTNERSHIP}" in d.current_url)
    wait_until_rendered(browser, "/")

    # Follow the partnership's deaths outcome link with Enter.
    keys.tab_to(lambda f: f["tag"] == "a" and DEATHS in f["href"] and f"area={PARTNERSHIP}" in f["href"])
    keys.press(Keys.ENTER)
    _wait(browser, lambda d: DEATHS in d.current_url)
    wait_until_rendered(browser, DEATHS)

    # Change the measure with the arrow keys on the native select.
    metric = keys.tab_to(lambda f: f["id"] == ids.OUTCOME_METRIC)
    before = browser.execute_script(f"return document.getElementById('{ids.OUTCOME_METRIC}').value;")
    keys.press(Keys.ARROW_DOWN)
    after = browser.execute_script(f"return document.getElementById('{ids.OUTCOME_METRIC}').value;")
    assert after != before, f"ArrowDown did not change the measure ({metric})"
    _wait(browser, lambda d: f"metric={after}" in d.current_url)
    wait_until_rendered(browser, DEATHS)

    # Change the period the same way.
    keys.tab_to(lambda f: f["id"] == ids.OUTCOME_PERIOD)
    period = browser.execute_script(f"return document.getElementById('{ids.OUTCOME_PERIOD}').value;")
    keys.press(Keys.ARROW_DOWN)
    newer = browser.execute_script(f"return document.getElementById('{ids.OUTCOME_PERIOD}').value;")
    assert newer and newer != period, "ArrowDown did not change the period"
    _wait(browser, lambda d: f"period={newer.replace('/', '%2F')}" in d.current_url or f"period={newer}" in d.current_url)
    wait_until_rendered(browser, DEATHS)
    assert f"area={PARTNERSHIP}" in browser.current_url

    # Open the map's "Show as table" with Enter (Space closes and reopens it), then Tab into the table.
    opened = "return document.getElementById(arguments[0]).closest('details').open;"
    keys.tab_to(lambda f: f["tag"] == "summary" and browser.execute_script(
        "return document.activeElement.parentElement.contains(document.getElementById(arguments[0]));", MAP_TABLE))
    keys.press(Keys.ENTER)
    assert browser.execute_script(opened, MAP_TABLE), "Enter did not open the map's table"
    keys.press(Keys.SPACE)
    assert not browser.execute_script(opened, MAP_TABLE), "Space did not close the map's table"
    keys.press(Keys.SPACE)
    assert browser.execute_script(opened, MAP_TABLE), "Space did not reopen the map's table"
    region = keys.press(Keys.TAB)
    assert region["id"] == MAP_TABLE, f"Tab after the summary went to {region}, not the table"

    # Every value on the map can be read in the table: same areas, same values.
    _wait(browser, lambda d: d.execute_script(_MAP_AREAS, ids.OUTCOME_MAP))
    areas = browser.execute_script(_MAP_AREAS, ids.OUTCOME_MAP)
    rows = {cells[0]: cells for cells in browser.execute_script(_TABLE_ROWS, MAP_TABLE)}
    assert len(areas) > 1
    missing = [name for name, _ in areas if name not in rows]
    assert not missing, f"map areas not in the table: {missing[:10]}"
    wrong = [(name, value, rows[name][1]) for name, value in areas
             if value and value[0].isdigit() and value not in rows[name][1]]
    assert not wrong, f"map values that differ in the table (area, map, table): {wrong[:10]}"

    assert not keys.unmarked, "focused without a visible focus indicator:\n" + "\n".join(dict.fromkeys(keys.unmarked))


@pytest.mark.parametrize("path", list(PAGES))
def test_headings_start_at_h1_and_skip_no_level(browser, live_server, path):
    headings = snapshot(browser, live_server, path).headings
    problems = heading_problems(headings)
    assert not problems, f"{path}: " + "; ".join(problems) + f"\noutline: {headings}"
