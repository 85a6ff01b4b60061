"""The one shared cache for data functions, keyed on the current data release.

FileSystemCache by default so every gunicorn worker on a machine shares it; Redis when
``CACHE_REDIS_URL`` is set. A new release or footprint changes ``release_key()``, so cached answers
for the old data are simply never asked for again. If the cache backend fails (Redis gone),
flask-caching logs it and the function runs uncached.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps

from flask import Flask
from flask_caching import Cache

from config import Settings

cache = Cache()
log = logging.getLogger(__name__)


def cache_config(settings: Settings) -> dict:
    """flask-caching configuration for the settings (Redis, filesystem, or none)."""
    config: dict = {"CACHE_TYPE": settings.cache_type, "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout,
                    "CACHE_KEY_PREFIX": "cdp:"}
    if settings.cache_type == "RedisCache":
        config["CACHE_REDIS_URL"] = settings.cache_redis_url
        config["CACHE_OPTIONS"] = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    elif settings.cache_type == "FileSystemCache":
        config["CACHE_DIR"] = settings.cache_dir
        config["CACHE_THRESHOLD"] = 20000
    return config


def init_cache(server: Flask, settings: Settings) -> None:
    cache.init_app(server, config=cache_config(settings))
    server.extensions["cache"][cache] = FailSafeBackend(server.extensions["cache"][cache])


class FailSafeBackend:
    """A cache backend whose failures (Redis unreachable, a full disk) are misses, never exceptions.

    ``memoize`` already falls back on errors, but it logs a traceback for every call, and direct
    ``cache.get``/``cache.set`` calls (the board pack) would raise; behind this wrapper every caller runs
    uncached instead, with one warning line a minute.
    """

    def __init__(self, backend) -> None:
        self._backend = backend
        self._warned_at = float("-inf")

    def __getattr__(self, name: str):
        attribute = getattr(self._backend, name)
        if name.startswith("_") or not callable(attribute):
            return attribute

        @wraps(attribute)
        def guarded(*args, **kwargs):
            try:
                return attribute(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - any backend failure degrades to "not cached"
                self._warn(name, error)
                return [None] * len(args) if name == "get_many" else {} if name == "get_dict" else None

        return guarded

    def _warn(self, operation: str, error: Exception) -> None:
        if time.monotonic() - self._warned_at >= 60:
            self._warned_at = time.monotonic()
            log.warning("cache unavailable (%s in %s: %s); serving uncached", error.__class__.__name__, operation, error)


def memoize(fn: Callable) -> Callable:
    """Memoize ``fn`` in the shared cache; run it directly where no app has set the cache up (CLI, tests)."""
    cached = cache.memoize()(fn)

    @wraps(fn)
    def wrapper(*args, **kwargs):
        if getattr(cache, "app", None) is None:
            return fn(*args, **kwargs)
        return cached(*args, **kwargs)

    wrapper.uncached = fn  # type: ignore[attr-defined]
    return wrapper
