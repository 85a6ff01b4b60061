"""Unit tests run with no store, no server and no network: any attempt fails the test at once.

The guard keeps the unit suite fast and honest. A test that needs a store, the Flask client, a
local server or a subprocess belongs in ``tests/integration`` (or ``tests/browser``).
"""

from __future__ import annotations

import socket
import subprocess

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine


class NotAUnitTest(AssertionError):
    """Raised when a unit test reaches for a store, a socket, an HTTP client or a subprocess."""


def _refuse(what: str):
    def refuse(*_args, **_kwargs):
        raise NotAUnitTest(f"a unit test opened {what}; move it to tests/integration")
    return refuse


def _refuse_connect(*_args, **_kwargs):
    raise NotAUnitTest("a unit test connected to a store; move it to tests/integration")


@pytest.fixture(autouse=True)
def _no_store_no_server(monkeypatch: pytest.MonkeyPatch):
    """Fail any store connection, socket connection, Flask test request or subprocess in a unit test."""
    import flask.testing

    monkeypatch.setattr(socket.socket, "connect", _refuse("a network connection"))
    monkeypatch.setattr(subprocess.Popen, "__init__", _refuse("a subprocess"))
    monkeypatch.setattr(flask.testing.FlaskClient, "open", _refuse("an HTTP request"))
    event.listen(Engine, "engine_connect", _refuse_connect)
    yield
    event.remove(Engine, "engine_connect", _refuse_connect)
