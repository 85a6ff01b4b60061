"""The first view in a real browser: the page comes with the (preloaded) layout, not the router, and its
first chart with it; plotly.js loads once and only on chart pages; a period correction does not redraw the
charts and a chosen period does."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from layouts._shared.chart_script import PLOTLY_PATH
from presentation import ids
from tests.browser.conftest import _chrome, console_errors

pytestmark = pytest.mark.browser

#: Records the output key of every callback request the page makes.
RECORD_CALLBACKS = """
window.__callbacks = [];
const plainFetch = window.fetch;
window.fetch = function (resource, options) {
  if (typeof resource === 'string' && resource.indexOf('_dash-update-component') >= 0 && options && options.body) {
    try { window.__callbacks.push(JSON.parse(options.body).output); } catch (e) {}
  }
  return plainFetch.apply(this, arguments);
};
"""
MAP_TITLE = (f"var gd = document.querySelector('#{ids.OUTCOME_MAP} .js-plotly-plot');"
             "return gd && gd.data && gd.data[0] && gd.data[0].locations && gd.layout.title && gd.layout.title.text;")
FUNNEL_DRAWN = (f"var gd = document.querySelector('#{ids.COMPARE_CHART} .js-plotly-plot');"
                "return !!(gd && gd.data && gd.data.length > 1);")
PLOTLY_LOADS = f"return performance.getEntriesByType('resource').filter(r => r.name.endsWith('{PLOTLY_PATH}')).length;"


@pytest.fixture(scope="module")
def recording_browser():
    driver = _chrome(1366, 900)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CALLBACKS})
    yield driver
    driver.quit()


def _until(driver, script: str, timeout: float = 120):
    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(script))


def _settle(driver, quiet_s: float = 2.0, timeout: float = 60) -> list[str]:
    """The callback outputs requested once no new request has been made for ``quiet_s`` seconds."""
    import time

    seen, since, end = -1, time.monotonic(), time.monotonic() + timeout
    while time.monotonic() < end:
        count = driver.execute_script("return window.__callbacks.length;")
        if count != seen:
            seen, since = count, time.monotonic()
        elif time.monotonic() - since > quiet_s:
            break
        time.sleep(0.2)
    return driver.execute_script("return window.__callbacks;")


def _count(outputs: list[str], fragment: str) -> int:
    return sum(1 for output in outputs if fragment in output)


def test_outcome_page_draws_each_chart_once_then_answers_a_chosen_period(recording_browser, live_server):
    driver = recording_browser
    driver.get(live_server + "/outcome/deaths-and-harm")  # no period: drawn at the latest, picker corrected
    first_title = _until(driver, MAP_TITLE)
    outputs = _settle(driver)
    assert _count(outputs, "_pages_content") == 0, "the page should come with the layout, not the router"
    assert _count(outputs, f"{ids.OUTCOME_MAP}.figure") == 1
    assert _count(outputs, f"{ids.OUTCOME_COMPARE}.figure") == 1
    assert _count(outputs, f"{ids.OUTCOME_TREND}.figure") == 0, "the trend should come with the page"
    assert driver.execute_script(f"return !!document.querySelector('#{ids.OUTCOME_TREND} .main-svg .trace');")
    latest = driver.execute_script(f"return document.getElementById('{ids.OUTCOME_PERIOD}').value;")
    assert latest and latest in first_title
    assert driver.execute_script(PLOTLY_LOADS) == 1

    options = driver.execute_script(
        f"return Array.from(document.getElementById('{ids.OUTCOME_PERIOD}').options).map(o => o.value);")
    older = next(value for value in options if value and value != latest)
    driver.execute_script("""
        var select = document.getElementById(arguments[0]);
        var setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
        setter.call(select, arguments[1]);
        select.dispatchEvent(new Event('change', {bubbles: true}));""", ids.OUTCOME_PERIOD, older)
    _until(driver, f"var t = (function () {{ {MAP_TITLE} }})(); return t && t.indexOf({json.dumps(older)}) >= 0;")
    outputs = _settle(driver)
    assert _count(outputs, f"{ids.OUTCOME_MAP}.figure") == 2 and _count(outputs, f"{ids.OUTCOME_COMPARE}.figure") == 2
    assert f"period={older}" in driver.current_url.replace("%2F", "/")
    assert "metric=" in driver.current_url and "area=" not in driver.current_url  # England, the default, is left out
    assert _count(outputs, "url-state") == 0, "the query string is written in the browser, without a request"
    assert console_errors(driver) == []


def test_compare_page_arrives_with_its_funnel(recording_browser, live_server):
    """The funnel plot comes with the layout (built by its view, layouts.compare.views): the browser never asks for it."""
    driver = recording_browser
    driver.get(live_server + "/compare")
    _until(driver, FUNNEL_DRAWN)
    outputs = _settle(driver)
    counts = Counter(output for output in outputs if f"{ids.COMPARE_CHART}.figure" in output)
    assert list(counts.values()) == []
    assert _count(outputs, "_pages_content") == 0
    _until(driver, f"return document.getElementById('{ids.COMPARE_PERIOD}').value;")  # the table's answer sets it
    assert console_errors(driver) == []


def test_page_without_charts_does_not_load_plotly(recording_browser, live_server):
    driver = recording_browser
    driver.get(live_server + "/about")
    _until(driver, "return !!document.querySelector('h1');")
    _settle(driver)
    assert driver.execute_script(PLOTLY_LOADS) == 0
    # The layout was fetched once, by the preload in the page's head, and the renderer used that answer.
    layout_fetches = driver.execute_script(
        "return performance.getEntriesByType('resource').filter(r => r.name.indexOf('_dash-layout') >= 0)"
        ".map(r => r.initiatorType);")
    assert layout_fetches == ["link"]
    assert console_errors(driver) == []
