"""Per-process memory in front of the shared cache, and the release key remembered for one request.

Reading a memoized metric table from the shared cache (a file or Redis) costs a read and an
unpickle of ~2 MB, every call; a map callback asks for several. A small LRU in each worker keeps
recent answers as live objects, keyed by the store's URL and the release key, so it can never
serve another store's or an older release's data: a new release changes the key and old entries
simply age out. It is active exactly when the shared cache is (in the web app, not in the CLI or
plain-function tests), so it changes speed, never answers.

The release key itself is read once per web request in public mode (where the web process cannot
write, so nothing inside the request can change it) instead of once per read function, and at most
once every ``CDP_RELEASE_CHECK_SECONDS`` (1 s) per worker: at hundreds of requests a second that
query was a tenth of a map recolour's cost, and a release reaches readers within a second anyway.

This module is public (unlike the read layer's other internals) because callbacks keep their own
answers in the same memory (``remembered(VIEWS, …)``) and tests and the warmer ask whether it is
active or clear it; everything else about a read stays behind ``data_access.read``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, TypeVar

from flask import g, has_request_context

from config import get_settings
from data_access.cache import cache

T = TypeVar("T")
_MISSING = object()


class ProcessLRU:
    """A thread-safe least-recently-used map with at most ``maxsize`` entries."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is not _MISSING:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


#: Whole metric tables (~2 MB each): one per metric of the catalogue fits.
TABLES = ProcessLRU(maxsize=48)
#: Small answers cut from them (one map's rows, a period list, an area lookup).
ANSWERS = ProcessLRU(maxsize=1024)
#: Whole chart views a page draws (figure, summary, table): up to ~0.5 MB each, so at most ~32 MB.
VIEWS = ProcessLRU(maxsize=64)
#: Finished layout and callback answers as sent (``web.answer_memory``): a few KB each, up to 512 KB.
RESPONSES = ProcessLRU(maxsize=256)


def active() -> bool:
    """True when the shared cache is set up (the same rule ``data_access.cache.memoize`` follows)."""
    return getattr(cache, "app", None) is not None


def remembered(lru: ProcessLRU, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``'s answer for ``key`` from this process's memory, computing it on a miss.

    The key is qualified with the store URL, so tests (or tools) pointing the process at another
    store never see this one's answers. Callers must not mutate what they get; the public read
    functions hand out copies.
    """
    if not active():
        return compute()
    full_key = (get_settings().database_url, *key)
    value = lru.get(full_key)
    if value is _MISSING:
        value = compute()
        lru.put(full_key, value)
    return value


def private(frame: T) -> T:
    """A caller's own copy of a remembered DataFrame (as a fresh unpickle from the shared cache was)."""
    return frame.copy() if active() else frame  # type: ignore[attr-defined]


def today() -> date:
    """Today's date, as part of a key for answers that depend on it (areas valid today)."""
    return date.today()


def per_request(name: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per web request in public mode (read-only store); every call elsewhere."""
    if not has_request_context() or not get_settings().is_public:
        return compute()
    attribute = f"_cdp_{name}"
    value = getattr(g, attribute, _MISSING)
    if value is _MISSING:
        value = compute()
        setattr(g, attribute, value)
    return value


#: (name, store URL) → (when it was computed, the answer), for ``recently``.
_RECENT: dict[tuple[str, str], tuple[float, Any]] = {}
_RECENT_LOCK = threading.Lock()


def recently(name: str, compute: Callable[[], T]) -> T:
    """``compute()`` at most once every ``release_check_seconds`` per process and store, in public mode.

    Only for answers that change when someone loads data from outside the web process (the release
    key): a public worker cannot write, so a reader sees a new release at most that many seconds late.
    """
    settings = get_settings()
    if not settings.is_public or settings.release_check_seconds <= 0:
        return compute()
    key, now = (name, settings.database_url), time.monotonic()
    hit = _RECENT.get(key)
    if hit is not None and now - hit[0] < settings.release_check_seconds:
        return hit[1]
    value = compute()
    with _RECENT_LOCK:
        _RECENT[key] = (now, value)
    return value


def clear() -> None:
    """Forget every remembered answer in this process."""
    TABLES.clear()
    ANSWERS.clear()
    VIEWS.clear()
    RESPONSES.clear()
    _RECENT.clear()
