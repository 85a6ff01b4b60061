"""Page-view soak: 50 readers opening chart pages at full rate for 5 minutes on 2 gunicorn workers.

Run on demand (``make soak``; the ``soak`` marker keeps it out of ``make test``). The app runs under
gunicorn with the project's settings over a copy of the demonstration store (SQLite, filesystem
cache). First headless Chromium records what a browser requests on arrival at each chart page (the
HTML, the layout, the callback map and every callback the page fires; cached static files left out,
``bench.pageview_capture``); then those page views are replayed with no pause by ``wrk`` (or, where
it is missing, Python threads) while one probe client does whole page views one request after
another and times them (``bench.pageview_load``). Each worker's memory is sampled every 2 s.

Limits: at least ``SOAK_MIN_PAGE_VIEWS`` page views/s (150), page view p95 at most 300 ms, no
errors, no traceback in the log, at most 300 MB resident per worker, and memory flat (the last
minute's average within 15% of the minute after warm-up). ``SOAK_SECONDS`` (300), ``SOAK_CLIENTS``
(50), ``SOAK_WORKERS`` (2) and ``SOAK_THREADS`` (gunicorn's default, 4) size it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import threading
import time
from pathlib import Path

import pytest

from tests.support.live import AppProcess, rss_kib

pytestmark = pytest.mark.soak

SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "50"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "2"))
THREADS = int(os.environ.get("SOAK_THREADS", "4"))
MIN_PAGE_VIEWS_PER_S = float(os.environ.get("SOAK_MIN_PAGE_VIEWS", "150"))
MAX_PAGE_VIEW_P95_MS = 300
MAX_WORKER_RSS_MB = 300
MEMORY_GROWTH_LIMIT = 1.15
WARM_UP_S = 15


def _chart_pages(env: dict[str, str]) -> list[str]:
    """``/``, the outcome pages, compare and one partnership's profile and presentation (``bench.pages``)."""
    from bench.pageview_capture import chart_pages
    from bench.pageviews import discover_pages

    return chart_pages(discover_pages({**os.environ, **env}))


def _sample_memory(app: AppProcess, stop: threading.Event, samples: list[tuple[float, list[int]]]) -> None:
    start = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - start, [rss_kib(pid) for pid in app.worker_pids()]))
        stop.wait(2)


def _window_average(samples: list[tuple[float, list[int]]], start: float, end: float) -> float:
    values = [sum(rss) for t, rss in samples if start <= t < end and rss and all(rss)]
    return statistics.fmean(values) if values else 0.0


def test_page_view_soak(demo_store_url, tmp_path, capsys):
    from bench.pageview_capture import capture
    from bench.pageview_load import run_pageviews

    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.skip("chromium is needed to record the page views")
    store = tmp_path / "store.sqlite3"
    store.write_bytes(Path(demo_store_url.removeprefix("sqlite:///")).read_bytes())
    env = {"DATABASE_URL": f"sqlite:///{store}", "CDP_MODE": "public", "CDP_INSTANCE_DIR": str(tmp_path),
           "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(tmp_path / "cache"), "LOG_LEVEL": "warning"}
    with AppProcess(env, tmp_path / "app.log", workers=WORKERS, threads=THREADS) as app:
        views = capture(app.url, _chart_pages(env))
        empty = [path for path, view in views.items() if not view]
        assert not empty, f"no requests recorded for {empty}"
        mix = list(views.values())
        run_pageviews(app.url, mix, clients=CLIENTS, seconds=WARM_UP_S)  # every worker has answered every page
        samples: list[tuple[float, list[int]]] = []
        stop = threading.Event()
        sampler = threading.Thread(target=_sample_memory, args=(app, stop, samples))
        sampler.start()
        try:
            result = run_pageviews(app.url, mix, clients=CLIENTS, seconds=SECONDS)
        finally:
            stop.set()
            sampler.join()
        log = app.log()

    window = min(60.0, SECONDS * 0.2)
    first = _window_average(samples, window, 2 * window)
    last = _window_average(samples, SECONDS - window, SECONDS + 10)
    peak_mb = max((max(rss) for _, rss in samples if rss), default=0) / 1024
    summary = {**{k: v for k, v in result.items() if k != "error_samples"}, "workers": WORKERS, "threads": THREADS,
               "pages": {path: len(view) for path, view in views.items()},
               "worker_rss_peak_mb": round(peak_mb, 1), "rss_first_window_mb": round(first / 1024, 1),
               "rss_last_window_mb": round(last / 1024, 1), "load_average": os.getloadavg()}
    (tmp_path / "soak-report.json").write_text(json.dumps(summary, indent=2))
    with capsys.disabled():
        print("\nsoak:", json.dumps(summary, indent=2))
    assert result["errors"] == 0, result["error_samples"]
    assert "Traceback" not in log, log[-3000:]
    assert result["page_views_per_s"] >= MIN_PAGE_VIEWS_PER_S, summary
    assert result["page_view_p95_ms"] <= MAX_PAGE_VIEW_P95_MS, summary
    assert 0 < peak_mb <= MAX_WORKER_RSS_MB, summary
    assert first > 0 and last <= first * MEMORY_GROWTH_LIMIT, summary
