"""Run axe-core (Deque's accessibility rules engine) in a Selenium-driven page.

axe-core is not vendored: ``make install-dev`` installs the pinned version with npm into
``.cache/node`` (outside git). Where the file is missing the accessibility tests skip, except in CI
(``CI=true``), where a missing axe is a failure: the audit must not silently stop running.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.2 AA as axe tags it: each version's A and AA rules (2.2 added AA rules only).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

_RUN = """
const [source, include, exclude, tags, done] = arguments;
if (!window.axe) { (0, eval)(source); }
const context = include.length ? {include: include, exclude: exclude} : {exclude: exclude};
window.axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target, impact: n.impact, summary: n.failureSummary}))}))}))
  .catch(e => done({error: String(e)}));
"""


def axe_source() -> str:
    """The text of axe.min.js; skips the test where it is not installed (fails in CI)."""
    if not AXE_JS.is_file():
        message = f"axe-core not installed at {AXE_JS.relative_to(ROOT)}: run `make install-dev`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(driver: Any, *, exclude: Iterable[str] = (), include: Iterable[str] = (),
            tags: Sequence[str] = WCAG_TAGS, timeout: float = 60) -> list[dict[str, Any]]:
    """The axe violations of the page in ``driver`` for the WCAG ``tags``.

    Args:
        exclude: CSS selectors of third-party internals left out of the audit (each a nested list,
            as axe's context wants, so a selector never pierces into another frame).
        include: CSS selectors to audit instead of the whole document.
    """
    driver.set_script_timeout(timeout)
    result = driver.execute_async_script(_RUN, axe_source(), [[s] for s in include], [[s] for s in exclude],
                                         list(tags))
    if "error" in result:
        raise RuntimeError(f"axe.run failed: {result['error']}")
    return result["violations"]


def describe(violations: Iterable[dict[str, Any]], *, limit: int = 8) -> str:
    """One line per violation (id, impact, help) and up to ``limit`` of its targets with axe's summary."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']}")
        for node in violation["nodes"][:limit]:
            summary = " ".join((node.get("summary") or "").split())
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary[:240]}")
        if len(violation["nodes"]) > limit:
            lines.append(f"    … and {len(violation['nodes']) - limit} more")
    return "\n".join(lines)
