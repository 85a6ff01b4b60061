"""Printing an outcome page (A4 portrait, as a board member saving it as PDF): page 1 says which measure,
area, period and map colouring it shows, starts with the headline and the map, and the map is drawn
(SVG, kept in print media) rather than left blank."""

from __future__ import annotations

import base64

import pytest
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.conftest import wait_for
from tests.support.pdf_text import page_count, pdf_text

pytestmark = pytest.mark.browser

PAGE = "/outcome/treatment?area=greater-manchester"
MAP_PATHS = f"#{ids.OUTCOME_MAP} .js-plotly-plot .geo path.choroplethlocation"
MAP_HEIGHT = f"return document.querySelector('#{ids.OUTCOME_MAP} .js-plotly-plot').clientHeight;"
# Paths of the map laid out (not display:none) under print media, as the printed page is.
PRINTED_PATHS = f"""
return Array.from(document.querySelectorAll('{MAP_PATHS}'))
  .filter(function (p) {{ return p.getClientRects().length > 0; }}).length;
"""


def _print(browser) -> bytes:
    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7
    options.background = True
    return base64.b64decode(browser.print_page(options))


@pytest.fixture(scope="module")
def printed(browser, live_server) -> tuple[bytes, int, int]:
    browser.get(live_server + PAGE)
    wait_for(browser, MAP_PATHS)
    # The headline and the trend are in the first view; the map fills once its geometry arrives.
    WebDriverWait(browser, 60).until(lambda d: "Greater Manchester" in d.find_element(
        "id", ids.OUTCOME_HEADLINES).text)
    paths = browser.execute_script(f"return document.querySelectorAll('{MAP_PATHS}').length;")
    height = browser.execute_script(MAP_HEIGHT)
    return _print(browser), paths, height


def test_page_one_names_the_selections(printed) -> None:
    pdf, _, _ = printed
    first = pdf_text(pdf, first=1, last=1)
    assert "Measure: Adults in treatment" in first, first
    assert "Area: Greater Manchester" in first, first
    assert "Period: 2024/25" in first, first
    assert "Show: Partnerships" in first, first
    assert "Colour by: Compared with England" in first, first
    # The controls themselves (their labels and hints) are not printed: the line replaces them.
    assert "click the map or search" not in first, first


def test_page_one_starts_with_the_headline_and_the_map(printed) -> None:
    pdf, _, _ = printed
    first = pdf_text(pdf, first=1, last=1)
    assert "Increasing engagement in drug treatment" in first
    assert "Greater Manchester: Adults in treatment" in first, first
    # The map's key and its chart (the chart's own title is SVG text) are on page 1, not pushed to page 2.
    assert "Key: compared with England" in first, first
    assert "Adults in treatment by partnership" in first, first
    assert page_count(pdf) >= 2


def test_the_map_is_printed(browser, printed) -> None:
    _, paths, height = printed
    assert paths > 100  # every partnership drawn as an SVG path
    # Redrawn shorter for paper, the map is given back its own size after printing.
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(MAP_HEIGHT) == height)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(PRINTED_PATHS) == paths
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
