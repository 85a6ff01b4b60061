"""WCAG 2.2 AA at a phone's width: axe on every page in a 375 px Chromium, nothing excluded.

Some rules depend on the layout: touch targets (2.5.8) that are far enough apart on a desktop can
crowd each other once a list wraps on a phone, so the desktop audit (``test_browser_a11y``) alone
does not show them.
"""

from __future__ import annotations

import pytest

from tests.browser.axe import describe, run_axe
from tests.browser.pages import PAGES, open_page

pytestmark = pytest.mark.browser


def test_every_page_has_no_axe_violations_on_a_phone(phone_browser, live_server):
    failures = {}
    for path in PAGES:
        open_page(phone_browser, live_server, path)
        found = run_axe(phone_browser)
        phone_browser.get_log("browser")  # not judged here; a 404 page's entry must not reach the next test
        if found:
            failures[path] = describe(found)
    assert not failures, "axe found WCAG violations at 375 px:\n" + "\n".join(
        f"{path}\n{text}" for path, text in failures.items())
