"""The read layer's public face stays fixed while its modules move, and no module reaches back into it."""

from __future__ import annotations

import ast
from pathlib import Path

import data_access.read as read

PUBLIC = ["ENGLAND", "area_profile", "area_values", "baseline_summary", "authorities", "current_release",
          "metric_periods", "metric_table", "partnership_members", "partnerships", "regions", "release_key",
          "releases", "resolve_area", "series", "similar_groups", "similar_inputs", "similar_partnerships"]
PACKAGE = Path(read.__file__).parent


def test_the_public_names_are_unchanged():
    """Given the package, then ``__all__`` is exactly the list pages and callbacks were written against."""
    assert read.__all__ == PUBLIC
    assert all(callable(getattr(read, name)) for name in PUBLIC if name != "ENGLAND")
    assert read.ENGLAND == "E92000001"
    assert read.AREA_TYPES == ("partnership", "utla", "region", "country")


def test_no_read_module_imports_back_into_its_package():
    """Given every module of the package, then none imports from ``data_access.read`` itself (only from the
    module that defines a name), and every import is at module level."""
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text())
        top_level = set(map(id, tree.body))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("data_access.read"):
                assert node.module != "data_access.read", f"{path.name}:{node.lineno} imports back into the package"
                assert id(node) in top_level, f"{path.name}:{node.lineno} imports inside a function"
