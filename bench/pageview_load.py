"""Replay captured page views under load: ``wrk`` (or Python threads) for the rate, a probe for page-view latency.

``wrk`` sends the captured requests of every page in turn, page by page, from each of its threads
(its Lua script has no per-connection state, so the connections of a thread share one cycle; the
mix of requests is exactly that of whole page views). Page views per second are then requests per
second divided by the mean number of requests in a page view. Meanwhile a probe, one Python
client, does whole page views one request after another, as a browser would, and times each
page view from its first request's start to its last answer. Without ``wrk`` every client is a
Python thread doing whole page views, and the page views it completes are counted directly.
"""

from __future__ import annotations

import shutil
import threading
import time
from typing import Any

import requests

from bench.dash_client import BROWSER_ENCODING
from bench.load import REQUEST_TIMEOUT_S, WRK_ERROR_KINDS, _lua_string, run_wrk_script
from bench.measure import percentile
from bench.pageview_capture import Request

_WRK_SCRIPT = """
local reqs = {%(requests)s}
local counter = 0
local thread_id = 0
local next_id = 0

setup = function(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

init = function(args)
  counter = thread_id * %(stride)d
end

request = function()
  counter = counter + 1
  return reqs[(counter %% #reqs) + 1]
end
"""


def _headers(request: Request) -> dict[str, str]:
    headers = {"Accept-Encoding": BROWSER_ENCODING}
    if request.content_type:
        headers["Content-Type"] = request.content_type
    return headers


def _lua_request(request: Request) -> str:
    headers = ", ".join(f"[ {_lua_string(k)} ] = {_lua_string(v)}" for k, v in _headers(request).items())
    body = _lua_string(request.body) if request.body is not None else "nil"
    return f"wrk.format({_lua_string(request.method)}, {_lua_string(request.path)}, {{{headers}}}, {body})"


def flatten(views: list[list[Request]]) -> list[Request]:
    return [request for view in views for request in view]


def run_wrk(base_url: str, views: list[list[Request]], *, clients: int, seconds: float, threads: int = 2) -> dict:
    """Requests/s, request latency and errors of ``clients`` connections replaying ``views`` for ``seconds``."""
    sequence = flatten(views)
    script = _WRK_SCRIPT % {"requests": ",\n  ".join(_lua_request(r) for r in sequence),
                            "stride": max(1, len(sequence) // threads)}
    data, samples = run_wrk_script(base_url, script, clients=clients, seconds=seconds, threads=threads)
    duration = data["duration_us"] / 1e6
    kinds = {k: data[k] for k in WRK_ERROR_KINDS}
    return {"client": "wrk", "clients": clients, "seconds": round(duration, 2), "requests": data["requests"],
            "requests_per_s": round(data["requests"] / duration, 1), "errors": sum(kinds.values()),
            "error_kinds": kinds, "request_p50_ms": round(data["p50_us"] / 1000, 1),
            "request_p95_ms": round(data["p95_us"] / 1000, 1), "request_max_ms": round(data["max_us"] / 1000, 1),
            "error_samples": samples}


class Tally:
    """Page-view and request latencies and errors gathered by one or more clients."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.views: list[float] = []
        self.requests: list[float] = []
        self.errors = 0
        self.samples: list[str] = []

    def add(self, view_ms: float | None, request_ms: list[float], errors: list[str]) -> None:
        with self.lock:
            if view_ms is not None:
                self.views.append(view_ms)
            self.requests += request_ms
            self.errors += len(errors)
            self.samples += errors[: max(0, 3 - len(self.samples))]

    def summary(self) -> dict[str, Any]:
        return {"page_views": len(self.views), "requests": len(self.requests), "errors": self.errors,
                "page_view_p50_ms": round(percentile(self.views, 50), 1),
                "page_view_p95_ms": round(percentile(self.views, 95), 1),
                "request_p50_ms": round(percentile(self.requests, 50), 1),
                "request_p95_ms": round(percentile(self.requests, 95), 1), "error_samples": self.samples}


def page_view(session: requests.Session, base_url: str, view: list[Request]) -> tuple[float | None, list[float], list[str]]:
    """Do one page view, request after request; its time (None when a request failed), request times, errors."""
    started = time.perf_counter()
    times, errors = [], []
    for request in view:
        began = time.perf_counter()
        try:
            response = session.request(request.method, base_url + request.path, data=request.body,
                                       headers=_headers(request), timeout=REQUEST_TIMEOUT_S)
            _ = response.content
            if response.status_code >= 400:
                errors.append(f"{response.status_code} {request.path} {response.text[:150]}")
        except requests.RequestException as error:
            errors.append(f"{request.path} {error!r}"[:200])
        times.append((time.perf_counter() - began) * 1000)
    return (None if errors else (time.perf_counter() - started) * 1000), times, errors


def clients_until(base_url: str, views: list[list[Request]], stop_at: float, tally: Tally, offset: int = 0) -> None:
    """One client doing whole page views in turn until ``stop_at`` (``time.perf_counter``)."""
    session = requests.Session()
    position = offset
    while time.perf_counter() < stop_at:
        tally.add(*page_view(session, base_url, views[position % len(views)]))
        position += 1
    session.close()


def run_threads(base_url: str, views: list[list[Request]], *, clients: int, seconds: float) -> dict[str, Any]:
    """Without ``wrk``: ``clients`` Python threads doing whole page views; page views counted directly."""
    tally = Tally()
    stop_at = time.perf_counter() + seconds
    began = time.perf_counter()
    workers = [threading.Thread(target=clients_until, args=(base_url, views, stop_at, tally, i))
               for i in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    summary = tally.summary()
    return {"client": "python-threads", "clients": clients, "seconds": round(elapsed, 2),
            "requests_per_s": round(summary["requests"] / elapsed, 1),
            "page_views_per_s": round(summary["page_views"] / elapsed, 1), **summary}


def run_pageviews(base_url: str, views: list[list[Request]], *, clients: int, seconds: float,
                  client: str = "auto") -> dict[str, Any]:
    """Page views/s, request and page-view latency and errors of ``clients`` readers for ``seconds``."""
    mean_requests = len(flatten(views)) / len(views)
    if not (client == "wrk" or (client == "auto" and shutil.which("wrk"))):
        return {**run_threads(base_url, views, clients=clients, seconds=seconds),
                "requests_per_page_view": round(mean_requests, 2)}
    probe = Tally()
    stop_at = time.perf_counter() + seconds
    thread = threading.Thread(target=clients_until, args=(base_url, views, stop_at, probe))
    thread.start()
    result = run_wrk(base_url, views, clients=clients, seconds=seconds)
    thread.join()
    probed = probe.summary()
    return {**result, "requests_per_page_view": round(mean_requests, 2),
            "page_views_per_s": round(result["requests_per_s"] / mean_requests, 1),
            "page_view_p50_ms": probed["page_view_p50_ms"], "page_view_p95_ms": probed["page_view_p95_ms"],
            "probe_page_views": probed["page_views"], "errors": result["errors"] + probed["errors"],
            "error_samples": result["error_samples"] + probed["error_samples"]}
