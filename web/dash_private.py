"""The one place the app uses Dash internals, each because Dash has no public way to do what it needs.

Everything else uses Dash's public API only; ruff's ``banned-api`` rule (``pyproject.toml``) refuses
``dash._…`` imports anywhere but here, and ``tests/integration/web/test_dash_private.py`` pins each use, so a Dash
upgrade that changes one fails loudly in the tests instead of quietly in production.

- ``set_up_server``: Dash sets itself up (scripts, stylesheets, callbacks) during the first request
  it receives, and marks that done before doing it (https://github.com/plotly/dash/issues/3971).
  A threaded worker's other first requests then find no scripts or callbacks registered: after a
  restart, a browser opening a page got a 404 for a component library's script and a blank page.
  Dash offers no public call that finishes the set-up, so servers call its own before taking any
  request (``gunicorn.conf.py``). Drop this once Dash sets up before serving, or under a lock.
- ``run_as_triggered`` (tests only): calling a callback function as if an input had fired, the way
  Dash's testing guide does it, through its private callback context (plotly/dash#2205).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import copy_context
from typing import Any, TypeVar

import dash

T = TypeVar("T")


def set_up_server(app: dash.Dash) -> None:
    """Dash's first-request set-up of ``app``, done now (needs a request context; see the module docstring)."""
    app._setup_server()  # noqa: SLF001 - no public equivalent (plotly/dash#3971)


def run_as_triggered(prop_id: str, function: Callable[..., T], *arguments: Any) -> T:
    """``function(*arguments)`` as Dash calls a callback after ``prop_id`` changed (``dash.ctx.triggered_id``
    set), for tests. Dash's testing guide sets the callback context this way; it has no public call for it
    (https://github.com/plotly/dash/issues/2205)."""
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    def run() -> T:
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop_id, "value": None}]))
        return function(*arguments)

    return copy_context().run(run)
