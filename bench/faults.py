"""Fault table: how the site behaves while its store or its shared cache is away, and how fast it comes back.

Builds the demonstration store in a new PostgreSQL database, serves it under gunicorn (the project's
``gunicorn.conf.py``) with the Redis cache, and for each fault measures what a visitor and a load
balancer see:

- PostgreSQL refused and silent (a loopback proxy in front of the server is closed, or keeps its
  sockets open and forwards nothing): time until ``/ready`` answers 503 and until the banner says
  "temporarily unavailable", requests/s and static-file latency during the fault, time until ``/ready``
  is 200 again once the store answers;
- Redis refused (nothing listening) and silent (a proxy forwarding nothing), and a read-only cache
  folder (FileSystemCache), each there from the start: requests/s from a cold start against the
  healthy and the uncached figures, p95 latency, and the log's breaker lines ("… unavailable ("), all
  "unavailable" lines and tracebacks. (Pages and callbacks also keep answers in each worker's memory,
  so the shared cache matters most when that memory is cold.)

    python bench/faults.py [--seconds 15] [--clients 8] [--workers 2] [--only healthy uncached read-only]

Prints one table and, last, a JSON line. Only processes and databases it started are touched.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import percentile  # noqa: E402
from bench.servers import base_env, free_port, start_gunicorn  # noqa: E402
from bench.store import _finish, _flask, cleanup, prepare  # noqa: E402
from tests.support.cache_folders import read_only_folder  # noqa: E402
from tests.support.live import dash_payload, find_dependency  # noqa: E402
from tests.support.proxy import TcpProxy  # noqa: E402

PAGES = ("/", "/outcome/treatment", "/compare", "/partnership/E06000001",
         "/download/observations.csv?metric=successful_completions_adults&area_type=utla")
ASSET = "/assets/00_bootstrap.min.css"
UNAVAILABLE = "temporarily unavailable"


def load(base: str, seconds: float, clients: int) -> dict:
    """``clients`` threads cycling through the pages for ``seconds``; every answer counts, whatever its status."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(index: int) -> None:
        session, position = requests.Session(), index
        while time.monotonic() < stop_at:
            started = time.monotonic()
            try:
                status = session.get(base + PAGES[position % len(PAGES)], timeout=60).status_code
            except requests.RequestException:
                status = 0
            with lock:
                latencies.append(time.monotonic() - started)
                statuses[status] = statuses.get(status, 0) + 1
            position += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    [t.start() for t in threads]
    assets = []
    while time.monotonic() < stop_at:  # a visitor's static file, asked for throughout
        started = time.monotonic()
        requests.get(f"{base}{ASSET}?n={len(assets)}", timeout=60)
        assets.append(time.monotonic() - started)
        time.sleep(0.5)
    [t.join() for t in threads]
    elapsed = time.monotonic() - began
    return {"rps": round(len(latencies) / elapsed, 1), "p95_s": round(percentile(latencies, 95), 2),
            "statuses": statuses, "static_max_s": round(max(assets), 2) if assets else None}


def until(check: Callable[[], bool], limit: float = 60) -> float | None:
    """Seconds until ``check()`` is true (polled every 0.1 s), or None after ``limit``."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        with contextlib.suppress(requests.RequestException):
            if check():
                return round(time.monotonic() - started, 2)
        time.sleep(0.1)
    return None


@contextlib.contextmanager
def serving(name: str, env: dict, workdir: Path, workers: int, *, warm: bool = True) -> Iterator:
    server = start_gunicorn(name, "app:server", {**env, "GUNICORN_ACCESS_LOG": "/dev/null"}, workdir,
                            workers=workers, ready_path="/health")
    try:
        for path in PAGES if warm else ():  # fill the cache and every worker's memory
            for _ in range(workers * 2):
                requests.get(server.url + path, timeout=120)
        yield server
    finally:
        server.stop()


def timed_together(checks: dict[str, Callable[[], bool]]) -> dict:
    """Seconds until each check first holds, all polled at once from now."""
    found: dict = {}
    threads = [threading.Thread(target=lambda k=k, c=c: found.__setitem__(k, until(c))) for k, c in checks.items()]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return found


def log_counts(server, phrase: str) -> dict:
    """Lines saying the breaker opened (``phrase``), all warning lines, and tracebacks in the server's log."""
    text = server.log_path.read_text(errors="replace")
    return {"breaker_lines": text.count(phrase), "log_lines": text.count("unavailable"),
            "tracebacks": text.count("Traceback")}


def store_fault(kind: str, env: dict, pg_port: int, args, workdir: Path) -> dict:
    proxy = TcpProxy(("127.0.0.1", pg_port)).open()
    env = {**env, "DATABASE_URL": env["DATABASE_URL"].replace(f":{pg_port}/", f":{proxy.port}/")}
    try:
        with serving(f"pg-{kind}", env, workdir, args.workers) as server:
            base = server.url
            shell = find_dependency(requests.get(base + "/_dash-dependencies").json(), "shell-banners.children")
            banner = lambda: requests.post(base + "/_dash-update-component",  # noqa: E731
                                           json=dash_payload(shell, ["/"]), timeout=60).text
            if kind == "silent":
                proxy.silence()
            else:
                proxy.close()
            row = {"fault": f"PostgreSQL {kind}"}
            row.update(timed_together({
                "ready_503_s": lambda: requests.get(base + "/ready", timeout=60).status_code == 503,
                "banner_s": lambda: UNAVAILABLE in banner()}))
            row.update(load(base, args.seconds, args.clients))
            if kind == "silent":
                proxy.resume()
            else:
                proxy.open()
            row["recover_s"] = until(lambda: requests.get(base + "/ready", timeout=60).status_code == 200)
            row.update(log_counts(server, "store unavailable ("))
            return row
    finally:
        proxy.close()


def cache_fault(kind: str, env: dict, args, workdir: Path) -> dict:
    row = {"fault": kind}
    with contextlib.ExitStack() as stack:
        if kind == "Redis refused":
            env = {**env, "CACHE_REDIS_URL": f"redis://127.0.0.1:{free_port()}/13"}
        elif kind == "Redis silent":
            proxy = stack.enter_context(contextlib.closing(TcpProxy(("127.0.0.1", 6379)).open()))
            proxy.silence()
            env = {**env, "CACHE_REDIS_URL": f"redis://127.0.0.1:{proxy.port}/13"}
        elif kind == "read-only cache folder":
            folder = stack.enter_context(read_only_folder(workdir / "ro-cache"))
            env = {**env, "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(folder)}
        elif kind == "uncached":
            env = {**env, "CACHE_TYPE": "NullCache"}
        # Cold: the fault is there from the start, so the load fills (or fails to fill) the cache.
        server = stack.enter_context(serving(kind.replace(" ", "-"), env, workdir, args.workers, warm=False))
        row.update(load(server.url, args.seconds, args.clients))
        row.update(log_counts(server, "shared cache unavailable ("))
    return row


def print_table(rows: list[dict]) -> None:
    columns = ("fault", "ready_503_s", "banner_s", "rps", "p95_s", "static_max_s", "recover_s", "breaker_lines",
               "log_lines", "tracebacks")
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row.get(c, "—")) for c in columns))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15, help="load time per scenario")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--only", nargs="*", metavar="FAULT", help="run only faults whose name contains one of these")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="cdp-faults-"))
    target = prepare("postgres", "redis", workdir, base_env())
    rows: list[dict] = []
    try:
        for command in ("init", "demo"):
            _finish(_flask(target, command), command)
        env = {**target.env, "CDP_STORE_RETRY_SECONDS": "1"}
        pg_port = 5432
        wanted = lambda name: not args.only or any(w.lower() in name.lower() for w in args.only)  # noqa: E731
        for kind in ("healthy", "uncached", "Redis refused", "Redis silent", "read-only cache folder"):
            if wanted(kind):
                rows.append(cache_fault(kind, env, args, workdir))
        for kind in ("refused", "silent"):
            if wanted(f"PostgreSQL {kind}"):
                rows.append(store_fault(kind, env, pg_port, args, workdir))
    finally:
        cleanup(target)
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows)
    print(json.dumps({"clients": args.clients, "workers": args.workers, "seconds": args.seconds, "rows": rows}))


if __name__ == "__main__":
    main()
