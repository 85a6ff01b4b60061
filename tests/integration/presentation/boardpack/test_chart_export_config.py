"""Chart export: every ``dcc.Graph`` that has a mode bar exports a 1200×675 image with a meaningful file name.

Two checks, because graphs are created in two places: (1) the source of ``layouts/`` and
``callbacks/`` never creates a ``dcc.Graph`` without a ``config``; (2) every page's rendered layout
(called as Dash calls it, with sample path variables) gives each interactive graph the
``chart_config`` export options. Static graphs (``staticPlot`` or no mode bar) have no export
button and are exempt.
"""

from __future__ import annotations

import pytest

from tests.support.layout_tree import walk

SAMPLE_VARIABLES = {"code": "cleveland", "metric_id": "drug_misuse_deaths"}


def exportable(config: dict) -> bool:
    return not (config.get("staticPlot") or config.get("displayModeBar") is False)


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


@pytest.fixture(scope="module")
def pages(web_env):
    import dash

    import app  # noqa: F401  (registers every page)

    return list(dash.page_registry.values())


def test_every_page_layout_exports_its_charts_properly(pages):
    problems, seen = [], 0
    for page in pages:
        layout = page["layout"]
        variables = {name: SAMPLE_VARIABLES.get(name, "sample")
                     for name in ((page.get("path_template") or "").replace(">", "<").split("<")[1::2])}
        tree = layout(**variables) if callable(layout) else layout
        for component in walk(tree):
            if type(component).__name__ != "Graph":
                continue
            seen += 1
            config = getattr(component, "config", None) or {}
            if exportable(config):
                problems += check_export(config, f"{page['module']} graph {getattr(component, 'id', None)!r}")
    assert seen > 0
    assert problems == []


def test_presentation_charts_keep_the_export_options(web_env):
    """The slides' charts are static in the room but keep chart_config's file name and size."""
    import app  # noqa: F401
    from layouts.present.views import deck_view

    deck = deck_view("cleveland", {"slide": "2"}).slides  # slide 1 is the status summary, with no chart
    graphs = [c for c in walk(deck) if type(c).__name__ == "Graph"]
    assert graphs and all(check_export(g.config, "present") == [] for g in graphs)
