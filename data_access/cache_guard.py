"""The shared cache fails fast and stays out of the way when Redis or the cache folder is unavailable.

The cache only saves work, so its failures must cost next to nothing. Three things see to that:

- Redis calls are bounded (``CACHE_SOCKET_TIMEOUT``) and never retried: redis-py's default of three
  retries with backoff made each call to an unreachable Redis take seconds.
- Every backend call goes through a circuit breaker (``data_access.breaker``): after one failure the
  cache is skipped (every read a miss, every write dropped) for ``CACHE_RETRY_SECONDS``, then one
  request tries it again. Opening is logged as one line; nothing raises to the caller.
- cachelib's filesystem cache swallows its errors (a read-only folder) and logs a traceback for each;
  inside a guarded call those records are taken as the call's failure instead, so the breaker sees
  them and the log gets one line per opening rather than one traceback per write.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import wraps
from typing import Any

import cachelib
from flask import Flask
from flask_caching import Cache
from flask_caching.backends.base import BaseCache
from redis.backoff import NoBackoff
from redis.retry import Retry
from werkzeug.utils import import_string

from config import Settings
from data_access.breaker import Breaker

log = logging.getLogger("data_access.cache")

_CACHELIB_DIR = os.path.dirname(cachelib.__file__)
_capture = threading.local()


def redis_options(settings: Settings) -> dict[str, Any]:
    """redis-py client options: short socket timeouts and no retries (the breaker decides when to try again)."""
    return {"socket_connect_timeout": settings.cache_socket_timeout, "socket_timeout": settings.cache_socket_timeout,
            "retry": Retry(NoBackoff(), 0)}


def init_guarded(cache: Cache, server: Flask, config: dict[str, Any], retry_seconds: float) -> None:
    """``cache.init_app`` with its backend behind a :class:`GuardedBackend`.

    The guard is installed through flask-caching's documented hook for custom backends: ``CACHE_TYPE``
    names a factory (``guarded_factory``) that builds the configured backend and wraps it. A filesystem
    cache counts its files as it starts, writing to the folder; a read-only folder fails that, and the
    breaker starts open. A folder that cannot even be created leaves the app uncached.
    """
    _install_cachelib_filter()
    _capture.errors = errors = []
    guarded_config = {**config, "CACHE_TYPE": f"{__name__}.guarded_factory", _BACKEND: config["CACHE_TYPE"],
                      _RETRY: retry_seconds}
    try:
        cache.init_app(server, config=guarded_config)
    except OSError as error:
        log.warning("shared cache unavailable (%s: %s); serving uncached", error.__class__.__name__, error)
        cache.init_app(server, config={**guarded_config, _BACKEND: "NullCache"})
    finally:
        _capture.errors = None
    if errors:
        cache.cache.breaker.failed(f"{errors[0]} while starting")


#: Where ``init_guarded`` tells ``guarded_factory`` which backend to build and how long to skip it.
_BACKEND, _RETRY = "CDP_CACHE_BACKEND", "CDP_CACHE_RETRY_SECONDS"


def guarded_factory(app: Flask, config: dict[str, Any], args: list, options: dict[str, Any]) -> GuardedBackend:
    """flask-caching's custom-backend factory: the configured backend (``RedisCache``, ``FileSystemCache`` …),
    built by flask-caching's own factory for it, behind a :class:`GuardedBackend`."""
    name = config[_BACKEND]
    factory = import_string(name if "." in name else f"flask_caching.backends.{name}")
    if isinstance(factory, type) and issubclass(factory, BaseCache):
        factory = factory.factory
    return GuardedBackend(factory(app, config, args, options), config[_RETRY])


class GuardedBackend:
    """A flask-caching backend whose failures are misses, behind a breaker that skips it after one."""

    def __init__(self, backend: Any, retry_seconds: float) -> None:
        self._backend = backend

        def failed(name: str, reason: BaseException | str) -> None:
            log.warning("%s unavailable (%s); serving uncached, trying it again in %g s", name,
                        " ".join(str(reason).split())[:300], retry_seconds)

        self.breaker = Breaker("shared cache", retry_seconds, failed, on_close=_cache_back)
        _install_cachelib_filter()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._backend, name)
        if name.startswith("_") or not callable(attribute):
            return attribute

        @wraps(attribute)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not self.breaker.allow():
                return _miss(name, args)
            _capture.errors = errors = []
            try:
                result = attribute(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - any backend failure degrades to "not cached"
                self.breaker.failed(f"{error.__class__.__name__} in {name}: {error}")
                return _miss(name, args)
            finally:
                _capture.errors = None
            if errors:
                self.breaker.failed(f"{errors[0]} in {name}")
                return _miss(name, args)
            self.breaker.succeeded()
            return result

        return guarded


def _miss(operation: str, args: tuple) -> Any:
    """What a skipped or failed call answers: nothing cached, nothing stored."""
    if operation == "get_many":
        return [None] * len(args)
    if operation == "get_dict":
        return {}
    if operation == "set_many":
        return []
    return None if operation == "get" else False


class _CachelibErrors(logging.Filter):
    """Inside a guarded call, cachelib's logged errors become that call's failure instead of a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        errors = getattr(_capture, "errors", None)
        if errors is None or not record.pathname.startswith(_CACHELIB_DIR):
            return True
        error = record.exc_info[1] if record.exc_info else None
        errors.append(f"{error.__class__.__name__}: {error}" if error is not None else record.getMessage())
        return False


_FILTER = _CachelibErrors()


def _install_cachelib_filter() -> None:
    """cachelib logs through the root logger (``logging.warning``); the filter sits there, once."""
    root = logging.getLogger()
    if _FILTER not in root.filters:
        root.addFilter(_FILTER)


def _cache_back(name: str) -> None:
    log.info("%s available again", name)
