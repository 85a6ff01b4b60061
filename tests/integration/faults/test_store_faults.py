"""The store goes away (at start or mid-run) and comes back: friendly state, 503 not ready, recovery by itself.

PostgreSQL is reached through a TCP proxy the test closes and reopens; the real server is never touched.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import requests
from sqlalchemy.engine import make_url

from tests.support.fixtures.faults import through, wait_until
from tests.support.live import AppProcess, dash_payload, find_dependency, free_port
from tests.support.paths import PROJECT_ROOT

DOWNLOAD = "/download/observations.csv?metric=successful_completions_adults&area_type=utla"
UNAVAILABLE = "Data temporarily unavailable"


def _dependencies(get) -> list[dict]:
    return json.loads(get("/_dash-dependencies"))


def test_store_lost_mid_run_then_back(client, app_store, pg_demo_schema, pg_proxy, monkeypatch):
    # A public worker trusts its release key for up to CDP_RELEASE_CHECK_SECONDS and may answer from
    # cache that long after the store goes; with no window the very next request sees the loss.
    monkeypatch.setenv("CDP_RELEASE_CHECK_SECONDS", "0")
    pg_proxy.open()
    app_store(url=through(pg_proxy, pg_demo_schema), mode="public")
    assert client.get("/ready").status_code == 200
    assert client.get(DOWNLOAD).status_code == 200
    dependencies = _dependencies(lambda path: client.get(path).data)
    shell = find_dependency(dependencies, "shell-banners.children")
    router = find_dependency(dependencies, "_pages_content.children")

    pg_proxy.close()
    started = time.monotonic()
    ready = client.get("/ready")
    assert ready.status_code == 503 and ready.get_json()["status"] == "not ready"
    assert time.monotonic() - started < 10
    assert client.get("/").status_code == 200  # the page itself still loads
    download = client.get(DOWNLOAD)
    assert download.status_code == 503 and "temporarily unavailable" in download.get_data(as_text=True)
    banner = client.post("/_dash-update-component", json=dash_payload(shell, ["/"]))
    assert banner.status_code == 200 and UNAVAILABLE in banner.get_data(as_text=True)
    for path in ("/", "/outcome/treatment", "/compare", "/partnership/E06000001"):
        page = client.post("/_dash-update-component", json=dash_payload(router, [path, ""]))
        assert page.status_code in (200, 204) and "Traceback" not in page.get_data(as_text=True)

    pg_proxy.open()  # the store is back: no restart, the pool's pre-ping replaces the dead connections
    assert wait_until(lambda: client.get("/ready").status_code == 200)
    assert client.get(DOWNLOAD).status_code == 200
    assert UNAVAILABLE not in client.post("/_dash-update-component", json=dash_payload(shell, ["/"])).get_data(
        as_text=True)


def test_store_missing_at_start_then_appears(pg_demo_schema, pg_proxy, tmp_path):
    env = {"DATABASE_URL": through(pg_proxy, pg_demo_schema), "CDP_MODE": "public", "CACHE_TYPE": "SimpleCache",
           "CDP_INSTANCE_DIR": str(tmp_path)}
    with AppProcess(env, tmp_path / "app.log", workers=2) as app:  # starts although the store is away
        base = app.url
        assert requests.get(base + "/").status_code == 200
        assert requests.get(base + "/ready").status_code == 503
        shell = find_dependency(requests.get(base + "/_dash-dependencies").json(), "shell-banners.children")
        banner = requests.post(base + "/_dash-update-component", json=dash_payload(shell, ["/"]))
        assert banner.status_code == 200 and UNAVAILABLE in banner.text
        assert requests.get(base + DOWNLOAD).status_code == 503

        pg_proxy.open()
        assert wait_until(lambda: all(requests.get(base + "/ready").status_code == 200 for _ in range(4)))
        assert requests.get(base + DOWNLOAD).status_code == 200
        assert "store not ready" in app.log()  # the outage was logged, once per probe, without a traceback
        assert "Traceback" not in app.log()


def test_sqlite_store_file_missing_then_restored(client, app_store, demo_store_url, tmp_path):
    path = tmp_path / "later.sqlite3"
    app_store(url=f"sqlite:///{path}", mode="public")
    assert client.get("/ready").status_code == 503
    assert client.get(DOWNLOAD).status_code == 503
    path.write_bytes(Path(make_url(demo_store_url).database).read_bytes())
    assert wait_until(lambda: client.get("/ready").status_code == 200, 5)
    assert client.get(DOWNLOAD).status_code == 200


def test_read_only_sqlite_engine_survives_many_threads(demo_store_url):
    """More threads than a SingletonThreadPool keeps once crashed the process (segfault): never again."""
    script = f"""
import threading
from sqlalchemy import text
from data_access.db import make_engine
engine = make_engine({demo_store_url!r}, read_only=True)
errors = []
def work():
    try:
        for _ in range(40):
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM observation")).scalar()
    except Exception as error:
        errors.append(error)
threads = [threading.Thread(target=work) for _ in range(24)]
[t.start() for t in threads]
[t.join() for t in threads]
assert not errors, errors
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, timeout=300,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_app_starts_with_no_store_at_all(tmp_path):
    """A closed port (nothing listening) at start: the app serves, says not ready, and never crashes."""
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nothing"
    env = {"DATABASE_URL": url, "CDP_MODE": "public", "CACHE_TYPE": "SimpleCache", "CDP_INSTANCE_DIR": str(tmp_path)}
    with AppProcess(env, tmp_path / "app.log") as app:
        assert requests.get(app.url + "/").status_code == 200
        assert requests.get(app.url + "/_dash-layout").status_code == 200
        assert requests.get(app.url + "/ready").status_code == 503
        assert requests.get(app.url + DOWNLOAD).status_code == 503
