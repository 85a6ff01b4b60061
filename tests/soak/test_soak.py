"""Soak: many concurrent clients for minutes against gunicorn on loopback; zero errors and flat memory.

Run on demand (``make soak``; excluded from the default run). ``SOAK_SECONDS`` (default 300) and
``SOAK_CLIENTS`` (default 50) size it; ``SOAK_WORKERS``/``SOAK_THREADS`` size gunicorn (default 2 × 8);
each client pauses a random 0-2 × ``SOAK_THINK`` seconds (default 1) between requests, like a reader.
Clients mix page loads, Dash layout and callback POSTs (page router, banners, the overview's data
callback) and CSV downloads. Memory is the summed RSS of the gunicorn workers, sampled every 2 s:
after a warm-up, the average of the last window must be within 15% of the first window's.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

from tests.support.live import AppProcess, dash_payload, find_dependency, rss_kib

pytestmark = pytest.mark.soak

SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "50"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "2"))
THREADS = int(os.environ.get("SOAK_THREADS", "8"))
THINK = float(os.environ.get("SOAK_THINK", "1.0"))  # mean pause between one client's requests, like a reader
MEMORY_GROWTH_LIMIT = 1.15
PAGES = ["/", "/outcome/treatment", "/outcome/deaths-and-harm", "/outcome/recovery", "/compare", "/partnership",
         "/partnership/E06000001", "/partnership/E08000025", "/about", "/metric/numbers_in_treatment"]
METRICS = ["successful_completions_adults", "numbers_in_treatment", "drug_misuse_deaths", "deaths_in_treatment",
           "drug_related_homicides"]
AREA_TYPES = ["", "partnership", "utla", "region", "country"]


class Tally:
    """Thread-safe counts of outcomes and latencies."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.errors: list[str] = []
        self.latencies: list[float] = []
        self.by_kind: dict[str, list[float]] = {}

    def add(self, kind: str, status: int | str, seconds: float, detail: str = "") -> None:
        with self.lock:
            self.statuses[(kind, status)] += 1
            self.latencies.append(seconds)
            self.by_kind.setdefault(kind, []).append(seconds)
            if not (isinstance(status, int) and status < 400):
                self.errors.append(f"{kind} {status} {detail[:200]}")


def _actions(base: str, dependencies: list[dict]) -> list[tuple[str, float, object]]:
    router = find_dependency(dependencies, "_pages_content.children")
    shell = find_dependency(dependencies, "shell-banners.children")
    home = next((dep for dep in dependencies if "home-outcome-list.children" in dep["output"]), None)

    def page(session: requests.Session):
        return session.get(base + random.choice(PAGES), timeout=60)

    def layout(session: requests.Session):
        return session.get(base + "/_dash-layout", timeout=60)

    def render(session: requests.Session):
        return session.post(base + "/_dash-update-component", json=dash_payload(router, [random.choice(PAGES), ""]),
                            timeout=60)

    def banners(session: requests.Session):
        return session.post(base + "/_dash-update-component", json=dash_payload(shell, [random.choice(PAGES)]),
                            timeout=60)

    def overview(session: requests.Session):
        area = random.choice([None, "E92000001", "E06000001"])
        payload = dash_payload(home, [area] * len(home["inputs"]), [None] * len(home.get("state", [])))
        return session.post(base + "/_dash-update-component", json=payload, timeout=60)

    def download(session: requests.Session):
        params = {"metric": random.choice(METRICS)}
        area_type = random.choice(AREA_TYPES)
        if area_type:
            params["area_type"] = area_type
        return session.get(base + "/download/observations.csv", params=params, timeout=60)

    actions = [("page", 3, page), ("layout", 1, layout), ("render", 3, render), ("banners", 2, banners),
               ("download", 2, download)]
    if home is not None:
        actions.append(("overview", 2, overview))
    return actions


def _client(actions, stop_at: float, tally: Tally) -> None:
    session = requests.Session()
    names, weights, calls = zip(*actions, strict=True)
    while time.monotonic() < stop_at:
        index = random.choices(range(len(names)), weights=weights)[0]
        started = time.monotonic()
        try:
            response = calls[index](session)
            tally.add(names[index], response.status_code, time.monotonic() - started, response.text[:200])
        except requests.RequestException as error:
            tally.add(names[index], type(error).__name__, time.monotonic() - started, str(error))
        time.sleep(random.uniform(0, 2 * THINK))


def _sample_memory(app: AppProcess, stop_at: float, samples: list[tuple[float, int]], start: float) -> None:
    while time.monotonic() < stop_at:
        pids = app.worker_pids()
        samples.append((time.monotonic() - start, sum(rss_kib(pid) for pid in pids)))
        time.sleep(2)


def _window_average(samples: list[tuple[float, int]], start: float, end: float) -> float:
    values = [rss for t, rss in samples if start <= t < end and rss]
    return statistics.fmean(values) if values else 0.0


def test_soak(demo_store_url, tmp_path, capsys):
    store = tmp_path / "store.sqlite3"
    store.write_bytes(Path(demo_store_url.removeprefix("sqlite:///")).read_bytes())
    env = {"DATABASE_URL": f"sqlite:///{store}", "CDP_MODE": "public", "CDP_INSTANCE_DIR": str(tmp_path),
           "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(tmp_path / "cache"), "LOG_LEVEL": "warning"}
    with AppProcess(env, tmp_path / "app.log", workers=WORKERS, threads=THREADS) as app:
        dependencies = requests.get(app.url + "/_dash-dependencies", timeout=30).json()
        actions = _actions(app.url, dependencies)
        tally, samples = Tally(), []
        start = time.monotonic()
        stop_at = start + SECONDS
        threads = [threading.Thread(target=_client, args=(actions, stop_at, tally)) for _ in range(CLIENTS)]
        threads.append(threading.Thread(target=_sample_memory, args=(app, stop_at, samples, start)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        log = app.log()

    warm_up = window = min(60.0, SECONDS * 0.2)
    first = _window_average(samples, warm_up, warm_up + window)
    last = _window_average(samples, SECONDS - window, SECONDS + 1)
    latencies = sorted(tally.latencies)
    summary = {
        "seconds": SECONDS, "clients": CLIENTS, "workers": WORKERS, "threads": THREADS, "requests": len(latencies),
        "requests_per_second": round(len(latencies) / SECONDS, 1), "errors": len(tally.errors),
        "latency_p50_ms": round(1000 * latencies[len(latencies) // 2]),
        "latency_p95_ms": round(1000 * latencies[int(len(latencies) * 0.95)]),
        "latency_p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)]),
        "rss_first_window_mib": round(first / 1024, 1), "rss_last_window_mib": round(last / 1024, 1),
        "by_kind": {f"{kind} {status}": n for (kind, status), n in sorted(tally.statuses.items(), key=str)},
        "p95_ms_by_kind": {kind: round(1000 * sorted(v)[int(len(v) * 0.95)]) for kind, v in tally.by_kind.items()},
    }
    (tmp_path / "soak-report.json").write_text(json.dumps(summary, indent=2))
    with capsys.disabled():
        print("\nsoak:", json.dumps(summary, indent=2))
    assert tally.errors == [], tally.errors[:20]
    assert "Traceback" not in log, log[-3000:]
    assert len(latencies) >= CLIENTS * 2
    assert first > 0 and last <= first * MEMORY_GROWTH_LIMIT, summary
