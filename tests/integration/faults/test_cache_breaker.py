"""The shared cache fails fast and stays out of the way: Redis refusing, Redis silent, a read-only cache folder.

Each fault opens the cache's circuit breaker after one failed call: the rest are misses answered at
once, the app serves uncached, and the log says so in one line (per worker), never a traceback per call.
"""

from __future__ import annotations

import logging
import time

import pytest
import requests
from flask import Flask
from flask_caching import Cache

from data_access.cache_guard import init_guarded
from tests.support.cache_folders import read_only_folder
from tests.support.fixtures.security import demo_copy_url  # noqa: F401  (fixture)
from tests.support.live import AppProcess, free_port
from tests.support.proxy import TcpProxy

REDIS = ("127.0.0.1", 6379)
PAGES = ("/", "/outcome/treatment", "/compare", "/download/observations.csv?metric=successful_completions_adults")
OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}


def _memoized_calls(config: dict, calls: int = 40) -> tuple[float, Cache]:
    """Seconds for ``calls`` memoized calls on a fresh app whose cache is ``config``."""
    from data_access.cache_guard import redis_options

    cache, server = Cache(), Flask(__name__)
    if config["CACHE_TYPE"] == "RedisCache":
        config = {**config, "CACHE_OPTIONS": {**redis_options(_settings()), **OPTIONS}}
    init_guarded(cache, server, config, retry_seconds=30)

    @cache.memoize()
    def square(x: int) -> int:
        return x * x

    started = time.monotonic()
    with server.app_context():
        assert [square(i % 4) for i in range(calls)] == [(i % 4) ** 2 for i in range(calls)]
        assert cache.get("anything") is None and not cache.set("anything", 1)
    return time.monotonic() - started, cache


def _settings():
    from config import get_settings

    return get_settings()


def _breaker(cache: Cache):
    return next(iter(cache.app.extensions["cache"].values())).breaker


def _opened_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "shared cache unavailable" in r.getMessage()]


def test_redis_refusing_is_skipped_after_one_failure(caplog):
    with caplog.at_level(logging.INFO):
        took, cache = _memoized_calls({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    assert took < 2
    assert _breaker(cache).openings == 1 and len(_opened_lines(caplog)) == 1
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)


def test_redis_silent_is_skipped_after_one_timeout(caplog):
    proxy = TcpProxy(REDIS).open()
    proxy.silence()
    try:
        with caplog.at_level(logging.INFO):
            took, cache = _memoized_calls({"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": f"redis://127.0.0.1:{proxy.port}/0"})
    finally:
        proxy.close()
    assert took < 3  # one call waits out the socket timeout; the rest skip the cache
    assert _breaker(cache).openings == 1 and len(_opened_lines(caplog)) == 1
    assert not any(r.exc_info for r in caplog.records)


@pytest.fixture
def read_only_cache(tmp_path):
    try:
        with read_only_folder(tmp_path / "cache") as folder:
            yield folder
    except OSError as error:
        pytest.skip(str(error))


def test_a_read_only_cache_folder_is_skipped_with_one_line_and_no_traceback(read_only_cache, caplog):
    with caplog.at_level(logging.INFO):
        took, cache = _memoized_calls({"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(read_only_cache)})
    assert _breaker(cache).openings == 1 and len(_opened_lines(caplog)) == 1
    assert not any(r.exc_info for r in caplog.records)
    assert "Read-only file system" in _opened_lines(caplog)[0] or "Permission" in _opened_lines(caplog)[0]


def _serve_through_fault(env: dict, tmp_path, workers: int = 2) -> str:
    """Ask for pages twice over under ``env``; every answer is 200 and quick; returns the app's log."""
    with AppProcess(env, tmp_path / "app.log", workers=workers) as app:
        for _ in range(2):
            for path in PAGES:
                started = time.monotonic()
                response = requests.get(app.url + path, timeout=30)
                assert response.status_code == 200, (path, response.text[:300])
                assert time.monotonic() - started < 10
        return app.log()


def _assert_one_line_per_worker(log: str, workers: int = 2) -> None:
    assert 1 <= log.count("shared cache unavailable") <= workers, log[-3000:]
    assert "Traceback" not in log


def test_pages_serve_with_redis_silent(demo_copy_url, tmp_path):  # noqa: F811
    proxy = TcpProxy(REDIS).open()
    proxy.silence()
    try:
        env = {"DATABASE_URL": demo_copy_url, "CDP_MODE": "public", "CACHE_TYPE": "RedisCache",
               "CACHE_REDIS_URL": f"redis://127.0.0.1:{proxy.port}/0", "CDP_INSTANCE_DIR": str(tmp_path)}
        log = _serve_through_fault(env, tmp_path)
    finally:
        proxy.close()
    _assert_one_line_per_worker(log)


def test_pages_serve_with_a_read_only_cache_folder(demo_copy_url, read_only_cache, tmp_path):  # noqa: F811
    env = {"DATABASE_URL": demo_copy_url, "CDP_MODE": "public", "CACHE_TYPE": "FileSystemCache",
           "CACHE_DIR": str(read_only_cache), "CDP_INSTANCE_DIR": str(tmp_path)}
    _assert_one_line_per_worker(_serve_through_fault(env, tmp_path))
