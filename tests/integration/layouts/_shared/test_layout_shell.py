"""The app frame: skip link, main landmark, registry-built navigation, banners slot, footer attribution."""

from __future__ import annotations

import json

from presentation import ids


class TestNavigation:

    def test_shell_renders_in_the_app(self, web_env):
        """Given the app (whose layout is the shell), then the layout endpoint serves it (props are valid).

        The app itself is used: a second Dash app would take the globally registered callbacks at
        its first request and leave the real app without them.
        """
        from app import server

        response = server.test_client().get("/_dash-layout")
        assert response.status_code == 200
        assert b"Skip to main content" in response.data

    def test_the_served_layout_carries_the_banners_so_no_callback_draws_them_on_arrival(self, web_env):
        """The demonstration store's banner is in the layout; the banner callback waits for a move."""
        from app import server

        client = server.test_client()
        layout = client.get("/_dash-layout", query_string={"page": "/about"}).get_json()
        slot = find_props(layout, ids.SHELL_BANNERS)
        assert "Demonstration data" in json.dumps(slot["children"])
        banners = next(d for d in client.get("/_dash-dependencies").get_json() if d["output"].startswith(ids.SHELL_BANNERS))
        assert banners["prevent_initial_call"] is True


def find_props(node, component_id: str) -> dict:
    """The props of the component ``component_id`` in a served (JSON) layout."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("props", {}).get("id") == component_id:
                return item["props"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    raise AssertionError(f"{component_id} is not in the layout")
