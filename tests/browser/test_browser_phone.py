"""On a 375 px phone: a member of the public reads an outcome page, and every page reflows to the width.

WCAG 1.4.10 (reflow): content fits 320 CSS px wide without scrolling in two directions; tables may
scroll inside their own region. Every page is also checked for text drawn smaller than 12 px in
HTML (chart text is Plotly's and is checked by eye on the screenshots), and photographed at 375 px
into ``/tmp/a11y_shots/`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.conftest import _chrome, console_errors
from tests.browser.pages import PAGES, open_page, save_screenshots, wait_until_rendered

pytestmark = pytest.mark.browser

WIDTH = 375
PAGE = "/outcome/deaths-and-harm"
MIN_TEXT_PX = 12

_OVERFLOW = """
const width = document.documentElement.clientWidth;
const wide = [];
for (const el of document.querySelectorAll('body *')) {
  const r = el.getBoundingClientRect();
  if (r.width && r.right > width + 1 && !el.closest('.table-scroll, [hidden], svg')) {
    wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + String(el.className).split(' ')[0]
              + ' right=' + Math.round(r.right));
  }
}
return {scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 8)};
"""

_TINY_TEXT = """
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const el = walker.currentNode.parentElement;
  if (!walker.currentNode.textContent.trim() || !el || el.closest('svg, .visually-hidden, [aria-hidden="true"]')) continue;
  if (!el.getClientRects().length) continue;
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (size < arguments[0]) out.push(size + 'px ' + el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0]
                                    + ' ' + JSON.stringify(walker.currentNode.textContent.trim().substring(0, 30)));
}
return Array.from(new Set(out)).slice(0, 10);
"""


def as_phone(driver):
    """Make the page 375 CSS px wide, as on a phone.

    A desktop Chromium window has a minimum width (500 px here) whatever ``--window-size`` asks, so the
    viewport is set through the DevTools protocol, as a mobile device (overlay scroll bars, and the
    page's ``viewport`` meta tag honoured).
    """
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    return driver


@pytest.fixture(scope="module")
def phone() -> Iterator:
    """One 375 px Chromium for the per-page phone checks (``phone_browser`` starts one per test)."""
    driver = as_phone(_chrome(WIDTH, 812))
    yield driver
    driver.quit()


def _wait(driver, condition, timeout: float = 30):
    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition)


@pytest.mark.parametrize("path", list(PAGES))
def test_page_fits_a_phone_with_readable_text(phone, live_server, path):
    open_page(phone, live_server, path)
    save_screenshots(phone, path, "phone")
    found = phone.execute_script(_OVERFLOW)
    assert found["scroll"] <= WIDTH + 1, f"{path} scrolls sideways at {WIDTH} px: {found}"
    tiny = phone.execute_script(_TINY_TEXT, MIN_TEXT_PX)
    assert not tiny, f"{path}: text smaller than {MIN_TEXT_PX} px on a phone: {tiny}"


def test_public_reads_an_outcome_page_on_a_phone(phone_browser, live_server):
    driver = as_phone(phone_browser)
    driver.get(live_server + PAGE)
    wait_until_rendered(driver, PAGE)
    assert driver.execute_script("return window.innerWidth;") <= WIDTH

    # No sideways scrolling; the heading and a chart are on screen at the phone's width.
    scroll = driver.execute_script("return document.documentElement.scrollWidth;")
    assert scroll <= WIDTH + 1, driver.execute_script(_OVERFLOW)
    heading = driver.find_element(By.TAG_NAME, "h1")
    assert heading.is_displayed() and heading.text
    box = heading.rect
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH + 1
    chart = driver.find_element(By.CSS_SELECTOR, f"#{ids.OUTCOME_TREND} .main-svg")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", chart)
    assert chart.is_displayed()
    box = chart.rect
    assert box["width"] > WIDTH / 2 and box["height"] > 150 and box["x"] + box["width"] <= WIDTH + 1, box

    # The navigation collapses into a "Menu" disclosure that opens and takes the reader to another page.
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'});")
    wide = driver.find_element(By.CSS_SELECTOR, ".site-nav__wide")
    assert not wide.is_displayed(), "the wide-screen menu is shown on a phone"
    toggle = driver.find_element(By.CSS_SELECTOR, ".site-nav__narrow > summary")
    assert toggle.is_displayed() and toggle.text == "Menu"
    toggle.click()
    link = _wait(driver, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, ".site-nav__narrow a")
                                         if a.text == "Metrics" and a.is_displayed()), None))
    box = link.rect
    assert box["height"] >= 24, f"menu link is a small target on a phone: {box}"  # WCAG 2.5.8 target size
    link.click()
    _wait(driver, lambda d: d.current_url.endswith("/metric"))
    wait_until_rendered(driver, "/metric")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Metric definitions"
    assert console_errors(driver) == []
