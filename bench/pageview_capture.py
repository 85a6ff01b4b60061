"""What a browser asks the server for when it arrives on a page, read from headless Chromium's network log.

A page view is every request the page makes on arrival: the HTML, Dash's layout and dependencies,
and each callback the renderer fires as the page draws. Static files a returning browser holds in
its cache (``/assets/``, ``/_dash-component-suites/``, the favicon and the long-cached boundary
layers under ``/geo/``) are left out. Each request keeps its method, path (with query), body and
content type, so the load test can replay exactly what the browser sent, in the order it sent it.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from bench.browser import Browser

#: Paths a browser serves from its cache on every visit after the first (never counted in a page view).
CACHED_PREFIXES = ("/assets/", "/_dash-component-suites/", "/geo/", "/favicon")
#: The page has settled once no request has started for this long after the document loaded (the renderer
#: parses plotly.js between the dependencies and the first callbacks, which takes seconds on a busy machine).
SETTLE_S = 4.0
PAGE_TIMEOUT_S = 60

#: The pages a board member opens: the overview, each outcome, compare, one partnership, its presentation.
CHART_PREFIXES = ("/outcome/", "/partnership/", "/present/")


@dataclass(frozen=True)
class Request:
    """One request of a page view, as the browser sent it."""

    method: str
    path: str
    body: str | None
    content_type: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def chart_pages(pages: list[str]) -> list[str]:
    """The measured pages: ``/``, every ``/outcome/…``, ``/compare`` and the first ``/partnership/<code>``
    and ``/present/<code>`` (sub-pages such as ``/partnership/<code>/changes`` are left out)."""
    chosen = [p for p in pages if p in ("/", "/compare") or p.startswith("/outcome/")]
    for prefix in ("/partnership/", "/present/"):
        chosen += [p for p in pages if p.startswith(prefix) and p.count("/") == 2][:1]
    return chosen


def counted(path: str) -> bool:
    """Whether a request to ``path`` is part of a page view (not a cached static file)."""
    return not path.startswith(CACHED_PREFIXES)


def _events(driver) -> list[dict[str, Any]]:
    return [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]


def _post_data(driver, request_id: str, request: dict[str, Any]) -> str | None:
    if "postData" in request:
        return request["postData"]
    if not request.get("hasPostData"):
        return None
    try:  # bodies too large for the event are fetched separately
        return driver.execute_cdp_cmd("Network.getRequestPostData", {"requestId": request_id})["postData"]
    except Exception:  # noqa: BLE001  (the request is gone: the body cannot be recovered)
        return None


def _requests_of(driver, events: list[dict[str, Any]], origin: str) -> list[Request]:
    found: list[Request] = []
    for event in events:
        if event.get("method") != "Network.requestWillBeSent":
            continue
        params = event["params"]
        request = params["request"]
        url = urlsplit(request["url"])
        if f"{url.scheme}://{url.netloc}" != origin:
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if not counted(path):
            continue
        headers = {k.lower(): v for k, v in request.get("headers", {}).items()}
        body = _post_data(driver, params["requestId"], request) if request["method"] != "GET" else None
        found.append(Request(request["method"], path, body, headers.get("content-type")))
    return found


def capture_page(browser: Browser, base_url: str, path: str) -> list[Request]:
    """Open ``path`` and return the requests it made until it settled."""
    driver = browser.driver
    _events(driver)  # drain what earlier pages left
    driver.get(base_url + path)
    events: list[dict[str, Any]] = []
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    last_start = time.monotonic()
    while time.monotonic() < deadline:
        fresh = _events(driver)
        if any(e.get("method") == "Network.requestWillBeSent" for e in fresh):
            last_start = time.monotonic()
        events += fresh
        if time.monotonic() - last_start > SETTLE_S and driver.execute_script("return document.readyState") == "complete":
            break
        time.sleep(0.1)
    return _requests_of(driver, events, base_url.rstrip("/"))


def capture(base_url: str, paths: list[str]) -> dict[str, list[Request]]:
    """Each page's arrival requests, every page opened in the same browser (as a returning reader would)."""
    browser = Browser(logging_prefs={"performance": "ALL"})
    try:
        browser.driver.execute_cdp_cmd("Network.enable", {})
        capture_page(browser, base_url, paths[0])  # fill the browser cache, as for a returning reader
        return {path: capture_page(browser, base_url, path) for path in paths}
    finally:
        browser.close()
