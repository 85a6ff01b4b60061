"""The first view: the page a link opens is in the app layout, so no router round trip precedes its charts."""

from __future__ import annotations

import dash
import pytest

from layouts._shared import first_view
from tests.support.layout_tree import find


def _container(frame):
    return find(frame, "Main")[0].children[1]


def _content(container):
    return find(container, "Div", id=first_view.CONTENT_ID)[0]


@pytest.fixture
def app_pages(web_env):
    """The app's pages registered (as when it serves)."""
    import app  # noqa: F401
















def test_the_container_has_the_parts_of_dashs_page_container():
    """The page the shell holds sits in a container the router takes for its own: same parts, same ids."""
    parts = [(type(part).__name__, part.id) for part in dash.page_container.children]
    assert parts == [("Location", first_view.LOCATION_ID), ("Div", first_view.CONTENT_ID),
                     ("Store", first_view.STORE_ID), ("Div", first_view.DUMMY_ID)]
    assert dash.page_container.children[0].refresh == "callback-nav"
