"""/about: pure layout with the attribution word for word, sources by publisher, methods; data sections by callback."""

from __future__ import annotations

import pytest

from presentation.blocks.static import block_markup
from tests.support.layout_tree import text


@pytest.fixture
def about(monkeypatch):
    import app  # noqa: F401  (registers the pages)
    from data_access import db
    from layouts.about import page as about

    def refuse(*_args, **_kwargs):
        raise AssertionError("a layout touched the store")

    monkeypatch.setattr(db, "get_engine", refuse)
    return about


def test_about_callback_fills_footprint_and_releases(web_env):
    import app  # noqa: F401
    from callbacks.about import update_about
    from data_access.read import partnerships

    result = update_about()
    footprint = text(result["footprint"])
    parts = partnerships()
    sourced = int((parts["status"] == "sourced").sum())
    assert f"{sourced} partnerships are sourced" in footprint
    assert "by assumption" in footprint and "about 106" in footprint
    assert "Default footprint" in footprint and "version 1" in footprint
    markup = block_markup(result["footprint"][-1].children)
    assert markup.count('data-status="sourced"') == sourced
    assert markup.count("<tr data-status=") == len(parts)
    assert "durham-pcc.gov.uk" in markup, "sourced rows show their source link"
    releases = text(result["releases"])
    assert "Demonstration data (generated, seed 2022)" in releases and "published" in releases
