"""Every page opens in a real browser with no console errors."""

from __future__ import annotations

import pytest

from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser

PAGES = ["/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_opens_without_console_errors(browser, live_server, path):
    browser.get(live_server + path)
    wait_for(browser, "#main")
    assert console_errors(browser) == []
