"""The per-worker memory in front of the shared cache: bounded, keyed on the store, and never stale for long."""

from __future__ import annotations

import pytest

import config
from data_access.read import memory


@pytest.fixture
def public(monkeypatch):
    def settings(check_seconds: str, url: str = "sqlite:///one.sqlite3"):
        monkeypatch.setenv("CDP_MODE", "public")
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("CDP_RELEASE_CHECK_SECONDS", check_seconds)
        config.get_settings.cache_clear()
        memory.clear()

    yield settings
    config.get_settings.cache_clear()
    memory.clear()


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def test_lru_keeps_only_the_most_recent_entries():
    lru = memory.ProcessLRU(maxsize=2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1  # a is now the most recent
    lru.put("c", 3)
    assert lru.get("b") is memory._MISSING
    assert (lru.get("a"), lru.get("c"), len(lru)) == (1, 3, 2)


def test_recently_reuses_an_answer_within_the_window(public, monkeypatch):
    public("60")
    clock = iter([100.0, 100.5, 161.0])
    monkeypatch.setattr(memory.time, "monotonic", lambda: next(clock))
    count = Counter()
    assert [memory.recently("key", count) for _ in range(3)] == [1, 1, 2]


def test_recently_asks_every_time_when_the_window_is_zero(public):
    public("0")
    count = Counter()
    assert [memory.recently("key", count) for _ in range(3)] == [1, 2, 3]


def test_recently_keeps_stores_apart(public, monkeypatch):
    public("60", "sqlite:///one.sqlite3")
    assert memory.recently("key", lambda: "one") == "one"
    monkeypatch.setenv("DATABASE_URL", "sqlite:///two.sqlite3")
    config.get_settings.cache_clear()
    assert memory.recently("key", lambda: "two") == "two"


def test_recently_is_off_in_internal_mode(public, monkeypatch):
    public("60")
    monkeypatch.setenv("CDP_MODE", "internal")
    config.get_settings.cache_clear()
    count = Counter()
    assert [memory.recently("key", count) for _ in range(2)] == [1, 2]


def test_a_bad_window_is_refused_at_start(monkeypatch):
    monkeypatch.setenv("CDP_RELEASE_CHECK_SECONDS", "soon")
    config.get_settings.cache_clear()
    try:
        with pytest.raises(ValueError):
            config.get_settings()
    finally:
        config.get_settings.cache_clear()
