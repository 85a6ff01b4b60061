"""A circuit breaker for a dependency that can go away: after a failure, skip it for a while.

The store and the shared cache both sit behind one. A dependency that refuses or does not answer
costs every caller its timeout; once one call has failed, the breaker opens and callers skip the
dependency at once (the store: an immediate "unavailable"; the cache: a miss) for ``retry_seconds``.
Then exactly one caller tries it again while the others still skip it; that trial closes the breaker
or opens it for another ``retry_seconds``. Opening is reported once, through ``on_open`` (and closing through ``on_close``).

Written here rather than taken from ``pybreaker`` or ``circuitbreaker``: ``pybreaker`` holds its lock
for the whole guarded call, so every cache read in a worker would queue behind the one before it (and
behind a trial waiting out its timeout); ``circuitbreaker`` lets every concurrent caller through once
the wait is over, so with a silent dependency every thread would wait out the timeout again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class CircuitOpen(Exception):
    """The dependency failed recently and is being skipped."""


class Breaker:
    """Closed (calls go through), open (calls are skipped) or trying (one caller probes the dependency)."""

    def __init__(self, name: str, retry_seconds: float, on_open: Callable[[str, BaseException | str], None],
                 on_close: Callable[[str], None] | None = None) -> None:
        self.name = name
        self.retry_seconds = retry_seconds
        self._on_open = on_open
        self._on_close = on_close
        self._lock = threading.Lock()
        self._open_until: float | None = None  # None: closed
        self._trial: int | None = None  # the thread now probing the dependency
        self._trial_until = 0.0  # a trial that never reports back gives way to another after this
        self.openings = 0

    @property
    def is_open(self) -> bool:
        return self._open_until is not None

    def allow(self) -> bool:
        """Whether this caller may use the dependency now (if open and due, this caller becomes the trial)."""
        if self._open_until is None:
            return True
        with self._lock:
            if self._open_until is None:
                return True
            now = time.monotonic()
            if now >= self._open_until and (self._trial is None or now >= self._trial_until):
                self._trial, self._trial_until = threading.get_ident(), now + 2 * self.retry_seconds + 30
                return True
            return False

    def succeeded(self) -> None:
        """The dependency answered: close the breaker (a no-op while closed, so it costs nothing per call)."""
        if self._open_until is None:
            return
        with self._lock:
            closed = self._open_until is not None and self._trial in (None, threading.get_ident())
            if closed:
                self._open_until, self._trial = None, None
        if closed and self._on_close is not None:
            self._on_close(self.name)

    def failed(self, reason: BaseException | str) -> None:
        """The dependency failed: open (or keep open) for ``retry_seconds``; report a new opening once."""
        with self._lock:
            newly = self._open_until is None
            self._open_until = time.monotonic() + self.retry_seconds
            if self._trial == threading.get_ident():
                self._trial = None
            if newly:
                self.openings += 1
        if newly:
            self._on_open(self.name, reason)

    def reset(self) -> None:
        """Close without a trial (tests, or after reconfiguring the dependency)."""
        with self._lock:
            self._open_until, self._trial = None, None
