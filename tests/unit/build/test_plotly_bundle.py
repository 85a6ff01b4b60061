"""The app's plotly.js bundle is the one its pinned build makes: the committed file matches its recorded
checksum, the build's inputs are pinned, and it is the plotly.js version Python's plotly writes figures for."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import plotly

from layouts._shared.chart_script import PLOTLY_FILE, PLOTLY_PATH

ROOT = Path(__file__).resolve().parents[3]
BUILD = ROOT / "build" / "plotly"
EXACT = re.compile(r"^\d+\.\d+\.\d+$")


def _package() -> dict:
    return json.loads((BUILD / "package.json").read_text())


def _lock() -> dict:
    return json.loads((BUILD / "package-lock.json").read_text())


def _plotly_js_version(text: str) -> str:
    match = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", text[:400])
    assert match, "the script should start with plotly.js's version"
    return match.group(1)


def test_committed_bundle_matches_its_recorded_checksum():
    digest, name = (BUILD / "plotly-cdp.min.js.sha256").read_text().split()
    assert (ROOT / name).resolve() == PLOTLY_FILE
    assert hashlib.sha256(PLOTLY_FILE.read_bytes()).hexdigest() == digest


def test_pages_ask_for_the_bundle_by_its_content():
    digest = (BUILD / "plotly-cdp.min.js.sha256").read_text().split()[0]
    assert f"assets/{PLOTLY_FILE.name}?m={digest[:16]}" == PLOTLY_PATH


def test_build_inputs_are_pinned_exactly():
    package = _package()
    wanted = {**package["dependencies"], **package["devDependencies"]}
    assert set(wanted) == {"plotly.js", "esbuild"}
    assert all(EXACT.match(version) for version in wanted.values()), wanted
    lock = _lock()
    root = lock["packages"][""]
    assert {**root["dependencies"], **root["devDependencies"]} == wanted, "package-lock.json is out of date"
    for name, version in wanted.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    for path, entry in lock["packages"].items():
        if path and not entry.get("link"):
            assert entry.get("integrity", "").startswith("sha512-"), f"{path} has no integrity hash"


def test_bundle_is_the_pinned_plotly_js_that_python_plotly_writes_for():
    pinned = _package()["dependencies"]["plotly.js"]
    assert _plotly_js_version(PLOTLY_FILE.read_text()) == pinned
    shipped = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert _plotly_js_version(shipped.read_text(errors="replace")) == pinned, (
        "Python's plotly now ships another plotly.js: pin it in build/plotly and rebuild")


def test_bundle_sets_the_global_dcc_graph_uses():
    assert PLOTLY_FILE.read_text().rstrip().endswith("window.Plotly = Plotly;")


def _bundled_traces() -> set[str]:
    entry = (BUILD / "entry.js").read_text()
    return set(re.findall(r"require\('plotly\.js/(?:lib|src/traces)/(\w+)'\)", entry))


def _drawn_traces() -> dict[str, str]:
    """Every trace type the app's figures construct (``go.<Trace>(``), with a file that does."""
    import plotly.graph_objects as go
    from plotly.basedatatypes import BaseTraceType

    found: dict[str, str] = {}
    for folder in ("presentation", "layouts", "callbacks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in re.findall(r"\bgo\.([A-Z]\w*)\(", path.read_text()):
                kind = getattr(go, name, None)
                if isinstance(kind, type) and issubclass(kind, BaseTraceType):
                    found.setdefault(kind().type, str(path.relative_to(ROOT)))
    return found


def test_bundle_registers_every_trace_type_the_app_draws():
    drawn = _drawn_traces()
    assert {"scatter", "bar"} <= set(drawn), "the scan should find the app's traces"
    missing = {kind: path for kind, path in drawn.items() if kind not in _bundled_traces()}
    assert not missing, f"add these to build/plotly/entry.js and rebuild: {missing}"


def test_bundle_holds_no_webgl_map_trace():
    assert not {name for name in _bundled_traces() if "map" in name}
