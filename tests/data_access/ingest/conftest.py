"""Fixtures for the loader tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from data_access.db import make_engine
from data_access.ingest import load_bytes
from data_access.setup import init_store
from tests.conftest import _new_url
from tests.data_access.ingest.fingertips_server import _fingertips_server, fingertips_api  # noqa: F401


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write ``content`` (text or bytes) to a file in ``tmp_path`` and return its path."""

    def write(content: str | bytes, name: str = "data.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def refusing_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One initialised store per backend shared by a module's refusal tests.

    Safe to share because every test using it asserts that the store's fingerprint did not change;
    initialising a store per case (dozens of them, twice) would dominate the suite's run time.
    """
    urls = _new_url(request.param, tmp_path_factory.mktemp(request.param))
    engine = make_engine(next(urls))
    init_store(engine)
    # An earlier release, so "nothing written" also covers "nothing of the old data touched".
    load_bytes(b"metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note\n"
               b"successful_completions_adults,E92000001,2021/22,21.5,61186,284580,21.3,21.7,\n",
               engine, source="earlier.csv")
    yield engine
    engine.dispose()
    urls.close()
