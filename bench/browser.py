"""Time to first chart in headless Chromium, cold (new profile, empty cache) and warm (same browser, again).

A script injected before any page script runs watches the document and records, in the page's own
clock (``performance.now()``, zero at navigation start), the moment the first Plotly chart with
data has drawn: a ``.js-plotly-plot`` whose ``data`` is not empty, whose ``.main-svg`` exists and
which shows its traces — for a map, its MapLibre canvas. Placeholder figures ("Loading…") have no
data and do not count. A page with no chart records when its content arrived and when it settled.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
#: A page with no chart is "settled" after this long with no DOM change.
QUIET_MS = 1500
#: The survey pass (is there a chart at all?) waits longer, since a cold server can pause that long.
SURVEY_QUIET_MS = 5000
PAGE_TIMEOUT_S = 45

PROBE = """
(() => {
  const b = window.__bench = {firstChart: null, firstPlot: null, content: null, lastMutation: 0, kind: null};
  const TRACES = '.main-svg .trace, .main-svg .point, .main-svg .bars, .main-svg .scatterlayer path, .main-svg .barlayer path';
  function hasMap(gd) { return (gd.data || []).some(t => /map|geo/.test(String(t.type || ''))); }
  function check() {
    const now = performance.now();
    if (b.content === null) {
      const c = document.getElementById('_pages_content') || document.getElementById('react-entry-point');
      if (c && c.querySelector('h1, .js-plotly-plot, main, table')) b.content = now;
    }
    if (b.firstChart !== null) return;
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      if (!gd.querySelector('.main-svg')) continue;
      if (b.firstPlot === null) b.firstPlot = now;
      if (!(gd.data && gd.data.length)) continue;
      if (hasMap(gd)) { if (!gd.querySelector('canvas')) continue; b.kind = 'map'; }
      else { if (!gd.querySelector(TRACES)) continue; b.kind = 'svg'; }
      b.firstChart = now;
      return;
    }
  }
  new MutationObserver(() => { b.lastMutation = performance.now(); check(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  setInterval(check, 5);
})();
"""

COLLECT = """
const b = window.__bench || {};
const nav = performance.getEntriesByType('navigation')[0] || {};
const res = performance.getEntriesByType('resource');
const sum = (k) => res.reduce((a, r) => a + (r[k] || 0), 0) + (nav[k] || 0);
const until = b.firstChart === null ? Infinity : b.firstChart;
const calls = res.filter(r => r.name.includes('_dash-update-component') && r.startTime < until);
const geo = res.filter(r => r.name.includes('/geo/') && r.startTime < until);
return {firstChart: b.firstChart, firstPlot: b.firstPlot, content: b.content, lastMutation: b.lastMutation,
        kind: b.kind, domContentLoaded: nav.domContentLoadedEventEnd || null, load: nav.loadEventEnd || null,
        requests: res.length + 1, transferBytes: sum('transferSize'), decodedBytes: sum('decodedBodySize'),
        callbacksBeforeChart: calls.length,
        firstCallback: calls.length ? Math.min(...calls.map(r => r.startTime)) : null,
        callbackMsBeforeChart: calls.reduce((a, r) => a + r.duration, 0),
        geoMsBeforeChart: geo.reduce((a, r) => a + r.duration, 0),
        now: performance.now()};
"""


class Browser:
    """One headless Chromium with its own throw-away profile (so its first load is cold)."""

    def __init__(self, width: int = 1366, height: int = 900, logging_prefs: dict[str, str] | None = None) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
            raise RuntimeError("chromium and chromedriver are needed for the browser timings")
        self.profile = Path(tempfile.mkdtemp(prefix="cdp-bench-profile-"))
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-extensions", f"--user-data-dir={self.profile}",
                     f"--window-size={width},{height}"):
            options.add_argument(flag)
        if logging_prefs:  # e.g. {"performance": "ALL"}: the network log the page-view capture reads
            options.set_capability("goog:loggingPrefs", logging_prefs)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(PAGE_TIMEOUT_S)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})

    def open(self, url: str, *, expect_chart: bool = True, quiet_ms: float = QUIET_MS) -> dict[str, Any]:
        """Navigate to ``url`` and wait for its first chart (or, with no chart, for it to settle)."""
        self.driver.get(url)
        deadline = time.monotonic() + PAGE_TIMEOUT_S
        while True:
            state = self.driver.execute_script(COLLECT)
            if state["firstChart"] is not None:
                break
            quiet = state["now"] - max(state["lastMutation"] or 0, state["load"] or 0)
            if not expect_chart and state["content"] is not None and quiet > quiet_ms:
                break
            if time.monotonic() > deadline:
                state["timeout"] = True
                break
            time.sleep(0.02)
        time.sleep(0.3)  # let the rest of the first screen's requests finish before counting bytes
        final = self.driver.execute_script(COLLECT)
        state.update(requests=final["requests"], transferBytes=final["transferBytes"],
                     decodedBytes=final["decodedBytes"])
        if state["firstChart"] is None:  # no chart: count the callbacks until the page settled
            state.update(callbacksBeforeChart=final["callbacksBeforeChart"], firstCallback=final["firstCallback"],
                         callbackMsBeforeChart=final["callbackMsBeforeChart"])
        state["settled"] = state["lastMutation"] if state["firstChart"] is None else None
        return state

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


def survey(urls: list[str]) -> dict[str, bool]:
    """Open each page once (warming the server's caches) and note whether it draws a chart at all."""
    browser = Browser()
    try:
        return {url: browser.open(url, expect_chart=False, quiet_ms=SURVEY_QUIET_MS)["firstChart"] is not None
                for url in urls}
    finally:
        browser.close()


class Samples:
    """Cold and warm loads of one page, and how many stalled loads were retried."""

    def __init__(self) -> None:
        self.colds: list[dict[str, Any]] = []
        self.warms: list[dict[str, Any]] = []
        self.retried = 0

    def take(self, url: str, expect_chart: bool) -> None:
        """A cold then a warm load in a new browser; a cold load that stalls (a busy machine) is retried once."""
        for attempt in range(2):
            browser = Browser()
            try:
                cold = browser.open(url, expect_chart=expect_chart)
                if cold.get("timeout") and attempt == 0:
                    self.retried += 1
                    continue
                self.colds.append(cold)
                self.warms.append(browser.open(url, expect_chart=expect_chart))
                return
            finally:
                browser.close()

    def result(self, reps: int) -> dict[str, Any]:
        return {"cold": _median_run(self.colds), "warm": _median_run(self.warms), "reps": reps,
                "retried_after_timeout": self.retried}


def first_charts_in_turns(pages: dict[str, bool], minimal_url: str, *, reps: int) -> dict[str, Any]:
    """Each page's first chart and the one-chart page's, measured in turns.

    ``pages`` maps each URL to whether it has a chart. Each of ``reps`` rounds opens every page once,
    each page with a chart right after the one-chart page, every load in a new browser. The floor is
    thus measured as often as those pages together and over the same minutes, and a passing
    disturbance of the machine touches one sample of a page rather than all of them.
    """
    floor, measured = Samples(), {url: Samples() for url in pages}
    for _ in range(reps):
        for url, expect_chart in pages.items():
            if expect_chart:  # the ratio concerns pages with a chart; the others are timed on their own
                floor.take(minimal_url, True)
            measured[url].take(url, expect_chart)
    return {"minimal": floor.result(reps * sum(pages.values())),
            "pages": {url: samples.result(reps) for url, samples in measured.items()}}


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def med(key: str) -> float | None:
        values = [r[key] for r in runs if r.get(key) is not None]
        return round(statistics.median(values), 1) if values else None

    return {"first_chart_ms": med("firstChart"),
            "first_chart_samples_ms": sorted(round(r["firstChart"]) for r in runs if r.get("firstChart") is not None),
            "first_plot_ms": med("firstPlot"), "content_ms": med("content"),
            "settled_ms": med("settled"), "dom_content_loaded_ms": med("domContentLoaded"), "load_ms": med("load"),
            "transfer_bytes": med("transferBytes"), "decoded_bytes": med("decodedBytes"), "requests": med("requests"),
            "callbacks_before_chart": med("callbacksBeforeChart"), "first_callback_ms": med("firstCallback"),
            "callback_ms_before_chart": med("callbackMsBeforeChart"), "geo_ms_before_chart": med("geoMsBeforeChart"),
            "chart_kind": next((r["kind"] for r in runs if r.get("kind")), None),
            "timeouts": sum(1 for r in runs if r.get("timeout"))}
