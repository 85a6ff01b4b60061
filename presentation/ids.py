"""Every component id in the app, in one place.

Static ids are ``UPPER_SNAKE`` constants whose values are kebab-case and start with the page area
(``outcome-``, ``partnership-`` …) so ids never collide across pages. Repeated blocks (chart cards,
headline tiles) use pattern-matching dict ids from the builders below, for ``MATCH``/``ALL``
callbacks. Pages and callbacks import ids from here and never write an id string themselves.
The allowed values of the URL-backed controls live here too, so layouts, callbacks and URL
parsing agree on them.
"""

from __future__ import annotations

import json
from typing import Any

# Allowed values of controls whose state is kept in the URL.
AREA_TYPE_VALUES = ("partnership", "utla")
COLOUR_BY_VALUES = ("value", "comparison", "change")
MAP_KIND_VALUES = ("boundaries", "tiles")
COMPARE_VIEW_VALUES = ("bars", "funnel")
CONFIDENCE_LEVEL_VALUES = ("95", "99.8")

# Shell (app frame, present on every page).
URL = "url"
MAIN = "main"
SHELL_BANNERS = "shell-banners"
SHELL_NAV = "shell-nav"
SHELL_FILTER_STORE = "shell-filter-store"
AREA_PICKER = "area-picker-select"

# Home / overview page.
HOME_AREA = "home-area-select"
#: The area search box and its suggestions (``layouts._shared.area_search``); HOME_AREA holds the chosen code.
HOME_AREA_SEARCH = "home-area-search"
HOME_AREA_LIST = "home-area-list"
HOME_AREA_GO = "home-area-go-link"
HOME_HEADLINES = "home-headlines"
HOME_OUTCOMES = "home-outcome-list"
HOME_SUMMARY = "home-summary"

# Outcome pages (/outcome/<slug>): map, trend, compare, table for one metric.
OUTCOME_METRIC = "outcome-metric-select"
OUTCOME_PERIOD = "outcome-period-select"
#: The picker's last value, and the period last chosen for the charts (see callbacks/picker_gate.py).
OUTCOME_PERIOD_SEEN = "outcome-period-seen-store"
OUTCOME_PERIOD_CHOSEN = "outcome-period-chosen-store"
OUTCOME_AREA_TYPE = "outcome-area-type-select"
OUTCOME_AREA = "outcome-area-select"
OUTCOME_AREA_SEARCH = "outcome-area-search"
OUTCOME_AREA_LIST = "outcome-area-list"
OUTCOME_COLOUR_BY = "outcome-colour-by-select"
OUTCOME_CONFIDENCE = "outcome-confidence-select"
OUTCOME_HEADLINES = "outcome-headlines"
OUTCOME_MAP = "outcome-map"
OUTCOME_MAP_KIND = "outcome-map-kind-select"
OUTCOME_MAP_LEGEND = "outcome-map-legend"
OUTCOME_TREND = "outcome-trend"
OUTCOME_COMPARE = "outcome-compare"
OUTCOME_TABLE = "outcome-table"
OUTCOME_DOWNLOAD = "outcome-download"
OUTCOME_DOWNLOAD_BUTTON = "outcome-download-button"
OUTCOME_DEFINITION = "outcome-definition"
OUTCOME_STATUS = "outcome-status"
OUTCOME_PAGE = "outcome-page-store"
OUTCOME_PERIOD_STATUS = "outcome-period-status"
OUTCOME_AREA_STATUS = "outcome-area-status"
OUTCOME_MAP_GEOMETRY = "outcome-map-geometry-store"
OUTCOME_LOCAL_CONTROLS = "outcome-local-controls"
OUTCOME_MAP_SECTION = "outcome-map-section"
OUTCOME_COMPARE_SECTION = "outcome-compare-section"
OUTCOME_NATIONAL_NOTE = "outcome-national-note"
OUTCOME_MAP_DOWNLOAD = "outcome-map-download-link"
OUTCOME_TREND_DOWNLOAD = "outcome-trend-download-link"
OUTCOME_COMPARE_DOWNLOAD = "outcome-compare-download-link"

# Partnership pages (/partnership/<code>): one partnership across the framework.
PARTNERSHIP_AREA = "partnership-area-select"
PARTNERSHIP_AREA_SEARCH = "partnership-area-search"
PARTNERSHIP_AREA_LIST = "partnership-area-list"
PARTNERSHIP_OUTCOME = "partnership-outcome-select"
PARTNERSHIP_METRIC = "partnership-metric-select"
PARTNERSHIP_HEADLINES = "partnership-headlines"
PARTNERSHIP_TREND = "partnership-trend"
PARTNERSHIP_MEMBERS = "partnership-members-table"
PARTNERSHIP_FOOTPRINT = "partnership-footprint"
PARTNERSHIP_DOWNLOAD = "partnership-download"
PARTNERSHIP_DOWNLOAD_BUTTON = "partnership-download-button"
PARTNERSHIP_PACK_BUTTON = "partnership-pack-button"
PARTNERSHIP_PACK_DOWNLOAD = "partnership-pack-download"
PARTNERSHIP_STATUS = "partnership-status"

# Compare page (JCDU view across partnerships).
COMPARE_METRIC = "compare-metric-select"
COMPARE_PERIOD = "compare-period-select"
COMPARE_PERIOD_SEEN = "compare-period-seen-store"
COMPARE_PERIOD_CHOSEN = "compare-period-chosen-store"
COMPARE_AREA_TYPE = "compare-area-type-select"
COMPARE_VIEW = "compare-view-select"
COMPARE_CONFIDENCE = "compare-confidence-select"
#: The hidden code holder of the highlight's search (``layouts._shared.area_search``), its box and suggestions.
COMPARE_HIGHLIGHT = "compare-highlight-select"
COMPARE_HIGHLIGHT_SEARCH = "compare-highlight-search"
COMPARE_HIGHLIGHT_LIST = "compare-highlight-list"
COMPARE_CHART = "compare-chart"
COMPARE_TABLE = "compare-table"
COMPARE_DOWNLOAD = "compare-download"
COMPARE_DOWNLOAD_BUTTON = "compare-download-button"
COMPARE_STATUS = "compare-status"

# Metric definitions and data download pages.
DEFINITIONS_OUTCOME = "definitions-outcome-select"
DEFINITIONS_LIST = "definitions-list"
DOWNLOAD_METRICS = "download-metrics-select"
DOWNLOAD_AREA_TYPE = "download-area-type-select"
DOWNLOAD_FORMAT = "download-format-select"
DOWNLOAD_BUTTON = "download-button"
DOWNLOAD_FILE = "download-file"

# The page head's plotly.js script element (``layouts._shared.chart_script``; ``assets/plotly_early.js`` finds it).
PLOTLY_EARLY_SCRIPT = "plotly-early"

# URL-state stores: a pattern id of this type per page, keyed by the page's name here (``layouts._shared.url_state``).
URL_STATE_TYPE = "url-state"
HOME_URL_STATE = "home-url-state"
OUTCOME_URL_STATE = "outcome-url-state"
COMPARE_URL_STATE = "compare-url-state"
PRESENT_URL_STATE = "present-url-state"

# Presentation mode (/present/<code>): the deck, its stores and paging.
PRESENT_CODE = "present-code-store"
PRESENT_COUNT = "present-count-store"
PRESENT_CHARTS = "present-charts-store"
#: Where the Home and End keys ask for the first or last slide (``assets/present.js``).
PRESENT_JUMP = "present-jump-store"
PRESENT_HEADING = "present-heading"
PRESENT_STATUS = "present-status"
PRESENT_DECK = "present-deck"
PRESENT_PREVIOUS = "present-previous-button"
PRESENT_NEXT = "present-next-button"
PRESENT_COUNTER = "present-counter"
PRESENT_EXIT = "present-exit-link"
PRESENT_SLIDE_TYPE = "present-slide"
PRESENT_SLIDE_CHART_TYPE = "present-slide-chart"

# Compare page: the funnel plot's chart card.
COMPARE_FUNNEL = "compare-funnel"

# "What changed" page (/partnership/<code>/changes).
CHANGES_CODE = "changes-code-store"
CHANGES_SINCE = "changes-since-store"
CHANGES_HEADING = "changes-heading"
CHANGES_STATUS = "changes-status"
CHANGES_BODY = "changes-body"
CHANGES_SINCE_INPUT = "changes-since-input"

# Upload page (internal instances only).
UPLOAD_FILE = "upload-file"
UPLOAD_INPUT = "upload-file-input"
UPLOAD_RECEIVED = "upload-received-store"
UPLOAD_DESCRIPTION = "upload-description-input"
UPLOAD_PREVIEW = "upload-preview"
UPLOAD_CHECKED = "upload-checked-store"
UPLOAD_CONFIRM = "upload-confirm-button"
UPLOAD_RESULT = "upload-result"
UPLOAD_HISTORY = "upload-history"
UPLOAD_PROBLEMS_BUTTON = "upload-problems-button"
UPLOAD_PROBLEMS_DOWNLOAD = "upload-problems-download"


def _pattern(kind: str, **keys: str) -> dict[str, str]:
    return {"type": kind, **keys}


def chart_graph(name: str) -> dict[str, str]:
    """The ``dcc.Graph`` of a repeated chart card called ``name``."""
    return _pattern("chart-graph", chart=name)


def chart_summary(name: str) -> dict[str, str]:
    """The plain-English summary paragraph that describes chart ``name`` (its aria-describedby target)."""
    return _pattern("chart-summary", chart=name)


def chart_table(name: str) -> dict[str, str]:
    """The container of the table alternative of chart ``name``."""
    return _pattern("chart-table", chart=name)


def chart_download(name: str) -> dict[str, str]:
    """The ``dcc.Download`` of chart ``name``'s data."""
    return _pattern("chart-download", chart=name)


def chart_download_button(name: str) -> dict[str, str]:
    """The button that triggers chart ``name``'s CSV download."""
    return _pattern("chart-download-button", chart=name)


def chart_meta(name: str) -> dict[str, str]:
    """The source / "data up to" lines of chart ``name`` (updated when the metric changes)."""
    return _pattern("chart-meta", chart=name)


def headline_tile(metric_id: str) -> dict[str, str]:
    """One headline tile, keyed by metric id."""
    return _pattern("headline-tile", metric=metric_id)


def outcome_section(outcome_slug: str) -> dict[str, str]:
    """The block of one outcome on overview and partnership pages."""
    return _pattern("outcome-section", outcome=outcome_slug)


def definition_anchor(metric_id: str) -> str:
    """The string id of a metric's definition panel, so links can point at ``#definition-<metric>``."""
    return f"definition-{metric_id}"


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def dom_id(component_id: str | dict[str, Any]) -> str:
    """The id attribute the browser sees for a Dash id.

    Dash renders a dict id as JSON with sorted keys and no spaces; ARIA references such as
    ``aria-describedby`` must name that exact string.
    """
    if isinstance(component_id, str):
        return component_id
    return "{" + ",".join(f"{_js(k)}:{_js(component_id[k])}" for k in sorted(component_id)) + "}"

# Compare page additions: heat-map table filters, funnel downloads, England context.
COMPARE_REGION = "compare-region-select"
COMPARE_SORT = "compare-sort-select"
COMPARE_QUERY = "compare-query-store"
COMPARE_SUMMARY = "compare-summary"
COMPARE_NATIONAL = "compare-national"
COMPARE_LOAD = "compare-load-store"
COMPARE_FUNNEL_DOWNLOAD = "compare-funnel-download"
COMPARE_FUNNEL_DOWNLOAD_BUTTON = "compare-funnel-download-button"
COMPARE_FUNNEL_LINK = "compare-funnel-link"
# The compare page's ranked bars: what they show (a group around the chosen partnership, or all).
COMPARE_SHOW = "compare-show-select"
COMPARE_BARS = "compare-bars"
COMPARE_BARS_CHART = "compare-bars-chart"
COMPARE_BARS_DOWNLOAD = "compare-bars-download"
COMPARE_BARS_DOWNLOAD_BUTTON = "compare-bars-download-button"

# About page: data-dependent sections filled on load.
ABOUT_LOAD = "about-load-store"
ABOUT_FOOTPRINT = "about-footprint"
ABOUT_RELEASES = "about-releases"

# Overview and partnership pages: containers filled by their one data callback each.
HOME_STATUS = "home-status"
PARTNERSHIP_CODE = "partnership-code-store"
PARTNERSHIP_HEADER = "partnership-header"
PARTNERSHIP_MAP = "partnership-map"
PARTNERSHIP_PROFILE = "partnership-profile-table"
PARTNERSHIP_LINKS = "partnership-outcome-links"
PARTNERSHIP_RELEASE = "partnership-release"
PARTNERSHIP_LIST = "partnership-list"
PARTNERSHIP_LIST_FILTER = "partnership-list-filter"
PARTNERSHIP_BODY = "partnership-body"
