"""An outcome page in a real browser: the map draws, a click on a partnership selects it, and the link
in the address bar reproduces the view after a reload."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.conftest import console_errors, wait_for

pytestmark = pytest.mark.browser

PAGE = "/outcome/deaths-and-harm"
METRIC = "drug_misuse_deaths"
GRAPH = "document.querySelector('#{} .js-plotly-plot')"
TREND_TITLE = (f"var gd = {GRAPH.format(ids.OUTCOME_TREND)};"
               "return gd && gd.layout && gd.layout.title && gd.layout.title.text;")
MAP_READY = (f"var gd = {GRAPH.format(ids.OUTCOME_MAP)};"
             "return !!(gd && gd.data && gd.data[0] && gd.data[0].locations);")
CLICK = (f"var gd = {GRAPH.format(ids.OUTCOME_MAP)}; var i = gd.data[0].locations.indexOf(arguments[0]);"
         "gd.emit('plotly_click', {points: [{curveNumber: 0, pointNumber: i, location: arguments[0]}]}); return i;")
TREND_TABLE = f"return document.getElementById('{ids.dom_id(ids.chart_table('outcome-trend'))}').textContent;"


@pytest.fixture(scope="module")
def partnership(live_server) -> tuple[str, str]:
    """A partnership of several authorities with a value for the latest period (code, name)."""
    from data_access.read import area_values, partnerships

    values = area_values(METRIC, area_type="partnership")
    valued = set(values.loc[values["value"].notna() & ~values["suppressed"], "area_code"])
    rows = partnerships()
    row = rows[(rows["n_members"] > 1) & rows["code"].isin(valued)].iloc[0]
    return str(row["code"]), str(row["name"])


def _until(browser, script: str, *args, timeout: float = 120):
    return WebDriverWait(browser, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(script, *args))


def test_click_on_the_map_selects_a_partnership_and_the_link_reproduces_it(browser, live_server, partnership):
    code, name = partnership
    browser.get(live_server + PAGE)
    wait_for(browser, f"#{ids.OUTCOME_MAP} .js-plotly-plot")
    _until(browser, MAP_READY)
    assert _until(browser, TREND_TITLE).endswith("England")
    assert console_errors(browser) == []

    assert browser.execute_script(CLICK, code) >= 0
    WebDriverWait(browser, 60).until(lambda d: f"area={code}" in d.current_url)
    _until(browser, f"var t = (function() {{ {TREND_TITLE} }})(); return t && t.indexOf(arguments[0]) >= 0;", name)
    assert name in browser.execute_script(TREND_TABLE)
    assert f"metric={METRIC}" in browser.current_url
    link = browser.current_url

    browser.get(link)
    _until(browser, MAP_READY)
    _until(browser, f"var t = (function() {{ {TREND_TITLE} }})(); return t && t.indexOf(arguments[0]) >= 0;", name)
    assert browser.execute_script(f"return document.getElementById('{ids.OUTCOME_METRIC}').value;") == METRIC
    assert f"area={code}" in browser.current_url
    # The selected partnership is outlined on the map: drawn last with the thick line.
    assert browser.execute_script(f"var gd = {GRAPH.format(ids.OUTCOME_MAP)};"
                                  "var l = gd.data[0].locations; return l[l.length - 1];") == code
    assert console_errors(browser) == []


def test_nonsense_link_shows_a_notice_and_the_default_view(browser, live_server):
    browser.get(live_server + PAGE + "?metric=banana&period=banana&area=ZZZ")
    _until(browser, MAP_READY)
    notices = _until(browser, f"var s = document.getElementById('{ids.OUTCOME_STATUS}');"
                              "return s && s.querySelectorAll('[role=status]').length >= 3 && s.textContent;")
    assert "banana" in notices and "ZZZ" in notices
    assert browser.execute_script(f"return document.getElementById('{ids.OUTCOME_METRIC}').value;") == METRIC
    WebDriverWait(browser, 60).until(lambda d: "period=banana" not in d.current_url)
    assert console_errors(browser) == []
