"""The outcome map in a Chromium with WebGL turned off (as on many council laptops and remote desktops): it
draws every area as SVG, colours it, answers hover and a click (London's areas in the inset too), keeps its
table alternative, and shows all of England at phone width."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.conftest import CHROMEDRIVER, CHROMIUM, console_errors

pytestmark = pytest.mark.browser

PAGE = "/outcome/deaths-and-harm"
GRAPH = f"document.querySelector('#{ids.OUTCOME_MAP} .js-plotly-plot')"
PATHS = f"var g = {GRAPH}; return g ? g.querySelectorAll('.geo path.choroplethlocation').length : 0;"
# A London path in the inset and a point inside it, in the viewport. Plotly answers hover and click on a geo map
# from the pointer's position (not from events on the paths), so a real pointer is moved there.
INSET_TARGET = f"""
var g = {GRAPH};
g.querySelector('.geo.geo2').scrollIntoView({{block: 'center', behavior: 'instant'}});
var paths = g.querySelectorAll('.geo.geo2 path.choroplethlocation');
for (var i = 0; i < paths.length; i++) {{
  var p = paths[i], b = p.getBoundingClientRect(), x = b.x + b.width / 2, y = b.y + b.height / 2;
  var local = new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse());
  if (y > 0 && y < window.innerHeight && p.isPointInFill(local)) {{ return [x, y, p.__data__.loc, paths.length]; }}
}}
return null;
"""
DRAWN = f"""
var g = {GRAPH}, box = g.getBoundingClientRect(), layer = g.querySelector('.geo.geo .choroplethlayer');
var b = layer.getBoundingClientRect();
var filled = Array.from(layer.querySelectorAll('path.choroplethlocation')).filter(function (p) {{
  var fill = getComputedStyle(p).fill; return fill && fill !== 'none' && fill !== 'rgba(0, 0, 0, 0)'; }}).length;
return {{left: b.left - box.left, right: box.right - b.right, top: b.top - box.top, bottom: box.bottom - b.bottom,
        width: b.width, graph: box.width, filled: filled}};
"""


def _driver(width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium and chromium-driver must be installed for the browser tests in CI")
        pytest.skip("chromium / chromedriver not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-webgl", "--disable-3d-apis", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    return driver


@pytest.fixture
def no_webgl() -> Iterator:
    driver = _driver(1366, 900)
    yield driver
    driver.quit()


@pytest.fixture
def no_webgl_phone() -> Iterator:
    driver = _driver(375, 812)
    yield driver
    driver.quit()


def _until(driver, script: str, timeout: float = 120):
    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(script))


def test_map_draws_hovers_and_clicks_without_webgl(no_webgl, live_server):
    driver = no_webgl
    driver.get(live_server + PAGE)
    assert driver.execute_script("var c = document.createElement('canvas');"
                                 "return !(c.getContext('webgl') || c.getContext('experimental-webgl'));"), \
        "WebGL is still available: the test would not show the map works without it"
    assert _until(driver, PATHS) > 100
    drawn = driver.execute_script(DRAWN)
    assert drawn["filled"] > 100, drawn
    summary_id = ids.dom_id(ids.chart_summary(ids.OUTCOME_MAP))
    assert _until(driver, f"var s = document.getElementById({summary_id!r}).textContent;"
                          "return s.indexOf('Coloured compared with England') >= 0;")

    x, y, code, inset_areas = _until(driver, INSET_TARGET)
    assert inset_areas >= 30  # every London partnership is in the inset
    ActionChains(driver).move_by_offset(int(x), int(y)).pause(0.3).move_by_offset(1, 0).perform()
    _until(driver, f"var g = {GRAPH}; return g.querySelectorAll('.hoverlayer .hovertext').length > 0;", timeout=20)
    ActionChains(driver).move_by_offset(-1, 0).click().perform()
    WebDriverWait(driver, 60).until(lambda d: f"area={code}" in d.current_url)
    # The selected area is outlined in the inset too: drawn last there.
    _until(driver, f"var t = {GRAPH}.data[1]; return t.locations[t.locations.length - 1] === '{code}';")

    # The keyboard alternative: the map as a table, one row per area on the map.
    rows = driver.execute_script(
        f"return document.getElementById({ids.dom_id(ids.chart_table(ids.OUTCOME_MAP))!r})"
        ".querySelectorAll('tbody tr').length;")
    assert rows >= driver.execute_script(f"return {GRAPH}.data[0].locations.length;")
    assert console_errors(driver) == []


def test_nothing_to_colour_is_explained_without_webgl(no_webgl, live_server):
    driver = no_webgl
    driver.get(live_server + PAGE + "?metric=drug_hospital_admissions&colour=change")
    assert _until(driver, PATHS) > 100
    summary_id = ids.dom_id(ids.chart_summary(ids.OUTCOME_MAP))
    text = _until(driver, f"var s = document.getElementById({summary_id!r}).textContent;"
                          "return s.indexOf('Nothing to colour') >= 0 && s;")
    assert "no baseline" in text
    assert driver.execute_script(f"return {GRAPH}.layout.annotations[1].visible;") is True
    assert console_errors(driver) == []


def test_all_of_england_is_in_view_at_phone_width(no_webgl_phone, live_server):
    driver = no_webgl_phone
    driver.get(live_server + PAGE)
    assert _until(driver, PATHS) > 100
    drawn = driver.execute_script(DRAWN)
    assert drawn["left"] >= 0 and drawn["right"] >= 0, f"England runs off the map at 375 px: {drawn}"
    assert drawn["top"] >= 0 and drawn["bottom"] >= 0, drawn
    assert drawn["width"] > 0.5 * drawn["graph"], drawn
    assert console_errors(driver) == []
