"""Benchmark the dashboard end to end: ``python bench/run.py [--quick] [--store …] [--cache …] [--all]``.

For each store + cache combination it builds a fresh demonstration store in a temporary instance
folder (``flask --app app data init``, ``demo``, ``boundaries``), serves the app, a naive full-figure
map app and a one-chart Dash page under gunicorn on 127.0.0.1 (free ports, workers from
``WEB_CONCURRENCY`` or ``--workers``), and measures:

- map recolour latency (median, p95) and bytes per interaction, patched vs naive, over HTTP with the
  request bodies dash-renderer sends;
- first-load bytes per page (HTML, layout, dependencies, page content, JS/CSS; raw and gzip) and
  the boundary layers;
- time to first chart in headless Chromium, cold and warm, per page and for the one-chart page
  (opened before each page with a chart, so the floor is measured throughout);
- throughput with 50 concurrent clients, errors, and worker memory after the load;
- demo build time; with ``--scaling``, throughput with 1, 2 and 4 workers.

Progress goes to stderr. Stdout gets the full JSON report, markdown tables and, as its last line,
a one-line JSON summary (with ``--all``: the worst value of each measure across runs, and each
run's own summary under ``runs``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import browser as browser_timing  # noqa: E402
from bench import measure, pageviews, report  # noqa: E402
from bench.load import run_load  # noqa: E402
from bench.servers import Server, base_env, load_average, memory_mb, start_gunicorn, stop_all  # noqa: E402
from bench.store import Target, build, cleanup, prepare  # noqa: E402

APP, NAIVE_APP, MINIMAL_APP = "app:server", "bench.naive_app:server", "bench.minimal_app:server"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Plan:
    """How much to measure: full runs, or ``--quick`` (under a minute for one store)."""

    def __init__(self, quick: bool, seconds: float | None, clients: int, pages: str | None = None) -> None:
        self.quick = quick
        self.only_pages = [p.strip() for p in pages.split(",") if p.strip()] if pages else None
        self.samples = 12 if quick else 100
        self.naive_samples = 8 if quick else 40
        self.max_metrics = 2 if quick else 10
        self.load_seconds = seconds or (10 if quick else 30)
        self.clients = clients
        self.browser_reps = 1 if quick else 5

    def browser_pages(self, pages: list[str], map_page: str | None) -> list[str]:
        """Every page; quick runs take the outcome page that opens on the measured map."""
        if self.only_pages is not None:
            return [p for p in self.only_pages if p in pages]
        if not self.quick:
            return pages
        outcome = map_page or next((p for p in pages if p.startswith("/outcome/")), None)
        return [p for p in (outcome,) if p in pages]


def _discover_pages(env: dict[str, str]) -> dict[str, Any]:
    output = subprocess.run([sys.executable, "-m", "bench.pages"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    if output.returncode != 0:
        raise RuntimeError(f"page discovery failed:\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def _memory(server: Server) -> dict[str, Any]:
    workers = [{"pid": pid, **memory_mb(pid)} for pid in server.worker_pids()]
    return {"master": {"pid": server.process.pid, **memory_mb(server.process.pid)}, "workers": workers}


def _browser(plan: Plan, app_url: str, minimal_url: str, pages: list[str], map_page: str | None) -> dict[str, Any]:
    """Cold and warm first chart per page and for the one-chart page, measured in turns.

    A full run first opens every page once (so "cold" means a cold browser, not a cold server,
    and pages without any chart are known); a quick run skips that and takes pages that have one.
    The one-chart page is opened before each page with a chart in every round (``first_charts_in_turns``).
    """
    chosen = plan.browser_pages(pages, map_page)
    if plan.quick:
        has_chart = dict.fromkeys(chosen, True)
    else:
        log(f"browser: survey of {len(chosen)} page(s)")
        surveyed = browser_timing.survey([app_url + p for p in chosen] + [minimal_url + "/"])
        has_chart = {p: surveyed[app_url + p] for p in chosen}
    log(f"browser: {len(chosen)} page(s), those with a chart each after the minimal Dash page, cold and warm, "
        f"{plan.browser_reps} round(s)")
    timed = browser_timing.first_charts_in_turns({app_url + p: has_chart[p] for p in chosen}, minimal_url + "/",
                                                 reps=plan.browser_reps)
    return {"pages": {p: timed["pages"][app_url + p] for p in chosen}, "minimal": timed["minimal"],
            "has_chart": has_chart}


def _scaling(target: Target, plan: Plan, logs: Path, bodies: list[str], workers: list[int]) -> list[dict[str, Any]]:
    rows = []
    for count in workers:
        log(f"scaling: {count} worker(s)")
        server = start_gunicorn(f"app-w{count}", APP, target.env, logs, workers=count, ready_path="/health")
        try:
            run_load(server.url, bodies, clients=plan.clients, seconds=3 if plan.quick else 8)  # warm every worker
            result = run_load(server.url, bodies, clients=plan.clients, seconds=plan.load_seconds)
            memory = _memory(server)
        finally:
            server.stop()
        rss = [w["rss_mb"] for w in memory["workers"]]
        rows.append({"workers": count, **{k: result[k] for k in ("throughput_rps", "p50_ms", "p95_ms", "errors",
                                                                 "requests", "client")},
                     "worker_rss_mb": max(rss) if rss else float("nan")})
    return rows


def _collect(futures: dict[str, Any], servers: list[Server]) -> dict[str, Server]:
    """Wait for every server start; keep each one that started (so it is stopped), then raise the first failure."""
    started, failure = {}, None
    for name, future in futures.items():
        try:
            started[name] = future.result()
            servers.append(started[name])
        except Exception as error:  # noqa: BLE001  (re-raised below, after the others are collected)
            failure = failure or error
    if failure is not None:
        raise failure
    return started


def run_target(store: str, cache: str, plan: Plan, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Build, serve and measure one store + cache combination; always stop its servers and drop its data."""
    started = time.perf_counter()
    target = prepare(store, cache, workdir, base_env())
    logs = target.instance / "logs"
    logs.mkdir()
    servers: list[Server] = []
    run: dict[str, Any] = {"store": store, "cache": cache, "notes": target.notes, "load_average_start": load_average()}
    try:
        log(f"{target.name}: building the demonstration store in {target.instance}")
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures: dict[str, Any] = {}
            discovery: dict[str, Any] = {}

            def start_servers() -> None:
                for name, spec in (("app", APP), ("naive", NAIVE_APP), ("minimal", MINIMAL_APP)):
                    futures[name] = pool.submit(start_gunicorn, name, spec, target.env, logs, workers=args.workers,
                                                ready_path="/health" if name == "app" else "/")

            def discover() -> None:
                discovery["future"] = pool.submit(_discover_pages, target.env)

            try:
                if plan.quick:
                    # Quick runs overlap start-up with the build: the servers import while the store is built
                    # (they read it only when asked), and pages are listed once the footprint is in. The demo
                    # build time is then measured on a busier machine; full runs keep the phases apart.
                    start_servers()
                run["build"] = build(target, parallel_boundaries=plan.quick, after_init=discover if plan.quick else None)
                log(f"{target.name}: demo build {run['build']['demo_build_s']} s")
                if not plan.quick:
                    start_servers()
                    discover()
                discovered = discovery["future"].result()
            finally:
                started_servers = _collect(futures, servers)
        app, naive, minimal = started_servers["app"], started_servers["naive"], started_servers["minimal"]
        pages = discovered["pages"]
        run["servers"] = {s.name: {"url": s.url, "workers": len(s.worker_pids()), "start_s": s.started_s}
                          for s in servers}
        run["pages"] = pages

        outcome_paths = [p for p in pages if p.startswith("/outcome/")]
        log(f"{target.name}: map scenario over {len(outcome_paths)} outcome page(s)")
        scenario = measure.build_map_scenario(app.url, outcome_paths, max_metrics=plan.max_metrics)
        patch_samples, kinds = measure.replay(scenario, plan.samples)
        log(f"{target.name}: naive map")
        naive_samples = measure.replay_naive(naive.url, scenario, plan.naive_samples)
        run["map"] = {"patch": {**measure.summarise(patch_samples), "answers": kinds},
                      "naive": measure.summarise(naive_samples), "first_call": scenario.first_call,
                      "interactions": len(scenario.interactions), "metrics": list(scenario.periods)}
        log(f"{target.name}: first-load bytes of {len(pages)} page(s)")
        run["first_load"] = measure.first_load_bytes(app.url, pages)
        run["boundaries"] = measure.boundary_bytes(app.url, scenario.layer_urls)
        if args.no_browser:
            run["browser"] = {"skipped": "--no-browser"}
        else:
            map_page = f"/outcome/{scenario.first_slug}" if scenario.first_slug else None
            try:
                run["browser"] = _browser(plan, app.url, minimal.url, pages, map_page)
            except (ImportError, RuntimeError) as error:  # no selenium (make install-dev) or no Chromium
                log(f"browser timings skipped: {error}")
                run["browser"] = {"skipped": str(error)}
        bodies = measure.callback_bodies(scenario)
        log(f"{target.name}: load, {plan.clients} clients for {plan.load_seconds:.0f} s")
        if not plan.quick:
            run_load(app.url, bodies, clients=plan.clients, seconds=2)  # every worker's process cache warm
        run["load"] = run_load(app.url, bodies, clients=plan.clients, seconds=plan.load_seconds, client=args.client)
        run["memory"] = _memory(app)
        log(f"{target.name}: stopping servers")
        stop_all(servers)
        if args.scaling:
            run["scaling"] = _scaling(target, plan, logs, bodies, [int(w) for w in args.scaling.split(",")])
    finally:
        stop_all(servers)
        cleanup(target)
        if not args.keep:
            shutil.rmtree(target.instance, ignore_errors=True)
    run["load_average_end"] = load_average()
    run["elapsed_s"] = round(time.perf_counter() - started, 1)
    log(f"{target.name}: done in {run['elapsed_s']} s")
    return run


def _environment() -> dict[str, Any]:
    import dash
    import plotly

    chromium = subprocess.run([browser_timing.CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {"python": platform.python_version(), "dash": dash.__version__, "plotly": plotly.__version__,
            "cpus": os.cpu_count(), "platform": platform.platform(), "chromium": chromium,
            "wrk": shutil.which("wrk") is not None, "date": time.strftime("%Y-%m-%d %H:%M:%S %z")}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="Fewer samples, 10 s of load, one browser page (the outcome page opening on the map).")
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cache", choices=["filesystem", "redis"], default="filesystem")
    parser.add_argument("--all", action="store_true", help="Run SQLite + filesystem cache and PostgreSQL + Redis.")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers per server (default: WEB_CONCURRENCY, else gunicorn.conf.py).")
    parser.add_argument("--clients", type=int, default=50, help="Concurrent clients in the load test.")
    parser.add_argument("--seconds", type=float, default=None, help="Load test length (default 30, quick 10).")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto",
                        help="Load generator: wrk when installed (auto), or Python threads.")
    parser.add_argument("--scaling", nargs="?", const="1,2,4", default=None, metavar="1,2,4",
                        help="Also measure throughput with these worker counts.")
    parser.add_argument("--no-browser", action="store_true", help="Skip the Chromium timings.")
    parser.add_argument("--pages", help="Comma-separated page paths to time in Chromium (default: all; quick: one).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary instance folders and logs.")
    parser.add_argument("--pageviews", action="store_true",
                        help="Only the realistic load: page views/s at 50 clients on 2 workers (bench/pageviews.py).")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.pageviews:
        return pageviews.main(args)
    plan = Plan(args.quick, args.seconds, args.clients, args.pages)
    combos = [("sqlite", "filesystem"), ("postgres", "redis")] if args.all else [(args.store, args.cache)]
    workdir = Path(tempfile.mkdtemp(prefix="cdp-bench-"))
    started = time.perf_counter()
    runs = []
    try:
        for store, cache in combos:
            runs.append(run_target(store, cache, plan, args, workdir))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    summaries = [report.summarise_run(run) for run in runs]
    final = report.combine(summaries)
    final["targets_met"] = report.checks(final)
    if len(summaries) > 1:
        final["runs"] = {f"{s['store']}+{s['cache']}": s for s in summaries}
    full = {"environment": _environment(), "quick": args.quick, "elapsed_s": round(time.perf_counter() - started, 1),
            "runs": runs, "summaries": summaries}
    print(json.dumps(full, indent=2, default=str))
    print()
    print(report.targets_table(summaries))
    print()
    print(report.pages_table(runs))
    scaling = report.scaling_table(runs)
    if scaling:
        print()
        print(scaling)
    print()
    print(json.dumps(final, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
