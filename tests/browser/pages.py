"""Every page of the app for the cross-cutting browser checks, and one audited visit of each.

A page counts as rendered when its own content element is present, no Dash component is loading,
and no visible live region or chart summary still says "Loading…". One visit per page collects
everything the accessibility, keyboard and screenshot tests look at (axe violations, the heading
outline, every chart's accessible description, a screenshot), so the suite visits each page once.
"""

from __future__ import annotations

import base64
import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selenium.webdriver.support.ui import WebDriverWait

from presentation import ids
from tests.browser.axe import run_axe

SHOTS = Path("/tmp/a11y_shots")
PARTNERSHIP = "cleveland"
OUTCOME_SLUGS = ("drug-use", "crime", "deaths-and-harm", "supply", "treatment", "recovery")

#: path → CSS selectors that must all be present once the page's callbacks have rendered.
PAGES: dict[str, tuple[str, ...]] = {
    "/": ("#home-outcome-list .tile",),
    **{f"/outcome/{slug}": (f"#{ids.OUTCOME_TREND} .js-plotly-plot .main-svg",) for slug in OUTCOME_SLUGS},
    "/partnership": (f"#{ids.PARTNERSHIP_LIST} table",),
    f"/partnership/{PARTNERSHIP}": (f"#{ids.PARTNERSHIP_BODY}:not([hidden]) #{ids.PARTNERSHIP_PROFILE} table",),
    "/compare": (f"#{ids.COMPARE_TABLE} table", f"#{ids.COMPARE_CHART} .js-plotly-plot .main-svg"),
    "/metric": ("#main h1",),
    "/metric/drug_misuse_deaths": ("#main h1",),
    "/about": (f"#{ids.ABOUT_RELEASES} table, #{ids.ABOUT_RELEASES} ul",),
    "/accessibility": ("#main h1",),
    "/definitions": ("#main .definitions-list h2",),
    "/download": ("#main .downloads-list h3",),
    f"/present/{PARTNERSHIP}": ("#present-deck .present-slide",),
    f"/partnership/{PARTNERSHIP}/changes": ("#changes-body > *",),
    "/no-such-page": ("#main h1",),
}

_READY = """
const selectors = arguments[0];
if (!selectors.every(s => document.querySelector(s))) return false;
if (document.querySelector('[data-dash-is-loading="true"], ._dash-loading')) return false;
for (const el of document.querySelectorAll('[aria-live], .chart-card__summary')) {
  if (el.getClientRects().length && /^Loading/.test(el.textContent.trim())) return false;
}
return true;
"""

_HEADINGS = """
const out = [];
for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')) {
  if (!h.getClientRects().length || h.closest('[aria-hidden="true"]')) continue;
  const level = h.getAttribute('aria-level') || h.tagName.substring(1);
  out.push([parseInt(level, 10), h.textContent.trim().substring(0, 80)]);
}
return out;
"""

# Every Plotly chart not hidden from assistive technology (decorative sparklines are; so are charts in
# sections not displayed, such as the map of a measure published for England only), with the text of
# what describes it: the nearest aria-describedby target, else a figure/img region's label.
_CHARTS = """
const out = [];
for (const plot of document.querySelectorAll('.js-plotly-plot')) {
  if (plot.closest('[aria-hidden="true"]') || !plot.getClientRects().length) continue;
  const graph = plot.closest('.dash-graph') || plot;
  const card = plot.closest('section');
  const heading = card && card.querySelector('h1, h2, h3, h4');
  const name = graph.id || (heading && heading.textContent.trim()) || '(unnamed chart)';
  const described = plot.closest('[aria-describedby]');
  let description = '';
  if (described) {
    description = described.getAttribute('aria-describedby').split(/\\s+/)
      .map(id => document.getElementById(id)).filter(Boolean)
      .map(el => el.textContent.trim()).join(' ').trim();
  }
  const labelled = plot.closest('[role=img][aria-label], [role=figure][aria-label]');
  out.push({name: name, describedby: described ? described.getAttribute('aria-describedby') : null,
            description: description, label: labelled ? labelled.getAttribute('aria-label').trim() : ''});
}
return out;
"""


# Each displayed control that has a visible <label for=…>: its id and the label's words.
_LABELLED = """
return Array.from(document.querySelectorAll('label[for]'))
  .map(label => [label.htmlFor, label.textContent.replace(/\\s+/g, ' ').trim()])
  .filter(([id, text]) => { const el = document.getElementById(id); return text && el && el.getClientRects().length; });
"""


def accessible_names(driver: Any) -> list[tuple[str, str, str]]:
    """``(control id, visible label, accessible name)`` of every labelled control, the name as Chromium
    computes it for assistive technology (DevTools protocol accessibility tree)."""
    driver.execute_cdp_cmd("Accessibility.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    names = []
    for control_id, label in driver.execute_script(_LABELLED):
        selector = '[id="' + control_id.replace("\\", "\\\\").replace('"', '\\"') + '"]'
        node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            continue
        tree = driver.execute_cdp_cmd("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
        name = next((n.get("name", {}).get("value", "") for n in tree["nodes"] if not n.get("ignored")), "")
        names.append((control_id, label, " ".join(str(name).split())))
    return names


@dataclass
class Snapshot:
    """What one audited visit of a page found."""

    path: str
    violations: list[dict[str, Any]] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    charts: list[dict[str, Any]] = field(default_factory=list)
    names: list[tuple[str, str, str]] = field(default_factory=list)
    screenshot: Path | None = None


_CACHE: dict[tuple[str, str], Snapshot] = {}


def shot_name(path: str, prefix: str) -> Path:
    """``/tmp/a11y_shots/<prefix>_<path as a file name>.png``."""
    stem = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "home"
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{prefix}_{stem}.png"


def wait_until_rendered(driver: Any, path: str, timeout: float = 90) -> None:
    """Wait until ``path``'s content is present and nothing is loading (the page is already open)."""
    WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(_READY, list(PAGES[path])))
    # Plotly lays out a frame after the SVG appears; let it settle before auditing or photographing.
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));")


def open_page(driver: Any, base: str, path: str) -> None:
    """Load ``path`` and wait until its callbacks have rendered."""
    driver.get(base + path)
    wait_until_rendered(driver, path)


def save_screenshots(driver: Any, path: str, prefix: str) -> Path:
    """The viewport (``driver.save_screenshot``); with ``A11Y_FULL_SHOTS=1`` also the whole page as ``…_full.png``.

    The whole-page capture re-renders the page (WebGL maps included) at full height, so it is
    left to a person reviewing the layout rather than paid on every run.
    """
    target = shot_name(path, prefix)
    driver.save_screenshot(str(target))
    if os.environ.get("A11Y_FULL_SHOTS") == "1":
        full = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        target.with_name(target.stem + "_full.png").write_bytes(base64.b64decode(full["data"]))
    return target


def snapshot(driver: Any, base: str, path: str) -> Snapshot:
    """The audited visit of ``path`` in ``driver`` (made once per session and page, then re-used)."""
    key = (base, path)
    if key not in _CACHE:
        open_page(driver, base, path)
        shot = Snapshot(path)
        shot.headings = [(int(level), text) for level, text in driver.execute_script(_HEADINGS)]
        shot.charts = driver.execute_script(_CHARTS)
        shot.names = accessible_names(driver)
        shot.screenshot = save_screenshots(driver, path, "desktop")
        shot.violations = run_axe(driver)
        # The audit does not judge the console; drained here so a page that answers 404 by design (its
        # "Failed to load resource" entry) is not reported by the next test that reads the console.
        driver.get_log("browser")
        _CACHE[key] = shot
    return _CACHE[key]


def heading_problems(headings: list[tuple[int, str]]) -> list[str]:
    """What is wrong with a page's heading outline: no h1 first, more than one h1, or a skipped level."""
    if not headings:
        return ["the page has no headings"]
    problems = []
    if headings[0][0] != 1:
        problems.append(f"the first heading is h{headings[0][0]} ({headings[0][1]!r}), not h1")
    if sum(1 for level, _ in headings if level == 1) > 1:
        problems.append("more than one h1: " + ", ".join(repr(t) for level, t in headings if level == 1))
    for (before, _), (level, text) in itertools.pairwise(headings):
        if level > before + 1:
            problems.append(f"h{before} is followed by h{level} ({text!r})")
    return problems
