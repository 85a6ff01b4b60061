"""Keep a gunicorn worker's resident memory near what it holds, not what it once allocated.

A worker answers on several threads (gthread). glibc's malloc gives each thread that contends for the
heap an arena of its own, up to eight per core, and memory freed in one arena is not reused by another
nor handed back while anything above it is live. Under steady load the workers' resident size kept
creeping up (about 30 MB over five minutes at 50 clients) with nothing new kept. Two glibc settings
stop that, both through ``mallopt``/``malloc_trim`` since the environment variable
(``MALLOC_ARENA_MAX``) is read once at start-up, before gunicorn's configuration runs:

- at most ``ARENAS`` arenas per worker, so threads share the memory one of them freed;
- every ``TRIM_SECONDS`` a daemon thread calls ``malloc_trim(0)``, which returns free pages inside the
  heap to the system (a walk of the heap, a few milliseconds, off the request path).

Where the C library is not glibc (musl, macOS) neither call exists and nothing is done.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time

log = logging.getLogger(__name__)

#: glibc's ``M_ARENA_MAX`` option number for ``mallopt``.
M_ARENA_MAX = -8
ARENAS = 2
TRIM_SECONDS = 30.0


def _libc() -> ctypes.CDLL | None:
    """The C library's malloc controls, found among the process's own symbols (no ``ldconfig`` run)."""
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    if not hasattr(libc, "mallopt") or not hasattr(libc, "malloc_trim"):
        return None
    return libc


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap malloc's arenas for this process; False where the C library has no such setting."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, arenas))


def trim() -> bool:
    """Hand free heap pages back to the system now; True when some were released."""
    libc = _libc()
    return bool(libc and libc.malloc_trim(0))


def start_trimming(every: float = TRIM_SECONDS) -> threading.Thread | None:
    """Trim every ``every`` seconds on a daemon thread for the life of the worker."""
    libc = _libc()
    if libc is None:
        return None

    def loop() -> None:
        while True:
            time.sleep(every)
            libc.malloc_trim(0)

    thread = threading.Thread(target=loop, name="malloc-trim", daemon=True)
    thread.start()
    log.debug("returning free heap memory every %.0f s", every)
    return thread
