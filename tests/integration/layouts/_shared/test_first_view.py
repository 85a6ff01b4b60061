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

    @pytest.mark.parametrize("page", [None, "/no-such-page", "/outcome/drug-use/extra"])
    def test_no_page_or_an_unknown_one_is_left_to_the_router(self, page):
        assert _container(shell(page=page)) is dash.page_container

    def test_a_layout_that_fails_is_left_to_the_router(self, monkeypatch):
        def broken(*_args, **_kwargs):
            raise ValueError("broken")

        monkeypatch.setattr(first_view, "build_page", broken)
        assert _container(shell(page="/about")) is dash.page_container

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


class TestRequestedPage:
    @pytest.mark.parametrize("query, expected", [
        ("?page=/about", "/about"),
        ("?page=%2Fcompare%3Fmetric%3Dx", "/compare?metric=x"),
        ("", None),
        ("?page=about", None),  # not a path
        ("?page=/" + "a" * 5000, None),  # longer than any real address
    ])
    def test_parameter(self, query, expected):
        from flask import Flask

        with Flask(__name__).test_request_context(f"/_dash-layout{query}"):
            assert first_view.requested_page() == expected

    def test_outside_a_request_there_is_none(self):
        assert first_view.requested_page() is None


def test_layout_request_naming_a_page_carries_its_content(client):
    """Over HTTP: the layout for /outcome/drug-use holds that page; without the parameter it is the bare shell."""
    named = client.get("/_dash-layout?page=/outcome/drug-use%3Fperiod%3Dbanana")
    bare = client.get("/_dash-layout")
    assert named.status_code == bare.status_code == 200
    assert ids.OUTCOME_MAP.encode() in named.data and b"\"search\":\"?period=banana\"" in named.data
    assert ids.OUTCOME_MAP.encode() not in bare.data and b"_pages_content" in bare.data


def test_page_request_script_is_served_before_the_renderer(client):
    html = client.get("/about").get_data(as_text=True)
    assert html.index("/assets/page_request.js") < html.index("dash_renderer")


class TestPreloads:
    @pytest.mark.parametrize("page, expected", [
        ("/about", "/_dash-layout?page=%2Fabout"),
        ("/outcome/drug-use?metric=x&area=E08000003",
         "/_dash-layout?page=%2Foutcome%2Fdrug-use%3Fmetric%3Dx%26area%3DE08000003"),
        ("/a%20b?q=it's(1)!~*", "/_dash-layout?page=%2Fa%2520b%3Fq%3Dit's(1)!~*"),  # as encodeURIComponent
    ])
    def test_layout_request_encodes_as_the_browser_does(self, page, expected):
        assert first_view.layout_request("/", page) == expected

    @pytest.mark.parametrize("environ, url, expected", [
        ({"RAW_URI": "/outcome/crime?period=2022-24"}, "/outcome/crime?period=2022-24", "/outcome/crime?period=2022-24"),
        ({}, "/compare?metric=a%20b", "/compare?metric=a%20b"),
        ({}, "/about", "/about"),
        ({"RAW_URI": "/about?"}, "/about?", "/about"),  # location.search is empty for a bare "?"
    ])
    def test_browser_address(self, environ, url, expected):
        from flask import Flask

        with Flask(__name__).test_request_context(url, environ_overrides=environ):
            assert first_view.browser_address() == expected


def test_pages_preload_their_layout_and_the_callback_map(client):
    html = client.get("/outcome/crime?period=2022-24").get_data(as_text=True)
    head = html[:html.index("</head>")]
    assert ('<link rel="preload" href="/_dash-layout?page=%2Foutcome%2Fcrime%3Fperiod%3D2022-24" as="fetch" '
            'crossorigin="anonymous">') in head
    assert '<link rel="preload" href="/_dash-dependencies" as="fetch" crossorigin="anonymous">' in head
    preloaded = client.get("/_dash-layout?page=%2Foutcome%2Fcrime%3Fperiod%3D2022-24")
    assert preloaded.status_code == 200 and b"outcome-map" in preloaded.data
