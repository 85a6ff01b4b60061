"""The first screen of an outcome page answers "how is my area doing?" at 1440×900 and on a 375×800 phone:
the measure's headline (value, comparison with England, change since baseline) is wholly in view above the
controls, and the controls take less than half of the first screen. Screenshots go to ``/tmp/first_screen/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.conftest import _chrome

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/first_screen")
SIZES = ((1440, 900), (375, 800))
PAGES = ("/outcome/drug-use", "/outcome/crime", "/outcome/supply", "/outcome/treatment?area=cleveland")

_GEOMETRY = f"""
const box = (el) => {{ const r = el.getBoundingClientRect(); return {{top: r.top, bottom: r.bottom}}; }};
const headline = document.getElementById('{ids.OUTCOME_HEADLINES}');
const controls = document.querySelector('.outcome-controls');
return {{screen: window.innerHeight, headline: box(headline), controls: box(controls),
        text: headline.innerText}};
"""


@pytest.fixture(scope="module", params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def sized_browser(request):
    width, height = request.param
    driver = _chrome(width, height)
    # The window includes the browser's own bars: set the page's viewport to exactly the screen asked for.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    yield driver, request.param
    driver.quit()


@pytest.mark.parametrize("page", PAGES)
def test_the_headline_is_in_view_above_controls_that_leave_room(sized_browser, live_server, page):
    driver, (width, height) = sized_browser
    driver.get(live_server + page)
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script(f"return document.querySelector('#{ids.OUTCOME_HEADLINES} h2') !== null"))
    geometry = driver.execute_script(_GEOMETRY)
    SHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{page.strip('/').replace('/', '_').replace('?', '_')}_{width}.png"))
    screen, headline, controls = geometry["screen"], geometry["headline"], geometry["controls"]
    assert screen == height, geometry
    assert headline["top"] >= 0 and headline["bottom"] <= screen, geometry
    assert headline["bottom"] <= controls["top"], geometry
    in_view = max(0.0, min(controls["bottom"], screen) - max(controls["top"], 0.0))
    assert in_view < screen / 2, geometry
    assert "since baseline" in geometry["text"] or "No baseline set" in geometry["text"], geometry
