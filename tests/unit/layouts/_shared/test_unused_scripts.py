"""Pages leave out dash_table's bundle and the ES2015 polyfill, and nothing else; both stay safe to leave out."""

from __future__ import annotations

import re
from pathlib import Path

import dash_bootstrap_components

from layouts._shared.unused_scripts import without_unused_scripts

ROOT = Path(__file__).resolve().parents[4]
#: An import of dash_table or a DataTable built (mentions in prose do not count).
USES_TABLE = re.compile(r"import dash_table|from dash import [^\n]*\bdash_table\b|\bdash_table\.\w|\bDataTable\(")
PAGE = """<head>
        <script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>
<script src="/_dash-component-suites/dash/deps/react@18.v4_4_1m1.3.1.min.js"></script>
<script src="/assets/page_request.js?m=1"></script>
<script src="/_dash-component-suites/dash/dash_table/bundle.v7_4_1m1.js"></script>
<script src="/_dash-component-suites/dash/dash-renderer/build/dash_renderer.v4_4_1m1.min.js"></script>
<script id="_dash-renderer" type="application/javascript">var renderer = new DashRenderer();</script>
</head>"""


def test_leaves_out_the_table_bundle_and_the_polyfill_only():
    html = without_unused_scripts(PAGE)
    assert "dash_table" not in html and "polyfill" not in html
    for kept in ("react@18", "page_request.js", "dash_renderer", "new DashRenderer()"):
        assert kept in html
    assert html.count("<script") == PAGE.count("<script") - 2


def test_the_app_has_no_data_table():
    uses = [str(path.relative_to(ROOT)) for folder in ("layouts", "callbacks", "presentation", "web")
            for path in (ROOT / folder).rglob("*.py")
            if USES_TABLE.search(path.read_text())]
    assert not uses, f"a DataTable needs dash_table's script: drop it from UNUSED ({uses})"


def test_bootstrap_components_still_set_the_regenerator_runtime():
    """Dash's lazy components call the global ``regeneratorRuntime``; without the polyfill, dbc's bundle sets it."""
    bundle = Path(dash_bootstrap_components.__file__).parent / "_components" / "dash_bootstrap_components.min.js"
    assert re.search(r"regeneratorRuntime\s*=", bundle.read_text())
