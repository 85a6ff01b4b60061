"""Keep a page's selections in the query string so any link reproduces the view.

A page renders its controls from ``layout(**query)``; each change is written back to the address
bar by a clientside callback with ``history.replaceState`` — no page re-render, no server trip.
Parameters that make no sense fall back to defaults and produce a short message for the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from dash import dcc

from presentation import ids


def url_state_id(page: str) -> dict[str, str]:
    return {"type": ids.URL_STATE_TYPE, "page": page}


def url_state_store(page: str, state: Mapping[str, Any]) -> dcc.Store:
    """The store a page's callbacks update with its current selections."""
    return dcc.Store(id=url_state_id(page), data=clean_state(state))


def clean_state(state: Mapping[str, Any]) -> dict[str, str]:
    """Drop empty values so links stay short and stable."""
    return {k: str(v) for k, v in state.items() if v not in (None, "", [], False)}


def query_string(state: Mapping[str, Any]) -> str:
    cleaned = clean_state(state)
    return f"?{urlencode(cleaned)}" if cleaned else ""


def choose(query: Mapping[str, Any], key: str, allowed: Iterable[str], default: str | None,
           messages: list[str], *, label: str | None = None) -> str | None:
    """The query's value for ``key`` when allowed, else ``default`` with a message saying so."""
    raw = query.get(key)
    if raw in (None, ""):
        return default
    value = str(raw).strip()
    options = list(allowed)
    if value in options:
        return value
    shown = value if len(value) <= 40 else value[:37] + "…"
    what = label or key.replace("_", " ")
    fallback = f" Showing {default} instead." if default else ""
    messages.append(f"There is no {what} called “{shown}”.{fallback}")
    return default


def unknown_parameters(query: Mapping[str, Any], known: Iterable[str], messages: list[str]) -> None:
    """Mention parameters the page does not use (they are ignored)."""
    extra = sorted(set(query) - set(known))
    if extra:
        names = ", ".join(f"“{name[:30]}”" for name in extra[:5])
        messages.append(f"Ignored unknown link parameter{'s' if len(extra) > 1 else ''}: {names}.")
