"""The worker memory settings take effect on glibc (the Debian image and CI) and the hook installs them."""

from __future__ import annotations

import platform
import runpy
import threading
import time

import pytest

from tests.support.paths import PROJECT_ROOT
from web import worker_memory

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt and malloc_trim are glibc's")


@glibc
def test_the_arena_cap_is_accepted_by_glibc() -> None:
    assert worker_memory.limit_arenas() is True


@glibc
def test_freed_memory_is_handed_back() -> None:
    blocks = [bytearray(64 * 1024) for _ in range(2000)]  # ~128 MB in small-ish blocks below the mmap threshold
    del blocks[::2]
    assert isinstance(worker_memory.trim(), bool)


@glibc
def test_the_trimming_thread_runs_in_the_background() -> None:
    calls = []

    class Libc:
        def malloc_trim(self, pad: int) -> int:
            calls.append(pad)
            return 1

    original = worker_memory._libc
    worker_memory._libc = lambda: Libc()
    try:
        thread = worker_memory.start_trimming(every=0.01)
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        worker_memory._libc = original
    assert isinstance(thread, threading.Thread) and thread.daemon and calls == [0] * len(calls) and calls


def test_the_server_settings_install_both_in_every_worker(monkeypatch) -> None:
    done = []
    monkeypatch.setattr(worker_memory, "limit_arenas", lambda: done.append("arenas"))
    monkeypatch.setattr(worker_memory, "start_trimming", lambda: done.append("trim"))
    monkeypatch.setattr("data_access.db.reset_engines", lambda: done.append("engines"))
    settings = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))
    settings["post_fork"](None, None)
    assert done == ["engines", "arenas", "trim"]
