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


def _refusing_fixture(name: str):
    @pytest.fixture(name=name, scope="session")
    def refuse():
        raise NotAUnitTest(f"a unit test asked for the {name} fixture; move it to tests/integration")
    return refuse


# Fixtures that open a store or a server, refused here by name: a module- or session-scoped fixture is set up
# before the per-test guard above, so without this a unit test could still read a store through one.
for _name in ("store_url", "store", "demo_store_url", "web_env", "client", "data_cli", "read_store", "geo_store",
              "geo_cache", "app_store", "demo_copy_url", "pg_demo_schema", "pg_proxy", "refusing_store",
              "live_server", "browser", "phone_browser"):
    globals()[f"_refuse_{_name}"] = _refusing_fixture(_name)
