"""Realistic load in page views per second: ``python bench/run.py --pageviews [--quick] [--all]``.

For each store + cache combination: build the demonstration store, serve the app under gunicorn
with the project's settings (2 workers unless ``--workers``), record in headless Chromium what a
browser requests on arrival at each chart page (``bench.pageview_capture``), then replay those
page views with 50 clients (``bench.pageview_load``) while sampling each worker's memory.
Targets: ≥ 150 page views/s, page view p95 ≤ 300 ms, no errors, ≤ 300 MB RSS per worker.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.pageview_capture import Request, capture, chart_pages
from bench.pageview_load import run_pageviews
from bench.servers import ROOT, Server, base_env, load_average, memory_mb, start_gunicorn
from bench.store import Target, build, cleanup, prepare

APP = "app:server"
DEFAULT_WORKERS = 2


def log(message: str) -> None:
    print(f"[pageviews {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def discover_pages(env: dict[str, str]) -> list[str]:
    """The app's pages as ``python -m bench.pages`` lists them for this store."""
    output = subprocess.run([sys.executable, "-m", "bench.pages"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    if output.returncode != 0:
        raise RuntimeError(f"page discovery failed:\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])["pages"]


class MemoryWatch:
    """The largest RSS and PSS each worker reached, sampled every second while the load runs."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.peak: dict[int, dict[str, float]] = {}
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stopped.is_set():
            for pid in self.server.worker_pids():
                now, peak = memory_mb(pid), self.peak.setdefault(pid, {"rss_mb": 0.0, "pss_mb": 0.0})
                for key in peak:
                    if now[key] == now[key]:  # not NaN (the worker may have gone)
                        peak[key] = max(peak[key], now[key])
            self.stopped.wait(1)

    def __enter__(self) -> MemoryWatch:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stopped.set()
        self.thread.join()


def measure(server: Server, views: dict[str, list[Request]], *, clients: int, seconds: float, warm_s: float,
            client: str) -> dict[str, Any]:
    """Warm every worker, then the measured run with the workers' peak memory."""
    mix = [views[path] for path in views]
    run_pageviews(server.url, mix, clients=clients, seconds=warm_s, client=client)
    with MemoryWatch(server) as watch:
        result = run_pageviews(server.url, mix, clients=clients, seconds=seconds, client=client)
    peaks = [{"pid": pid, **peak} for pid, peak in sorted(watch.peak.items())]
    result["worker_memory"] = peaks
    result["worker_rss_mb"] = max((w["rss_mb"] for w in peaks), default=None)
    return result


def run_target(store: str, cache: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Build, serve, capture and load one store + cache combination; always stop the server and drop its data."""
    started = time.perf_counter()
    target: Target = prepare(store, cache, workdir, base_env())
    logs = target.instance / "logs"
    logs.mkdir()
    server = None
    seconds = args.seconds or (15 if args.quick else 60)
    result: dict[str, Any] = {"store": store, "cache": cache, "load_average_start": load_average()}
    try:
        log(f"{target.name}: building the demonstration store")
        build(target, parallel_boundaries=True)
        workers = args.workers or DEFAULT_WORKERS
        server = start_gunicorn("app", APP, target.env, logs, workers=workers, ready_path="/health")
        paths = chart_pages(discover_pages(target.env))
        log(f"{target.name}: recording the arrival requests of {len(paths)} page(s) in Chromium")
        views = capture(server.url, paths)
        result["page_requests"] = {path: [r.to_json() for r in view] for path, view in views.items()}
        log(f"{target.name}: {args.clients} clients for {seconds:.0f} s on {workers} worker(s)")
        result.update(workers=workers, **measure(server, views, clients=args.clients, seconds=seconds,
                                                 warm_s=5 if args.quick else 15, client=args.client))
        if result["errors"]:  # the server's own account of them (the instance folder is removed afterwards)
            result["server_log_tail"] = [line for line in server.log_tail(400).splitlines()
                                         if '" 200 ' not in line][-40:]
    finally:
        if server is not None:
            server.stop()
        cleanup(target)
        if not args.keep:
            shutil.rmtree(target.instance, ignore_errors=True)
    result["load_average_end"] = load_average()
    result["elapsed_s"] = round(time.perf_counter() - started, 1)
    log(f"{target.name}: {result['page_views_per_s']} page views/s, page view p95 {result['page_view_p95_ms']} ms, "
        f"{result['errors']} error(s), worker RSS ≤ {result['worker_rss_mb']} MB")
    return result


def main(args: argparse.Namespace) -> int:
    """Run the page-view load on the chosen combinations; print the JSON, the table, then a summary line."""
    combos = [("sqlite", "filesystem"), ("postgres", "redis")] if args.all else [(args.store, args.cache)]
    workdir = Path(tempfile.mkdtemp(prefix="cdp-bench-pv-"))
    try:
        runs = [run_target(store, cache, args, workdir) for store, cache in combos]
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps({"pageviews": runs}, indent=2, default=str))
    print()
    print(report.pageviews_table(runs))
    print()
    summary = [{k: run.get(k) for k in report.PAGEVIEW_KEYS} | {"targets_met": report.pageview_checks(run)}
               for run in runs]
    print(json.dumps(summary, default=str))
    return 0
