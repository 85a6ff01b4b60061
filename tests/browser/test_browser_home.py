"""The overview in a real browser: it opens cleanly, and typing an authority switches to its partnership."""

from __future__ import annotations

import pytest

from presentation import ids
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser


def test_overview_opens_without_console_errors(browser, live_server):
    console_errors(browser)  # drain entries left by earlier tests
    browser.get(live_server + "/")
    wait_for(browser, f"#{ids.HOME_OUTCOMES} article.tile")
    assert console_errors(browser) == []


def test_typing_an_authority_shows_its_partnership_and_updates_the_url(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(live_server + "/")
    wait_for(browser, f"#{ids.HOME_OUTCOMES} article.tile")
    box = browser.find_element(By.ID, ids.HOME_AREA_SEARCH)
    WebDriverWait(browser, 30).until(lambda d: "England" in box.get_attribute("value"))
    # The suggestions are the browser's own (a <datalist>): every area's name is offered.
    assert browser.find_elements(By.CSS_SELECTOR, f'#{ids.HOME_AREA_LIST} option[value="Bolton (Greater Manchester partnership)"]')
    box.click()  # focus selects the shown area's name, so typing replaces it
    box.send_keys("Bolton")
    assert box.get_attribute("value") == "Bolton"
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 30).until(lambda d: "area=greater-manchester" in d.current_url)
    WebDriverWait(browser, 30).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"#{ids.HOME_SUMMARY} h2").text == "Greater Manchester")
    assert "Bolton is part of the Greater Manchester partnership" in browser.find_element(By.ID, ids.HOME_STATUS).text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "article.tile h4 a")]
    assert links and all("area=greater-manchester" in link for link in links)
    assert console_errors(browser) == []
