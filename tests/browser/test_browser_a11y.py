"""WCAG 2.2 AA checks of every page in headless Chromium, after its callbacks have rendered.

axe-core audits each page for the WCAG 2.0/2.1 A and AA and 2.2 AA rules; any violation, whatever its
impact, fails the page, and nothing on the page is left out of the audit. Every chart must also carry a text description: the
one-sentence summary its container names with ``aria-describedby`` (or, for a static image, an
``aria-label`` on its ``role="img"``/``"figure"`` region). Every labelled control's accessible name
must contain its visible label (WCAG 2.5.3, which axe does not test by default). Each visit also
saves a 1366 px screenshot to ``/tmp/a11y_shots/`` for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.axe import describe
from tests.browser.pages import PAGES, snapshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", list(PAGES))
def test_page_has_no_axe_violations(browser, live_server, path):
    found = snapshot(browser, live_server, path)
    assert found.screenshot is not None and found.screenshot.is_file()
    assert not found.violations, f"axe found WCAG violations on {path}:\n{describe(found.violations)}"


def _undescribed(charts: list[dict]) -> list[str]:
    problems = []
    for chart in charts:
        text = chart["description"]
        if text and not text.startswith("Loading"):
            continue
        if chart["describedby"] is None and chart["label"]:
            continue
        why = (f"aria-describedby={chart['describedby']!r} names {'no text' if not text else repr(text[:40])}"
               if chart["describedby"] else "no aria-describedby and no aria-label")
        problems.append(f"{chart['name']}: {why}")
    return problems


def test_every_chart_has_a_text_description(browser, live_server):
    failures = {}
    charted = []
    for path in PAGES:
        charts = snapshot(browser, live_server, path).charts
        if charts:
            charted.append(path)
        problems = _undescribed(charts)
        if problems:
            failures[path] = problems
    assert not failures, "charts without a text description:\n" + "\n".join(
        f"{path}\n    " + "\n    ".join(problems) for path, problems in failures.items())
    # The check must have seen the pages that draw charts, or it proves nothing.
    assert {"/compare", "/outcome/deaths-and-harm"} <= set(charted), charted


def test_every_labelled_control_is_named_by_its_visible_label(browser, live_server):
    failures = []
    for path in PAGES:
        for control_id, label, name in snapshot(browser, live_server, path).names:
            if label.casefold() not in name.casefold():
                failures.append(f"{path} #{control_id}: label {label!r}, accessible name {name!r}")
    assert not failures, "controls whose accessible name leaves out their visible label:\n" + "\n".join(failures)
