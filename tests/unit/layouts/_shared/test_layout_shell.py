"""The app frame: skip link, main landmark, registry-built navigation, banners slot, footer attribution."""

from __future__ import annotations

import re

import dash
from dash import dcc

from layouts._shared.shell import ATTRIBUTION, nav_pages, navigation, shell
from presentation import ids
from presentation.blocks.static import block_markup
from tests.support.layout_tree import find, text

PAGES = [
    {"module": "layouts.home.page", "name": "Overview", "path": "/", "relative_path": "/", "order": 0,
     "supplied_order": None, "nav": "Overview"},
    {"module": "layouts.outcome.page", "name": "Outcomes", "path": "/outcomes", "relative_path": "/outcomes", "order": 1,
     "supplied_order": 1},
    {"module": "layouts.partnership.page", "name": "Partnership", "path": "/partnership/<code>",
     "relative_path": "/partnership/<code>", "order": 2, "supplied_order": 2},
    {"module": "layouts.about.page", "name": "About", "path": "/about", "relative_path": "/about", "order": None,
     "supplied_order": None},
    {"module": "layouts.hidden", "name": "Hidden", "path": "/x", "relative_path": "/x", "order": 3,
     "supplied_order": 3, "nav": False},
]


class TestShell:
    def test_skip_link_targets_main_landmark(self):
        """Given the shell, then the first link skips to #main and <main id="main" tabindex="-1"> exists."""
        frame = shell(pages=PAGES)
        links = find(frame, "A")
        assert links[0].children == "Skip to main content" and links[0].href == "#main"
        main = find(frame, "Main")
        assert len(main) == 1 and main[0].id == ids.MAIN == "main" and main[0].tabIndex == -1
        assert dash.page_container in main[0].children

    def test_location_banner_slot_and_store(self):
        frame = shell(pages=PAGES, banners="Banner")
        location = find(frame, "Location")[0]
        assert location.id == ids.URL and location.refresh == "callback-nav"
        assert find(frame, "Div", id=ids.SHELL_BANNERS)[0].children == "Banner"
        assert isinstance(find(frame, "Store", id=ids.SHELL_FILTER_STORE)[0], dcc.Store)

    def test_header_and_footer(self):
        frame = shell(pages=PAGES)
        assert "Combating Drugs Outcomes" in text(find(frame, "Header")[0])
        footer = find(frame, "Footer")[0]
        assert ATTRIBUTION == ("Contains data from the Office for National Statistics licensed under the Open "
                               "Government Licence v3.0. Contains OS data © Crown copyright and database right 2024.")
        footer_html = block_markup(find(footer, "Div")[0])  # one static block (assets/static_html.js)
        assert ATTRIBUTION in footer_html
        assert re.findall(r"<a [^>]*>([^<]+)</a>", footer_html)[:4] == ["About", "Accessibility", "Metric definitions",
                                                                      "Download data"]


class TestNavigation:
    def test_only_pages_with_nav_or_order(self):
        """Given registry records, then the menu lists nav/order pages, skips templates, nav=False and unordered."""
        assert nav_pages(PAGES) == [("Overview", "/"), ("Outcomes", "/outcomes")]

    def test_wide_and_narrow_menus_and_current_page(self):
        wide, narrow = navigation(PAGES, current_path="/outcomes")
        assert find(narrow, "Summary")[0].children == "Menu"
        current = [a for a in find(wide, "A") if getattr(a, "aria-current", None) == "page"]
        assert [a.href for a in current] == ["/outcomes"]

    def test_the_page_the_shell_holds_is_marked_and_its_address_is_in_the_location(self, monkeypatch):
        """Given the page being opened, then its menu entry is current and the app location already holds its
        address, so neither the navigation callback nor a location report runs when it arrives."""
        from layouts._shared import shell as shell_module

        monkeypatch.setattr(shell_module, "page_container", lambda page: None)
        frame = shell(pages=PAGES, page="/outcomes?metric=deaths")
        nav = block_markup(find(frame, "Nav", id=ids.SHELL_NAV)[0].children)
        current = re.findall(r'<a [^>]*href="([^"]+)"[^>]*aria-current="page"', nav)
        assert current == ["/outcomes", "/outcomes"]  # the wide and the narrow menu
        location = find(frame, "Location", id=ids.URL)[0]
        assert (location.pathname, location.search) == ("/outcomes", "?metric=deaths")

    def test_with_no_page_nothing_is_marked_and_the_location_reports_itself(self):
        frame = shell(pages=PAGES)
        assert "aria-current" not in block_markup(find(frame, "Nav", id=ids.SHELL_NAV)[0].children)
        assert getattr(find(frame, "Location", id=ids.URL)[0], "pathname", None) is None

    def test_outside_a_request_the_banner_slot_is_left_empty(self):
        assert find(shell(pages=PAGES), "Div", id=ids.SHELL_BANNERS)[0].children is None
