"""Pages with maps and charts run under the Content-Security-Policy with no violation (headless Chromium)."""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser

# Runs before any page script and is not itself subject to the page's CSP (DevTools injects it).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || ''));
});
"""
# Every kind of page: overview, each outcome (maps, trends, funnels), compare, partnership list and
# profile, metric definitions, about, accessibility, present mode and the not-found page.
# (Outcome pages share their code: two of them, a local metric with a map and a national one.)
MAP_PAGE = "/outcome/treatment?metric=numbers_in_treatment"
PAGES = ["/", MAP_PAGE, "/outcome/drug-use", "/compare", "/partnership", "/partnership/E06000001",
         "/metric/numbers_in_treatment", "/about", "/accessibility", "/present/E06000001", "/no-such-page"]


@pytest.fixture(scope="module")
def watched_browser(browser):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    return browser


def _script(driver, source: str, seconds: float = 90):
    """Run ``source``, retrying while the page's main thread is busy (software WebGL can block it for a while)."""
    from selenium.common.exceptions import TimeoutException

    deadline = time.monotonic() + seconds
    while True:
        try:
            return driver.execute_script(source)
        except TimeoutException:
            if time.monotonic() > deadline:
                raise


def _settle(driver, seconds: float = 30) -> None:
    """Wait until Dash has no callback in flight (or ``seconds`` pass), then a moment for maps to draw."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _script(driver, "return document.querySelector('[data-dash-is-loading=\"true\"]') !== null"):
            break
        time.sleep(0.25)
    time.sleep(0.5)


@pytest.mark.parametrize("path", PAGES)
def test_page_runs_under_the_csp(watched_browser, live_server, path):
    driver = watched_browser
    driver.get(live_server + path)
    wait_for(driver, "#main")
    _settle(driver)
    violations = _script(driver, "return window.__cspViolations || []")
    errors = [e for e in console_errors(driver) if "Content Security Policy" in e or "Refused to" in e]
    assert violations == [] and errors == [], (violations, errors)
    if path == MAP_PAGE:  # the map (SVG paths of its geo choropleth) and the charts really drew under the policy
        deadline = time.monotonic() + 60
        while True:
            drawn = _script(driver, "return [document.querySelectorAll('.js-plotly-plot .geo .choroplethlocation').length,"
                                    " document.querySelectorAll('.js-plotly-plot .main-svg').length]")
            if (drawn[0] >= 1 and drawn[1] >= 1) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert drawn[0] >= 1 and drawn[1] >= 1, drawn
        assert _script(driver, "return window.__cspViolations || []") == []
