"""The journeys of the dashboard's audiences, end to end in a real browser.

- A partnership board member finds their partnership's drug deaths trend from the overview, starting
  from the name of a member authority (what many board members know their area by).
- A Joint Combating Drugs Unit analyst compares the partnerships of one region and downloads the data.

(A member of the public reading an outcome page on a phone is in ``test_browser_phone.py``.)
"""

from __future__ import annotations

import csv
import io
import time
import urllib.request
from pathlib import Path

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from presentation import ids
from tests.browser.conftest import console_errors
from tests.browser.pages import PARTNERSHIP, wait_until_rendered

pytestmark = pytest.mark.browser

DEATHS = "/outcome/deaths-and-harm"
REGION = "North East"


def _wait(driver, condition, timeout: float = 90):
    # Dash replaces elements as callbacks answer: an element found a moment ago may be gone; look again.
    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition)


def _click(driver, element) -> None:
    """Scroll ``element`` into view at once, then click it.

    Bootstrap turns on smooth scrolling (for people who have not asked for reduced motion), and
    WebDriver would otherwise click where the element was before the scroll finished.
    """
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def _described_text(driver, graph_id: str) -> str:
    """The text of whatever the chart's container names in ``aria-describedby``."""
    return driver.execute_script("""
        const holder = document.getElementById(arguments[0]).closest('[aria-describedby]');
        if (!holder) return '';
        return holder.getAttribute('aria-describedby').split(/\\s+/)
          .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent.trim()).join(' ');
    """, graph_id)


def test_board_member_finds_their_partnerships_deaths_trend(browser, live_server):
    browser.get(live_server + "/")
    wait_until_rendered(browser, "/")
    console_errors(browser)

    # Search for a member authority and pick its suggestion (the browser's list fills the box with its name).
    search = browser.find_element(By.ID, ids.HOME_AREA_SEARCH)
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, f"#{ids.HOME_AREA_LIST} option"), 10)
    name = next(o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, f"#{ids.HOME_AREA_LIST} option")
                if o.get_attribute("value").startswith("Middlesbrough"))
    _click(browser, search)
    search.send_keys(name)

    # The overview says which partnership the authority belongs to and shows it.
    _wait(browser, lambda d: f"area={PARTNERSHIP}" in d.current_url)
    wait_until_rendered(browser, "/")
    status = browser.find_element(By.ID, ids.HOME_STATUS).text
    assert "Middlesbrough" in status and "Cleveland" in status, status
    assert browser.find_element(By.CSS_SELECTOR, f"#{ids.HOME_SUMMARY} h2").text == "Cleveland"

    # Follow the deaths outcome for the partnership and read the trend's summary.
    links = [a for a in browser.find_elements(By.CSS_SELECTOR, f"#{ids.HOME_OUTCOMES} a[href*='{DEATHS}']")
             if f"area={PARTNERSHIP}" in (a.get_attribute("href") or "")]
    assert links, "no link from the overview to the deaths outcome for the partnership"
    _click(browser, links[0])
    _wait(browser, lambda d: DEATHS in d.current_url)
    wait_until_rendered(browser, DEATHS)
    assert f"area={PARTNERSHIP}" in browser.current_url
    trend = browser.find_element(By.ID, ids.OUTCOME_TREND)
    assert trend.find_element(By.CSS_SELECTOR, ".main-svg").is_displayed()
    summary = _described_text(browser, ids.OUTCOME_TREND)
    assert "Cleveland" in summary, f"the trend's accessible summary does not name the partnership: {summary!r}"
    assert console_errors(browser) == []


def _table_areas(browser) -> list[str]:
    """The partnerships in the comparison table (its England benchmark row left out)."""
    return browser.execute_script("return Array.from(document.querySelectorAll(arguments[0]))"
                                  ".map(th => th.textContent.trim());", f"#{ids.COMPARE_TABLE} tr.compare-row > th")


def test_analyst_compares_a_regions_partnerships_and_downloads_the_data(browser, live_server, tmp_path: Path):
    browser.get(live_server + "/compare")
    wait_until_rendered(browser, "/compare")
    all_areas = _table_areas(browser)

    # Filter the table to one region with the region select.
    region = Select(browser.find_element(By.ID, ids.COMPARE_REGION))
    _wait(browser, lambda d: any(o.text == REGION for o in region.options), 30)
    region.select_by_visible_text(REGION)
    _wait(browser, lambda d: f"in {REGION}" in d.find_element(By.CSS_SELECTOR, f"#{ids.COMPARE_TABLE} caption").text)
    wait_until_rendered(browser, "/compare")
    in_region = _table_areas(browser)
    assert PARTNERSHIP.capitalize() in in_region and 0 < len(in_region) < len(all_areas), in_region
    assert "region=" in browser.current_url

    # The CSV link of the chart: a CSV file with a header row and every partnership of the region.
    href = browser.find_element(By.ID, ids.COMPARE_FUNNEL_LINK).get_attribute("href")
    with urllib.request.urlopen(href, timeout=60) as response:
        assert response.headers.get_content_type() == "text/csv"
        text = response.read().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert "area_name" in header and "value" in header, header
    names = {row[header.index("area_name")] for row in rows[1:]}
    assert set(in_region) <= names, f"partnerships of {REGION} missing from the CSV: {set(in_region) - names}"

    # The table's own download button saves the filtered table.
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    _click(browser, browser.find_element(By.ID, ids.COMPARE_DOWNLOAD_BUTTON))
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("*.csv")) and time.monotonic() < deadline:
        time.sleep(0.2)
    files = list(tmp_path.glob("*.csv"))
    assert files, "the table download produced no CSV file"
    table = list(csv.DictReader(io.StringIO(files[0].read_text(encoding="utf-8"))))
    assert table, "the downloaded table is empty"
    assert {row["area_name"] for row in table} == set(in_region)
