"""The store goes silent (a partition or a hung server: sockets open, nothing answered), then answers again.

Requests that need the store get "unavailable" within seconds, ``/ready`` says 503, static files keep
flowing meanwhile, and the app uses the store again by itself when it answers: no restart. The bounds
are generous; they prove there is no half-minute hang, not how fast it is (``bench/faults.py`` measures).
"""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.support.fixtures.faults import through, wait_until
from tests.support.live import AppProcess, dash_payload, find_dependency

DOWNLOAD = "/download/observations.csv?metric=successful_completions_adults&area_type=utla"
ASSET = "/assets/00_bootstrap.min.css"
UNAVAILABLE = "Data temporarily unavailable"


def _timed_get(url: str) -> tuple[int, float]:
    started = time.monotonic()
    response = requests.get(url, timeout=60)
    return response.status_code, time.monotonic() - started


def test_silent_postgres_gives_unavailable_fast_serves_static_files_and_recovers(pg_demo_schema, pg_proxy, tmp_path):
    pg_proxy.open()
    env = {"DATABASE_URL": through(pg_proxy, pg_demo_schema), "CDP_MODE": "public", "CACHE_TYPE": "SimpleCache",
           "CDP_RELEASE_CHECK_SECONDS": "0", "CDP_INSTANCE_DIR": str(tmp_path)}
    with AppProcess(env, tmp_path / "app.log", workers=1, threads=4) as app:
        base = app.url
        assert requests.get(base + "/ready").status_code == 200
        assert requests.get(base + DOWNLOAD).status_code == 200
        shell = find_dependency(requests.get(base + "/_dash-dependencies").json(), "shell-banners.children")

        pg_proxy.silence()
        stop = threading.Event()

        def hammer() -> None:  # store-hungry requests keep arriving throughout the fault
            while not stop.is_set():
                with contextlib.suppress(requests.RequestException):
                    requests.get(base + DOWNLOAD, timeout=60)

        with ThreadPoolExecutor(max_workers=6) as pool:
            for _ in range(6):
                pool.submit(hammer)
            try:
                time.sleep(0.2)
                status, took = _timed_get(base + "/ready")
                assert status == 503 and took < 10, (status, took)
                assets = [_timed_get(f"{base}{ASSET}?n={n}") for n in range(5)]
                assert all(s == 200 for s, _ in assets) and max(t for _, t in assets) < 8, assets
                status, took = _timed_get(base + DOWNLOAD)
                assert status == 503 and took < 10, (status, took)
                banner = requests.post(base + "/_dash-update-component", json=dash_payload(shell, ["/"]), timeout=60)
                assert banner.status_code == 200 and UNAVAILABLE in banner.text
            finally:
                stop.set()

        pg_proxy.resume()  # no restart: the next request that tries the store finds it again
        assert wait_until(lambda: requests.get(base + "/ready").status_code == 200, 20)
        assert requests.get(base + DOWNLOAD).status_code == 200
        banner = requests.post(base + "/_dash-update-component", json=dash_payload(shell, ["/"]), timeout=60)
        assert UNAVAILABLE not in banner.text
        log = app.log()
    assert "store unavailable" in log and "Traceback" not in log
