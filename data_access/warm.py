"""Fill the shared cache for the current release, so the first visitor after a data load waits for nothing.

Every page reads metric tables that are memoized in the shared cache (filesystem or Redis) under
the current ``release_key()``. A load changes that key, so until each table is rebuilt the first
request for it pays the full build (pooling, intervals, suppression: a few hundred milliseconds
per metric). ``warm_cache()`` builds them all once, right after the load, in the loading process.
It only helps when it writes to the cache the web servers read: run it where the app's cache is
set up (the ``flask --app app data …`` commands are).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from data_access.catalogue import get_catalogue
from data_access.read import metric_periods, metric_table, partnerships, release_key
from data_access.read.footprints import footprint_versions, partnership_sources
from data_access.read.memory import active

log = logging.getLogger(__name__)


def warm_cache(echo: Callable[[str], None] | None = None) -> dict:
    """Compute and cache every metric table (and the geography) of the current release.

    Returns ``{"release_key", "metrics", "seconds", "failed"}``; a metric that fails to build is
    logged and listed, never raised, so a load is not undone by a cache problem. Without a shared
    cache (no app set up) nothing can be kept, so nothing is computed (``metrics`` is 0). ``echo``
    (e.g. ``click.echo``) gets a one-line summary.
    """
    if not active():
        log.info("cache warming skipped: no shared cache is set up in this process")
        result: dict = {"release_key": None, "metrics": 0, "seconds": 0.0, "failed": []}
        message = "Cache not warmed: no shared cache is set up in this process."
    else:
        try:
            result = _warm()
        except Exception as error:  # noqa: BLE001  (the data is loaded; a cold cache only costs speed)
            log.exception("cache warming failed")
            result = {"release_key": None, "metrics": 0, "seconds": 0.0, "failed": ["*"], "error": str(error)}
            message = f"Cache not warmed ({error.__class__.__name__}); pages will build their tables on first use."
        else:
            failed = f"; failed: {', '.join(result['failed'])}" if result["failed"] else ""
            message = (f"Cache warmed for {result['release_key']}: {result['metrics']} metric tables in "
                       f"{result['seconds']:.1f} s{failed}.")
    if echo is not None:
        echo(message)
    return result


def _warm() -> dict:
    started = time.perf_counter()
    key = release_key()
    partnerships()
    footprint_versions()
    partnership_sources()
    warmed, failed = 0, []
    for metric_id in get_catalogue().metrics:
        try:
            metric_table(metric_id)
            metric_periods(metric_id)
            warmed += 1
        except Exception:  # noqa: BLE001  (one bad metric must not stop the others being warmed)
            log.exception("cache warming: metric %s failed", metric_id)
            failed.append(metric_id)
    seconds = round(time.perf_counter() - started, 2)
    log.info("cache warmed for %s: %d metrics in %.2f s", key, warmed, seconds)
    return {"release_key": key, "metrics": warmed, "seconds": seconds, "failed": failed}
