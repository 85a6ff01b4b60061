"""A worker's first requests, arriving together: every script and every callback is there for each.

Dash sets itself up during its first request and marks that done before doing it, so a threaded
worker's other first requests could find no scripts or callbacks registered (a 404 for a component
library's script, a blank page). The app finishes that set-up before a worker takes any request.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from tests.support.fixtures.security import demo_copy_url  # noqa: F401  (fixture)
from tests.support.live import AppProcess

#: Scripts every page needs; the component libraries beyond Dash's own are registered only by the set-up.
SCRIPTS = ("/_dash-component-suites/dash_bootstrap_components/_components/dash_bootstrap_components.min.js",
           "/_dash-component-suites/dash/dcc/dash_core_components.js")


def _ask(url: str) -> tuple[str, int, int]:
    """The address, its status and, for the callback map, how many callbacks it lists (else -1)."""
    response = requests.get(url, timeout=60)
    listed = len(response.json()) if url.endswith("/_dash-dependencies") and response.ok else -1
    return url.rsplit("/", 1)[-1], response.status_code, listed


def test_concurrent_first_requests_to_a_new_worker_all_succeed(demo_copy_url, tmp_path):  # noqa: F811
    env = {"DATABASE_URL": demo_copy_url, "CDP_MODE": "public", "CDP_INSTANCE_DIR": str(tmp_path)}
    app = AppProcess(env, tmp_path / "app.log", workers=1, threads=8)
    app.start(wait_for_health=False)  # nothing has been asked yet: these are the worker's first requests
    try:
        urls = [app.url + path for path in ("/", "/_dash-dependencies", *SCRIPTS * 6, "/_dash-dependencies")]
        with ThreadPoolExecutor(max_workers=len(urls)) as pool:
            answers = list(pool.map(_ask, urls))
    finally:
        app.stop()
    assert [a for a in answers if a[1] != 200] == []
    listed = {count for _, _, count in answers if count >= 0}
    assert len(listed) == 1 and listed.pop() >= 20, answers  # every callback map whole, none empty
