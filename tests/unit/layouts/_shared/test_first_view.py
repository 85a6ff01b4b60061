"""The first view: the page a link opens is in the app layout, so no router round trip precedes its charts."""

from __future__ import annotations

import dash

from layouts._shared import first_view


def test_the_container_has_the_parts_of_dashs_page_container():
    """The page the shell holds sits in a container the router takes for its own: same parts, same ids."""
    parts = [(type(part).__name__, part.id) for part in dash.page_container.children]
    assert parts == [("Location", first_view.LOCATION_ID), ("Div", first_view.CONTENT_ID),
                     ("Store", first_view.STORE_ID), ("Div", first_view.DUMMY_ID)]
    assert dash.page_container.children[0].refresh == "callback-nav"
