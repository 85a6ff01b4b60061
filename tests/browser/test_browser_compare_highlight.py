"""The compare page's "Highlight a partnership" in a real browser, by keyboard only: Tab reaches the search
box, typing "Bolt" and Enter highlight the partnership Bolton belongs to (the ranked chart stars it, the
table marks its row, the link records it and printing names it), half-typed words choose nothing, "No
partnership" takes the highlight away, and axe finds nothing on the page while the box is in use."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.axe import describe, run_axe
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser

BOX = ids.COMPARE_HIGHLIGHT_SEARCH
#: The names of the ranked chart's traces; the highlighted partnership has its own "<name> (selected)" star.
_TRACES = f"""
const plot = document.querySelector('#{ids.COMPARE_BARS_CHART} .js-plotly-plot');
return plot && plot.data ? plot.data.map(t => t.name || '') : [];
"""
#: The line print.js writes under the heading just before printing, read and then taken away again.
_PRINTED_SELECTIONS = """
window.dispatchEvent(new Event('beforeprint'));
const line = document.querySelector('.print-selections');
const words = line ? line.textContent : '';
window.dispatchEvent(new Event('afterprint'));
return words;
"""


def _box_value(driver) -> str:
    return driver.execute_script("return document.getElementById(arguments[0]).value;", BOX)


def _selected(driver) -> list[str]:
    return [name for name in driver.execute_script(_TRACES) if name.endswith("(selected)")]


def _open(browser, live_server, query: str = ""):
    """The page with its table drawn and every partnership and member authority suggested."""
    browser.get(live_server + "/compare" + query)
    wait_for(browser, "tr.compare-row", timeout=120)
    WebDriverWait(browser, 60).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, f"#{ids.COMPARE_HIGHLIGHT_LIST} option")) > 120)
    browser.execute_script("window.__samePage = true;")  # gone if the page reloads


def _tab_to_box(browser):
    """Focus the control before the box, then Tab: the keyboard reaches the box in the page's order."""
    browser.execute_script("document.getElementById(arguments[0]).focus();", ids.COMPARE_SORT)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == BOX
    return box


def test_the_box_is_labelled_and_suggests_partnerships_and_their_authorities(browser, live_server):
    _open(browser, live_server)
    assert browser.find_element(By.CSS_SELECTOR, f"label[for='{BOX}']").text == "Highlight a partnership"
    assert browser.find_element(By.ID, BOX).get_attribute("list") == ids.COMPARE_HIGHLIGHT_LIST
    names = [o.get_attribute("value")
             for o in browser.find_elements(By.CSS_SELECTOR, f"#{ids.COMPARE_HIGHLIGHT_LIST} option")]
    assert names[0] == "No partnership" and "Greater Manchester" in names
    assert "Bolton (Greater Manchester partnership)" in names
    assert _box_value(browser) == "No partnership" and _selected(browser) == []
    # The code holder is never shown: print and assistive technology see the box only.
    assert not browser.find_element(By.ID, ids.COMPARE_HIGHLIGHT).is_displayed()


def test_typing_bolt_and_enter_highlights_greater_manchester(browser, live_server):
    _open(browser, live_server)
    box = _tab_to_box(browser)
    box.send_keys("Bolt")
    assert _box_value(browser) == "Bolt"  # focus selected "No partnership": typing replaced it
    box.send_keys(Keys.ENTER)  # Enter takes the first name containing the words
    WebDriverWait(browser, 60).until(lambda d: "highlight=greater-manchester" in d.current_url)
    WebDriverWait(browser, 60).until(lambda d: _selected(d) == ["Greater Manchester (selected)"])
    wait_for(browser, "tr.compare-row.is-selected[data-code='greater-manchester']")
    # The box names the highlighted partnership, not the authority typed; the page was not reloaded.
    WebDriverWait(browser, 10).until(lambda d: _box_value(d) == "Greater Manchester")
    assert browser.execute_script("return window.__samePage === true;")
    assert "Highlight a partnership: Greater Manchester" in browser.execute_script(_PRINTED_SELECTIONS)
    assert console_errors(browser) == []


def test_half_typed_words_choose_nothing_and_leaving_puts_the_name_back(browser, live_server):
    _open(browser, live_server, "?highlight=cleveland")
    WebDriverWait(browser, 60).until(lambda d: _box_value(d) == "Cleveland")
    box = _tab_to_box(browser)
    box.send_keys("Bolt")
    box.send_keys(Keys.TAB)  # leave the box with words that name nothing
    WebDriverWait(browser, 10).until(lambda d: _box_value(d) == "Cleveland")
    assert "highlight=cleveland" in browser.current_url
    assert _selected(browser) == ["Cleveland (selected)"]


def test_no_partnership_takes_the_highlight_away(browser, live_server):
    _open(browser, live_server, "?highlight=cleveland")
    WebDriverWait(browser, 60).until(lambda d: _selected(d) == ["Cleveland (selected)"])
    box = _tab_to_box(browser)
    box.send_keys("No partnership", Keys.ENTER)
    WebDriverWait(browser, 60).until(lambda d: "highlight=" not in d.current_url)
    WebDriverWait(browser, 60).until(lambda d: _selected(d) == [])
    assert not browser.find_elements(By.CSS_SELECTOR, "tr.compare-row.is-selected")
    assert _box_value(browser) == "No partnership"


def test_axe_finds_nothing_while_the_highlight_search_is_in_use(browser, live_server):
    _open(browser, live_server)
    box = _tab_to_box(browser)
    box.send_keys("Man")
    violations = run_axe(browser)
    assert violations == [], describe(violations)
