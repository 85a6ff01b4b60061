"""The area search in a real browser: a picked suggestion chooses its area, half-typed words do not, leaving
the box puts back the chosen name, the partnership page's search opens the picked partnership, and axe
finds nothing on the box while it is in use (nothing excluded)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.axe import describe, run_axe
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser

BOLTON = "Bolton (Greater Manchester partnership)"

# What the browser does when someone picks a <datalist> suggestion: the whole name replaces the words.
_PICK = """
const [box, name] = arguments;
Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(box, name);
box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertReplacementText', data: name}));
"""


def _box_value(driver, box_id: str) -> str:
    return driver.execute_script("return document.getElementById(arguments[0]).value;", box_id)


def _open_home(browser, live_server):
    browser.get(live_server + "/")
    wait_for(browser, f"#{ids.HOME_OUTCOMES} article.tile")
    WebDriverWait(browser, 30).until(lambda d: "England" in _box_value(d, ids.HOME_AREA_SEARCH))
    return browser.find_element(By.ID, ids.HOME_AREA_SEARCH)


def test_the_box_is_a_labelled_combobox_with_every_area_suggested(browser, live_server):
    box = _open_home(browser, live_server)
    assert box.get_attribute("list") == ids.HOME_AREA_LIST
    assert browser.find_element(By.CSS_SELECTOR, f"label[for='{ids.HOME_AREA_SEARCH}']").text == "Area"
    names = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, f"#{ids.HOME_AREA_LIST} option")]
    assert BOLTON in names and "Greater Manchester" in names and len(names) > 20
    browser.execute_cdp_cmd("Accessibility.enable", {})
    root = browser.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": f"#{ids.HOME_AREA_SEARCH}"})
    tree = browser.execute_cdp_cmd("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
    own = next(n for n in tree["nodes"] if not n.get("ignored"))
    assert own["role"]["value"] == "combobox" and own["name"]["value"] == "Area"


def test_half_typed_words_choose_nothing_and_leaving_puts_the_name_back(browser, live_server):
    box = _open_home(browser, live_server)
    box.click()
    box.send_keys("Bolt")
    assert _box_value(browser, ids.HOME_AREA_SEARCH) == "Bolt"  # focus selected the name: typing replaced it
    browser.find_element(By.CSS_SELECTOR, "h1").click()  # leave the box
    WebDriverWait(browser, 10).until(lambda d: _box_value(d, ids.HOME_AREA_SEARCH) == "England (all partnerships)")
    assert "area=" not in browser.current_url


def test_a_picked_suggestion_chooses_its_area(browser, live_server):
    box = _open_home(browser, live_server)
    box.click()
    box.send_keys("Bolt")
    browser.execute_script(_PICK, box, BOLTON)
    WebDriverWait(browser, 30).until(lambda d: "area=greater-manchester" in d.current_url)
    WebDriverWait(browser, 30).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"#{ids.HOME_SUMMARY} h2").text == "Greater Manchester")
    # The box keeps the picked name; the page's callbacks got the code.
    assert _box_value(browser, ids.HOME_AREA_SEARCH) == BOLTON
    assert console_errors(browser) == []


def test_axe_finds_nothing_while_the_search_is_in_use(browser, live_server):
    box = _open_home(browser, live_server)
    box.click()
    box.send_keys("Man")
    violations = run_axe(browser)
    assert violations == [], describe(violations)


def test_the_partnership_page_search_opens_the_picked_partnership(browser, live_server):
    browser.get(live_server + "/partnership/cleveland")
    box = wait_for(browser, f"#{ids.PARTNERSHIP_AREA_SEARCH}")
    WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f"#{ids.PARTNERSHIP_AREA_LIST} option"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", box)
    box.click()
    box.send_keys("greater manch", Keys.ENTER)  # Enter takes the first name containing the words
    WebDriverWait(browser, 30).until(lambda d: d.current_url.rstrip("/").endswith("/partnership/greater-manchester"))
