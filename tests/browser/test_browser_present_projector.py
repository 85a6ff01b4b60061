"""Presentation mode on a 1920×1080 projector: the slide fills the screen, its chart takes most of the height with
24 px text, the headline figure is at least 48 px, slide 1's status table is set in 24 px type and fits the screen
(at 1366×768 too) without scrolling, and Home / End go to the first and last slide."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import _chrome, console_errors, wait_for

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1920, 1080
SHOWN = ".present-slide:not([hidden])"
MEASURE = """
const slide = document.querySelector('.present-slide:not([hidden])');
const graph = slide.querySelector('.present-slide__graph');
const svg = graph.querySelector('.main-svg');
const texts = [...graph.querySelectorAll('text')].filter(t => t.textContent.trim());
return {inner: innerHeight, scroll: document.documentElement.scrollHeight,
        slideBottom: slide.getBoundingClientRect().bottom, chart: svg.getBoundingClientRect().height,
        smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize))), texts: texts.length,
        number: parseFloat(getComputedStyle(slide.querySelector('.present-slide__number')).fontSize)};
"""

# Slide 1: the smallest type in its status table, and whether the slide (and the table's own box) fits the screen.
SUMMARY = """
const slide = document.querySelector('.present-slide--summary:not([hidden])');
const box = slide.querySelector('.present-slide__status');
const cells = [...slide.querySelectorAll('.status-summary__table th, .status-summary__table td')]
  .filter(c => c.getClientRects().length && c.textContent.trim());
return {inner: innerHeight, width: innerWidth, scroll: document.documentElement.scrollHeight,
        scrollWide: document.documentElement.scrollWidth, slideBottom: slide.getBoundingClientRect().bottom,
        boxScroll: box.scrollHeight, boxHeight: box.clientHeight, boxScrollWide: box.scrollWidth,
        boxWidth: box.clientWidth, cells: cells.length, rows: slide.querySelectorAll('tbody tr').length,
        smallest: Math.min(...cells.map(c => parseFloat(getComputedStyle(c).fontSize)))};
"""


@pytest.fixture(scope="module")
def projector():
    """A Chromium whose viewport is exactly 1920×1080, as a meeting room's projector."""
    driver = _chrome(WIDTH, HEIGHT)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    yield driver
    driver.quit()


def _counter(driver) -> str:
    return driver.find_element(By.ID, "present-counter").text


def _at(driver, slide: int, total: int, timeout: float = 20) -> None:
    WebDriverWait(driver, timeout).until(
        lambda d: _counter(d) == f"{slide} of {total}" and f"slide={slide}" in d.current_url)


def test_a_chart_slide_fills_the_screen_with_projector_type(projector, live_server):
    console_errors(projector)
    projector.get(live_server + "/present/greater-manchester?slide=2")
    wait_for(projector, f"{SHOWN} .present-slide__graph .main-svg", timeout=120)
    WebDriverWait(projector, 20).until(lambda d: d.execute_script(MEASURE)["chart"] > 0)
    size = projector.execute_script(MEASURE)
    assert size["inner"] == HEIGHT
    assert size["scroll"] <= HEIGHT + 1  # the slide fits: nothing below the fold
    assert size["slideBottom"] >= 0.85 * HEIGHT  # and reaches down to the paging bar
    assert size["chart"] >= 0.6 * HEIGHT, size  # the chart takes most of the height
    assert size["texts"] > 5 and size["smallest"] >= 24, size
    assert size["number"] >= 48, size
    assert console_errors(projector) == []


def _summary_at(driver, live_server, width: int, height: int) -> dict:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.get(live_server + "/present/greater-manchester?slide=1")
    wait_for(driver, ".present-slide--summary:not([hidden]) .status-summary__table td", timeout=120)
    return driver.execute_script(SUMMARY)


def _fits(size: dict) -> None:
    assert size["scroll"] <= size["inner"] + 1 and size["scrollWide"] <= size["width"] + 1, size  # no page scroll
    assert size["slideBottom"] <= size["inner"] + 1, size
    assert size["boxScroll"] <= size["boxHeight"] + 1, size  # the table needs no scroll box of its own
    assert size["boxScrollWide"] <= size["boxWidth"] + 1, size


def test_the_status_summary_slide_is_projector_type_and_fits_the_screen(projector, live_server):
    size = _summary_at(projector, live_server, WIDTH, HEIGHT)
    assert size["inner"] == HEIGHT and size["cells"] > 50, size  # every headline measure's row is there
    assert size["smallest"] >= 24, size
    _fits(size)
    try:
        laptop = _summary_at(projector, live_server, 1366, 768)
        assert laptop["inner"] == 768, laptop
        assert laptop["rows"] == size["rows"], laptop
        _fits(laptop)
    finally:
        projector.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})


def test_home_and_end_go_to_the_first_and_last_slide(projector, live_server):
    projector.get(live_server + "/present/greater-manchester?slide=5")
    wait_for(projector, SHOWN, timeout=120)
    WebDriverWait(projector, 60).until(lambda d: _counter(d).startswith("5 of "))
    total = int(_counter(projector).split(" of ")[1])
    body = projector.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.END)
    _at(projector, total, total)
    assert projector.find_element(By.ID, "present-next-button").get_attribute("aria-disabled") == "true"
    wait_for(projector, f"{SHOWN} .present-slide__graph .main-svg", timeout=20)  # the last slide's chart drawn
    body.send_keys(Keys.HOME)
    _at(projector, 1, total)
    assert "Status summary" in projector.find_element(By.CSS_SELECTOR, SHOWN).text
    body.send_keys(Keys.END)
    _at(projector, total, total)
    body.send_keys(Keys.ARROW_LEFT)  # the arrows still page from there
    _at(projector, total - 1, total)
