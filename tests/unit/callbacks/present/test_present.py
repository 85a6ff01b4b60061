"""Presentation mode: the slides' view as a plain function, the frame, and the paging script."""

from __future__ import annotations

import pytest

from data_access.catalogue import get_catalogue
from tests.support.layout_tree import find
from tests.support.paths import PROJECT_ROOT

HEADING, EXIT, STATUS, DECK, COUNT, CHARTS = range(6)
DEATHS_NAME = get_catalogue().metric("drug_misuse_deaths").name
ASSETS = PROJECT_ROOT / "assets"


@pytest.fixture(scope="module")
def present(web_env):
    import app  # noqa: F401  (pages registered, caches live)
    from layouts.present import views as present_views

    return present_views


@pytest.fixture(scope="module")
def cleveland(present):
    return present.deck_view("cleveland", {"slide": "3"})


def _slides(deck) -> list:
    return [c for c in find(deck, "Section")
            if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == "present-slide"]










class TestScript:
    def test_keys_click_the_buttons(self):
        script = (ASSETS / "present.js").read_text(encoding="utf-8")
        for key in ("ArrowRight", "ArrowLeft", "PageDown", "PageUp"):
            assert key in script
        assert "present-next-button" in script and "present-previous-button" in script and ".click()" in script

    def test_home_and_end_jump_through_the_public_set_props(self):
        """Given Home / End, then the script writes the first / last slide to the jump store with Dash's public
        ``dash_clientside.set_props`` (no private API, no inline script)."""
        from presentation import ids

        script = (ASSETS / "present.js").read_text(encoding="utf-8")
        assert 'Home: "first"' in script and 'End: "last"' in script
        assert ids.PRESENT_JUMP in script and "clientside.set_props(JUMP_STORE" in script

