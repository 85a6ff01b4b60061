"""Fixtures for the security tests: writable copies of the demo store, internal releases, mode switching."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from data_access.db import make_engine
from tests.browser.conftest import browser, live_server  # noqa: F401  (fixtures for the CSP browser test)

METRIC = "successful_completions_adults"
PERIOD = "2024/25"
#: Numerator and denominator no published release has: easy to find in a download, and only if visible.
MARKER = (7771, 10000)
AREAS = ("E06000001", "E06000002", "E06000003", "E06000004", "E06000005", "E06000006")


def long_csv(rows: list[tuple[str, str, str, float, int, int]]) -> bytes:
    """A long-layout file: (metric, area_code, period, value, numerator, denominator) per row."""
    lines = ["metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note"]
    lines += [f"{m},{a},{p},{v},{n},{d},,," for m, a, p, v, n, d in rows]
    return ("\n".join(lines) + "\n").encode()


def marker_csv() -> bytes:
    """One UTLA with the marker figures and the rest with small numerators (1-4) that must be suppressed."""
    numerator, denominator = MARKER
    rows = [(METRIC, AREAS[0], PERIOD, round(100 * numerator / denominator, 2), numerator, denominator)]
    rows += [(METRIC, code, PERIOD, round(100 * n / 40, 2), n, 40) for n, code in enumerate(AREAS[1:5], start=1)]
    return long_csv(rows)


def add_internal_release(url: str, content: bytes | None = None) -> int:
    from data_access.ingest import load_bytes

    engine = make_engine(url)
    try:
        return load_bytes(content or marker_csv(), engine, source="local.csv", visibility="internal",
                          loaded_by="test").release_id
    finally:
        engine.dispose()


@pytest.fixture
def demo_copy_url(demo_store_url: str, tmp_path: Path) -> str:
    """A private, writable copy of the session's demonstration store."""
    target = tmp_path / "demo-copy.sqlite3"
    shutil.copyfile(make_url(demo_store_url).database, target)
    return f"sqlite:///{target}"


@pytest.fixture
def app_store(web_env) -> Iterator:
    """``switch(url=…, mode=…, show_demo=…)`` points the in-process app at another store or mode (or shows
    demonstration data beside real data) for one test."""
    import config
    from data_access import db

    with pytest.MonkeyPatch.context() as patch:
        def switch(url: str | None = None, mode: str | None = None, show_demo: bool | None = None) -> None:
            if url is not None:
                patch.setenv("DATABASE_URL", url)
            if mode is not None:
                patch.setenv("CDP_MODE", mode)
            if show_demo is not None:
                patch.setenv("CDP_SHOW_DEMO", "1" if show_demo else "0")
            config.get_settings.cache_clear()
            db.reset_engines()

        yield switch
    config.get_settings.cache_clear()
    db.reset_engines()
