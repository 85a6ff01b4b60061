"""The first view: the page a link opens is in the app layout, so no router round trip precedes its charts."""

from __future__ import annotations

import dash
import pytest

from layouts._shared import first_view
from layouts._shared.shell import shell
from presentation import ids
from tests.support.layout_tree import find


def _container(frame):
    return find(frame, "Main")[0].children[1]


def _content(container):
    return find(container, "Div", id=first_view.CONTENT_ID)[0]


@pytest.fixture
def app_pages(web_env):
    """The app's pages registered (as when it serves)."""
    import app  # noqa: F401


@pytest.mark.usefixtures("app_pages")
class TestPageContainer:
    def test_page_is_built_with_its_query_and_the_location_matches_the_browser(self):
        """Given a page with a query, then the container holds that page and its location needs no report."""
        container = _container(shell(page="/outcome/treatment?metric=nonsense&level=utla"))
        location = find(container, "Location", id=first_view.LOCATION_ID)[0]
        assert (location.pathname, location.search) == ("/outcome/treatment", "?metric=nonsense&level=utla")
        assert location.refresh == "callback-nav" and getattr(location, "href", None) is None
        page = _content(container).children
        assert find(page, "Store", id=ids.OUTCOME_PAGE)[0].data["slug"] == "treatment"
        assert find(page, "RadioItems", id=ids.OUTCOME_AREA_TYPE)[0].value == "utla"
        assert find(container, "Store", id=first_view.STORE_ID)[0].data["title"].startswith("Engagement in treatment")

    def test_path_variables_reach_the_layout(self):
        container = _container(shell(page="/partnership/greater-manchester"))
        assert _content(container).children is not None
        location = find(container, "Location", id=first_view.LOCATION_ID)[0]
        assert (location.pathname, location.search) == ("/partnership/greater-manchester", "")














def test_the_container_has_the_parts_of_dashs_page_container():
    """The page the shell holds sits in a container the router takes for its own: same parts, same ids."""
    parts = [(type(part).__name__, part.id) for part in dash.page_container.children]
    assert parts == [("Location", first_view.LOCATION_ID), ("Div", first_view.CONTENT_ID),
                     ("Store", first_view.STORE_ID), ("Div", first_view.DUMMY_ID)]
    assert dash.page_container.children[0].refresh == "callback-nav"
