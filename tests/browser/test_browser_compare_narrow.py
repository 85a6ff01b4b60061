"""The outcome page's compare-areas chart on a 375 px phone (device emulation): it takes its narrow form, so
its bars keep room and every printed value ends inside the chart; on a desktop it keeps its wide form."""

from __future__ import annotations

import shutil
import time

import pytest

from presentation import ids
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser

GRAPH = f"#{ids.OUTCOME_COMPARE} .js-plotly-plot"
#: The chart's drawing: its width, the bars' plotting width, the value column's right margin, and how far
#: the rightmost printed value ends past the chart's own right edge (positive: cut off).
MEASURE = """
const g = document.querySelector(arguments[0]);
if (!g || !g._fullLayout || !g._fullLayout._size) return null;
const box = g.getBoundingClientRect();
const texts = Array.from(g.querySelectorAll('.scatterlayer .textpoint text'));
const right = Math.max(...texts.map(t => t.getBoundingClientRect().right));
return {width: box.width, plot: g._fullLayout._size.w, margin: g._fullLayout.margin.r,
        overflow: right - box.right, values: texts.length};
"""


def _phone():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("chromium / chromedriver not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(flag)
    # Device emulation: a headless window narrower than 500 px is not reliably that narrow.
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 375, "height": 812,
                                                                          "pixelRatio": 1.0}})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def _settled(driver, timeout: float = 90) -> dict:
    wait_for(driver, GRAPH + " .main-svg", timeout=timeout)
    end, last = time.time() + timeout, None
    while time.time() < end:
        now = driver.execute_script(MEASURE, GRAPH)
        if now and now["values"] and now == last:
            return now
        last = now
        time.sleep(1)
    raise AssertionError(f"the compare chart did not settle: {last}")


def test_on_a_phone_the_compare_chart_keeps_room_for_bars_and_values(live_server):
    driver = _phone()
    try:
        driver.get(live_server + "/outcome/treatment")
        drawn = _settled(driver)
        assert drawn["width"] <= 360
        assert drawn["plot"] >= 120, drawn  # the bars' room (about 60 px with the wide form)
        assert drawn["overflow"] <= 1, drawn  # no value cut off at the right
        assert console_errors(driver) == []
    finally:
        driver.quit()


def test_on_a_desktop_the_compare_chart_keeps_its_value_and_interval_column(browser, live_server):
    browser.get(live_server + "/outcome/treatment")
    drawn = _settled(browser)
    assert drawn["width"] > 600 and drawn["overflow"] <= 1, drawn
    texts = browser.execute_script(f"return Array.from(document.querySelectorAll('{GRAPH} .textpoint text'))"
                                   ".map(t => t.textContent)")
    assert any("(" in t and "–" in t for t in texts)  # "14.5 (13.9–15.1)": the interval is printed
