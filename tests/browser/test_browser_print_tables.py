"""Printing wide tables (A4 portrait): under print media at the A4 content width, every table on the page, the
status summary of a partnership and the compare page's heat map among them, fits the page: no table is wider
than its container or the page, and no cell's content runs past its cell, so nothing is cut at the right edge."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import wait_for

pytestmark = pytest.mark.browser

#: A4 portrait (210 mm) less print.css's 12 mm side margins, in CSS px (96 to the inch).
A4_CONTENT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)
SUMMARY = "table.status-summary__table"
HEATMAP = "table.compare-heatmap tr.compare-row"
# Every laid-out table in the main landmark: its width against its container's and the page's, and the cells
# whose content is wider than the cell.
MEASURE = """
const page = document.documentElement.clientWidth;
return [...document.querySelectorAll('#main table')].filter(t => t.getClientRects().length).map(t => ({
  table: t.className || t.querySelector('caption')?.textContent.slice(0, 60) || 'table',
  page: page,
  width: Math.max(t.scrollWidth, Math.ceil(t.getBoundingClientRect().width)),
  right: Math.ceil(t.getBoundingClientRect().right),
  container: t.parentElement.clientWidth,
  columns: Math.max(...[...t.rows].map(r => r.cells.length)),
  spilled: [...t.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth + 1)
    .map(c => c.textContent.slice(0, 30)),
}));
"""


def _printed_tables(browser) -> list[dict]:
    """The tables as laid out for printing: print media, a viewport as wide as the A4 content box."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": A4_CONTENT_WIDTH, "height": 1100, "deviceScaleFactor": 1, "mobile": False})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        return browser.execute_script(MEASURE)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _assert_fit(tables: list[dict]) -> None:
    for table in tables:
        assert table["page"] <= A4_CONTENT_WIDTH, table  # measured at the print width, not a wider window
        assert table["width"] <= table["container"] + 1, table
        assert table["right"] <= table["page"] + 1, table
        assert table["spilled"] == [], table


def test_the_status_summary_prints_within_the_page(browser, live_server):
    browser.get(live_server + "/partnership/greater-manchester")
    wait_for(browser, SUMMARY, timeout=120)
    tables = _printed_tables(browser)
    summary = [t for t in tables if "status-summary__table" in t["table"]]
    assert len(summary) == 1 and summary[0]["columns"] >= 7, tables
    _assert_fit(tables)  # the profile and member-authority tables too


def test_the_compare_tables_print_within_the_page(browser, live_server):
    browser.get(live_server + "/compare")
    wait_for(browser, HEATMAP, timeout=120)
    WebDriverWait(browser, 60).until(lambda d: len(d.find_elements("css selector", HEATMAP)) > 10)
    tables = _printed_tables(browser)
    heatmap = [t for t in tables if "compare-heatmap" in t["table"]]
    assert len(heatmap) == 1 and heatmap[0]["columns"] >= 9, tables
    assert len(tables) >= 2, tables
    _assert_fit(tables)
