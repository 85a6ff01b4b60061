"""/compare in a real browser: opens with no console errors; a region filter shows fewer rows and updates the URL;
a link restores its selections, the highlight's search box naming its partnership."""

from __future__ import annotations

import csv

import pytest

from data_access.geography import DEFAULT_FOOTPRINT_FILE
from presentation import ids
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser

ROWS = "tr.compare-row"
#: One row per partnership of the default footprint the demonstration store is built with.
PARTNERSHIPS = len({row["partnership_code"] for row in csv.DictReader(DEFAULT_FOOTPRINT_FILE.open(encoding="utf-8"))})


def _rows(driver) -> int:
    return len(driver.find_elements("css selector", ROWS))


def test_compare_opens_and_filters_by_region(browser, live_server):
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(live_server + "/compare")
    wait_for(browser, ROWS, timeout=120)
    WebDriverWait(browser, 60).until(lambda d: _rows(d) == PARTNERSHIPS)
    wait_for(browser, "#compare-chart .js-plotly-plot", timeout=60)
    assert console_errors(browser) == []

    Select(browser.find_element("id", ids.COMPARE_REGION)).select_by_visible_text("North East")
    WebDriverWait(browser, 90).until(lambda d: 0 < _rows(d) < PARTNERSHIPS)
    WebDriverWait(browser, 30).until(lambda d: "region=E12000001" in d.current_url)
    assert "Partnerships in North East" in browser.find_element("css selector", "table.compare-heatmap caption").text
    assert console_errors(browser) == []


def test_compare_link_restores_the_view(browser, live_server):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(live_server + "/compare?region=E12000001&highlight=cleveland&level=99.8")
    WebDriverWait(browser, 120).until(lambda d: 0 < _rows(d) < PARTNERSHIPS)
    assert browser.find_elements("css selector", "tr.compare-row.is-selected[data-code='cleveland']")
    assert browser.find_element("id", ids.COMPARE_REGION).get_attribute("value") == "E12000001"
    # The highlight's search box names the link's partnership once the names arrive.
    WebDriverWait(browser, 30).until(
        lambda d: d.find_element("id", ids.COMPARE_HIGHLIGHT_SEARCH).get_attribute("value") == "Cleveland")
    assert console_errors(browser) == []
