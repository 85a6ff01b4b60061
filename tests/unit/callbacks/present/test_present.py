"""Presentation mode: the slides' view as a plain function, the frame, and the paging script."""

from __future__ import annotations

from tests.support.paths import PROJECT_ROOT

HEADING, EXIT, STATUS, DECK, COUNT, CHARTS = range(6)
ASSETS = PROJECT_ROOT / "assets"


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
