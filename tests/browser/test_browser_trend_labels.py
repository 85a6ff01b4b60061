"""The trend chart as drawn in Chromium: no label is cut off at the chart's edges, and none covers another
label or the legend, at 1366 px and on a 375 px phone."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.conftest import _chrome
from tests.browser.pages import wait_until_rendered

pytestmark = pytest.mark.browser

PATH = "/outcome/deaths-and-harm"

#: Every visible text box of the trend chart: annotations (footnotes, baseline, gap labels), the legend,
#: and the chart's own edges.
_BOXES = """
const gd = document.getElementById(arguments[0]).querySelector('.js-plotly-plot');
const edge = gd.querySelector('svg.main-svg').getBoundingClientRect();
const visible = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
                        return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const notes = [...gd.querySelectorAll('g.annotation')].filter(g => visible(g) && g.closest('.infolayer, svg'))
  .filter(g => { let el = g; while (el && el !== gd) { if (getComputedStyle(el).display === 'none') return false;
                                                        el = el.parentElement; } return true; })
  .map(g => ({index: +g.getAttribute('data-index'), text: g.textContent, box: box(g.querySelector('.annotation-text-g') || g)}));
const legend = gd.querySelector('g.legend');
return {edge: [edge.left, edge.top, edge.right, edge.bottom], notes,
        legend: legend && visible(legend) ? box(legend.querySelector('.bg') || legend) : null};
"""


def _overlap(a, b, slack=1.0):
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def _check(driver, live_server):
    driver.get(live_server + PATH)
    wait_until_rendered(driver, PATH)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(_BOXES, ids.OUTCOME_TREND)["notes"])
    found = driver.execute_script(_BOXES, ids.OUTCOME_TREND)
    edge, notes = found["edge"], found["notes"]
    assert notes, "the trend chart shows no labels at all"
    for note in notes:
        left, top, right, bottom = note["box"]
        assert left >= edge[0] - 1 and right <= edge[2] + 1 and top >= edge[1] - 1 and bottom <= edge[3] + 1, (
            f"label cut off at the chart's edge: {note['text']!r} {note['box']} in {edge}")
        if found["legend"]:
            assert not _overlap(note["box"], found["legend"]), f"label covers the legend: {note['text']!r}"
    for i, a in enumerate(notes):
        for b in notes[i + 1:]:
            assert not _overlap(a["box"], b["box"]), f"labels overlap: {a['text']!r} and {b['text']!r}"


def test_trend_labels_fit_and_do_not_overlap_on_a_laptop(browser, live_server):
    _check(browser, live_server)


def test_trend_labels_fit_and_do_not_overlap_on_a_phone(live_server):
    driver = _chrome(375, 812)
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
        _check(driver, live_server)
    finally:
        driver.quit()
