"""Chart export: every ``dcc.Graph`` that has a mode bar exports a 1200×675 image with a meaningful file name.

Two checks, because graphs are created in two places: (1) the source of ``layouts/`` and
``callbacks/`` never creates a ``dcc.Graph`` without a ``config``; (2) every page's rendered layout
(called as Dash calls it, with sample path variables) gives each interactive graph the
``chart_config`` export options. Static graphs (``staticPlot`` or no mode bar) have no export
button and are exempt.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT


def _graph_calls(path: Path) -> list[tuple[int, bool]]:
    """(line, has config) of every ``dcc.Graph(...)`` / ``Graph(...)`` call in ``path``."""
    calls = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name == "Graph":
            calls.append((node.lineno, any(k.arg == "config" for k in node.keywords)))
    return calls


def test_no_graph_is_created_without_a_config():
    missing = [f"{path.relative_to(ROOT)}:{line}"
               for folder in ("layouts", "callbacks", "presentation") for path in sorted((ROOT / folder).rglob("*.py"))
               for line, has_config in _graph_calls(path) if not has_config]
    assert missing == [], f"dcc.Graph without config= (use figures.chart_config): {missing}"


def check_export(config: dict, where: str) -> list[str]:
    """Problems with an interactive graph's export options (empty when it follows ``chart_config``)."""
    options = (config or {}).get("toImageButtonOptions") or {}
    problems = []
    filename = str(options.get("filename") or "")
    if filename in ("", "newplot", "chart"):
        problems.append(f"{where}: no meaningful export filename ({filename!r})")
    if (options.get("width"), options.get("height")) != (1200, 675):
        problems.append(f"{where}: export size {options.get('width')}×{options.get('height')}, not 1200×675")
    return problems


def test_chart_config_itself():
    from presentation.figures import chart_config

    config = chart_config("drug_misuse_deaths_cleveland_2019-21", "Deaths")
    assert check_export(config, "chart_config") == []
    assert chart_config("", "Deaths related to drug misuse")["toImageButtonOptions"]["filename"] == \
        "deaths_related_to_drug_misuse"
