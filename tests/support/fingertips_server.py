"""The pytest fixture that runs the local Fingertips API server (tests/fixtures/fingertips_api) for a module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.fingertips_api import FingertipsAPI, running_server


@pytest.fixture(scope="module")
def _fingertips_server() -> Iterator[FingertipsAPI]:
    with running_server() as api:
        yield api


@pytest.fixture
def fingertips_api(_fingertips_server: FingertipsAPI) -> FingertipsAPI:
    """The running server, answering normally, with an empty request log."""
    _fingertips_server.fail = None
    _fingertips_server.requests.clear()
    return _fingertips_server


def unused_url() -> str:
    """A loopback URL nothing listens on: a port the system handed out and took back."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/"
