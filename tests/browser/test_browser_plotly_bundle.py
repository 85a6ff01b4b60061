"""Every chart kind draws with the app's own plotly.js, which is the only plotly.js any page fetches; no page
fetches the scripts it leaves out; printing redraws the charts; nothing is logged to the console."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from layouts._shared.chart_script import PLOTLY_ASSET
from presentation import ids
from tests.browser.conftest import console_errors

pytestmark = pytest.mark.browser

#: Per drawn chart: the id of the element around it, its trace types, and how many traces it drew in SVG.
CHARTS = """
return Array.from(document.querySelectorAll('.js-plotly-plot')).filter(gd => gd.offsetParent !== null).map(gd => ({
  id: (gd.closest('[id]') || {}).id, types: (gd.data || []).map(t => t.type || 'scatter'),
  drawn: gd.querySelectorAll('.main-svg .trace').length, canvas: gd.querySelectorAll('canvas').length}));
"""
FETCHED = "return performance.getEntriesByType('resource').map(r => r.name);"

#: page → {chart container id: the trace types it must draw}
EXPECTED = {
    "/outcome/treatment": {ids.OUTCOME_MAP: {"choropleth"}, ids.OUTCOME_TREND: {"scatter"},
                           ids.OUTCOME_COMPARE: {"bar"}},
    "/compare": {ids.COMPARE_CHART: {"scatter"}},
    "/partnership/greater-manchester": {ids.PARTNERSHIP_MAP: {"scatter"}},
}


def _drawn(driver, wanted: dict[str, set[str]]) -> dict[str, dict]:
    def ready(d):
        charts = {c["id"]: c for c in d.execute_script(CHARTS)}
        done = all(key in charts and charts[key]["drawn"] and wanted[key] <= set(charts[key]["types"])
                   for key in wanted)
        return charts if done else False

    return WebDriverWait(driver, 90, poll_frequency=0.25).until(ready)


@pytest.mark.parametrize("path", list(EXPECTED))
def test_each_chart_kind_draws_in_svg_with_the_apps_plotly(browser, live_server, path):
    console_errors(browser)
    browser.get(live_server + path)
    charts = _drawn(browser, EXPECTED[path])
    assert not any(chart["canvas"] for chart in charts.values()), "no chart should need WebGL"
    fetched = browser.execute_script(FETCHED)
    plotly = [name for name in fetched if "plotly" in name.rsplit("/", 1)[-1] and "plotly_early" not in name]
    assert len(plotly) == 1 and PLOTLY_ASSET in plotly[0], plotly
    assert not [name for name in fetched if "dash_table/" in name or "polyfill@" in name]
    assert console_errors(browser) == []


def test_printing_redraws_the_charts_at_page_width(browser, live_server):
    browser.get(live_server + "/outcome/treatment")
    _drawn(browser, EXPECTED["/outcome/treatment"])
    wide = browser.execute_script("return Array.from(document.querySelectorAll('.js-plotly-plot'))"
                                  ".filter(gd => gd.clientWidth > 680).map(gd => gd.closest('[id]').id);")
    browser.execute_script("window.dispatchEvent(new Event('beforeprint'));")
    widths = browser.execute_script("return arguments[0].map(id => "
                                    "document.querySelector('#' + id + ' .js-plotly-plot').layout.width);", wide)
    assert wide and widths == [680] * len(wide), (wide, widths)
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {})
    assert len(pdf["data"]) > 10_000
    browser.execute_script("window.dispatchEvent(new Event('afterprint'));")
    assert console_errors(browser) == []
