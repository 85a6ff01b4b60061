"""Internal mode in headless Chromium: sign in, see the banner, upload a file, confirm, all under the CSP."""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import _chrome, wait_for
from tests.integration.web.test_csp_browser import RECORD_VIOLATIONS
from tests.integration.web.test_internal_mode import PASSWORD, internal  # noqa: F401  (fixture)
from tests.support.fixtures.security import marker_csv

pytestmark = pytest.mark.browser


def _wait_text(driver, css: str, text: str, seconds: float = 60) -> str:
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, css))
        if text in found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear in {css}: {found!r}")


def test_sign_in_banner_and_upload_in_a_browser(internal, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By

    base = internal["url"]
    upload = tmp_path / "local figures.csv"
    upload.write_bytes(marker_csv().replace(b"7771", b"7773"))
    driver = _chrome(1366, 900)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
        driver.get(base + "/upload")
        assert "/signin?next=/upload" in driver.current_url
        assert "Internal instance" in driver.find_element(By.CSS_SELECTOR, ".internal-banner").text
        driver.find_element(By.ID, "name").send_keys("alice")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(driver, "#upload-file")
        assert driver.current_url == base + "/upload"
        _wait_text(driver, "#shell-banners", "may show local, unpublished data")
        driver.find_element(By.CSS_SELECTOR, "#upload-file input[type=file]").send_keys(str(upload))
        _wait_text(driver, "#upload-preview", "No problems")
        confirm = driver.find_element(By.ID, "upload-confirm-button")
        assert confirm.is_enabled()
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", confirm)
        time.sleep(0.5)
        confirm.click()
        _wait_text(driver, "#upload-result", "as internal release #")
        _wait_text(driver, "#upload-history", "local figures.csv")
        assert driver.execute_script("return window.__cspViolations || []") == []
    finally:
        driver.quit()
