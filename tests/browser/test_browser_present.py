"""Presentation mode in a real browser, by keyboard only: arrow keys and Page Down page the slides,
the address keeps ``?slide=``, and Tab reaches real Previous / Next buttons."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from data_access.catalogue import get_catalogue
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser
COUNTER = "present-counter"
NAMES = [get_catalogue().metric(m).name for o in get_catalogue().outcomes for m in o.headline_metric_ids]
TOTAL = len(NAMES) + 1  # a partnership's deck: the status summary, then one slide per headline measure


def _at(driver, slide: int, timeout: float = 120) -> None:
    """Wait until slide ``slide`` is the one shown, counted and in the address."""
    def shown(d) -> bool:
        if d.find_element(By.ID, COUNTER).text != f"{slide} of {TOTAL}" or f"slide={slide}" not in d.current_url:
            return False
        if slide == 1:
            return bool(d.find_elements(By.CSS_SELECTOR, ".present-slide:not([hidden]) .status-summary"))
        visible = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".present-slide:not([hidden]) h2")]
        return len(visible) == 1 and visible[0] in NAMES  # one measure's slide (the deck orders them)
    WebDriverWait(driver, timeout).until(shown)


def _press(driver, key: str) -> None:
    driver.find_element(By.TAG_NAME, "body").send_keys(key)


def test_arrow_keys_page_the_slides_and_the_address(browser, live_server):
    console_errors(browser)
    browser.get(live_server + "/present/cleveland")
    wait_for(browser, ".present-slide", timeout=120)
    _at(browser, 1)
    _press(browser, Keys.ARROW_RIGHT)
    _at(browser, 2, timeout=10)
    _press(browser, Keys.ARROW_RIGHT)
    _at(browser, 3, timeout=10)
    _press(browser, Keys.ARROW_LEFT)
    _at(browser, 2, timeout=10)
    _press(browser, Keys.PAGE_DOWN)
    _at(browser, 3, timeout=10)
    _press(browser, Keys.PAGE_UP)
    _at(browser, 2, timeout=10)
    assert console_errors(browser) == []


def test_tab_reaches_next_and_enter_pages_to_the_end(browser, live_server):
    browser.get(live_server + f"/present/cleveland?slide={TOTAL - 1}")
    _at(browser, TOTAL - 1)
    for _ in range(60):
        if browser.switch_to.active_element.get_attribute("id") == "present-next-button":
            break
        ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "present-next-button"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    _at(browser, TOTAL, timeout=10)
    assert browser.find_element(By.ID, "present-next-button").get_attribute("aria-disabled") == "true"
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()  # the last slide stays the last
    _at(browser, TOTAL, timeout=10)


def test_a_slide_link_opens_at_that_slide_and_fits_without_a_mouse(browser, live_server):
    browser.get(live_server + "/present/cleveland?slide=5")
    _at(browser, 5)
    slide = browser.find_element(By.CSS_SELECTOR, ".present-slide:not([hidden])")
    assert f"5 of {TOTAL}" in slide.text and "In Cleveland," in slide.text
    assert not browser.find_elements(By.CSS_SELECTOR, ".present-slide:not([hidden]) .modebar")
