"""The partnership profile in a real browser: it opens cleanly with its member table, and fits a phone."""

from __future__ import annotations

import pytest

from presentation import ids
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser


def test_profile_opens_with_the_member_table(browser, live_server):
    console_errors(browser)  # drain entries left by earlier tests
    browser.get(live_server + "/partnership/cleveland")
    table = wait_for(browser, f"#{ids.PARTNERSHIP_MEMBERS} table")
    assert "Hartlepool" in table.text and "Suppressed" in table.text
    assert "Cleveland" in browser.find_element("css selector", "h1").text
    assert console_errors(browser) == []


def test_unknown_partnership_offers_the_list(browser, live_server):
    browser.get(live_server + "/partnership/nope")
    wait_for(browser, f"#{ids.PARTNERSHIP_HEADER} a[href='/partnership']")
    assert "There is no partnership called “nope”." in browser.find_element("id", ids.PARTNERSHIP_HEADER).text
    # The page answers 404 by design; that is the only entry the console may hold.
    assert all("/partnership/nope" in e and "404" in e for e in console_errors(browser))


def test_profile_does_not_scroll_sideways_on_a_phone(phone_browser, live_server):
    """Wide tables scroll inside their own region; the page itself never does."""
    phone_browser.get(live_server + "/partnership/cleveland")
    wait_for(phone_browser, f"#{ids.PARTNERSHIP_PROFILE} table")
    widths = phone_browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
