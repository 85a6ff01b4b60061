"""The one shared cache for data functions, keyed on the current data release.

FileSystemCache by default so every gunicorn worker on a machine shares it; Redis when
``CACHE_REDIS_URL`` is set. A new release or footprint changes ``release_key()``, so cached answers
for the old data are simply never asked for again. If the cache backend fails (Redis gone, a
read-only cache folder), the backend is skipped for a while and functions run uncached
(``data_access.cache_guard``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from flask import Flask
from flask_caching import Cache

from config import Settings
from data_access.cache_guard import init_guarded, redis_options

cache = Cache()
log = logging.getLogger(__name__)


def cache_config(settings: Settings) -> dict:
    """flask-caching configuration for the settings (Redis, filesystem, or none)."""
    config: dict = {"CACHE_TYPE": settings.cache_type, "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout,
                    "CACHE_KEY_PREFIX": "cdp:"}
    if settings.cache_type == "RedisCache":
        config["CACHE_REDIS_URL"] = settings.cache_redis_url
        config["CACHE_OPTIONS"] = redis_options(settings)
    elif settings.cache_type == "FileSystemCache":
        config["CACHE_DIR"] = settings.cache_dir
        config["CACHE_THRESHOLD"] = 20000
    return config


def init_cache(server: Flask, settings: Settings) -> None:
    init_guarded(cache, server, cache_config(settings), settings.cache_retry_seconds)


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
