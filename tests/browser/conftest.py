"""A live server over the demonstration store and a headless Chromium to drive it.

Uses Debian's ``chromium`` and ``chromium-driver``. Where they are missing the browser tests skip,
except in CI, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def live_server(web_env) -> Iterator[str]:
    """The app served by werkzeug on a free loopback port, in a background thread."""
    from werkzeug.serving import make_server

    from app import server

    httpd = make_server("127.0.0.1", 0, server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def _chrome(width: int, height: int):
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
                 "--disable-sync", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    return driver


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """A desktop-sized headless Chromium shared by the session's browser tests."""
    driver = _chrome(1366, 900)
    yield driver
    driver.quit()


@pytest.fixture
def phone_browser() -> Iterator:
    """A 375 px wide headless Chromium (a phone)."""
    driver = _chrome(375, 812)
    yield driver
    driver.quit()


def console_errors(driver) -> list[str]:
    """Severe browser console entries since the last call (the log is drained on read)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def wait_for(driver, css: str, timeout: float = 60):
    """Wait until an element matching ``css`` is present and return it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))
