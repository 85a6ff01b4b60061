"""Links, the area picker and its options, shared by the overview and partnership pages.

One place builds the address of an outcome page, a partnership profile and the options of the area
picker, so every link that carries an area spells it the same way (``?area=<partnership code>``)
and the outcome pages can rely on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
from dash import html

from data_access.geography import ENGLAND
from layouts._shared.area_search import HINT, area_search

ENGLAND_OPTION = {"label": "England (all partnerships)", "value": ENGLAND}


def outcome_href(slug: str, *, area: str | None = None, metric: str | None = None) -> str:
    """``/outcome/<slug>?metric=<id>&area=<code>`` (England, the default, is left out of the link)."""
    query = {key: value for key, value in (("metric", metric), ("area", area)) if value and value != ENGLAND}
    return f"/outcome/{slug}" + (f"?{urlencode(query)}" if query else "")


def partnership_href(code: str) -> str:
    """The profile page of partnership ``code``."""
    return f"/partnership/{quote(code, safe='')}"


def area_options(partnerships: pd.DataFrame, authorities: pd.DataFrame) -> list[dict[str, str]]:
    """England, every partnership by name, then every authority as "Bolton (Greater Manchester partnership)".

    An authority that is the only member of a partnership of the same name is left out: the
    partnership option already finds it, and a second identical-looking entry would only confuse.
    """
    options = [dict(ENGLAND_OPTION)]
    for row in partnerships.sort_values("name").itertuples(index=False):
        options.append({"label": str(row.name), "value": str(row.code)})
    for row in authorities.sort_values("name").itertuples(index=False):
        if pd.isna(row.partnership_code) or row.name == row.partnership_name:
            continue
        options.append({"label": f"{row.name} ({row.partnership_name} partnership)", "value": str(row.code)})
    return options


def _date(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def release_line(release: Mapping[str, Any] | None) -> str:
    """ "Data release: <source>, published by <publisher>, on 1 May 2024, extracted 22 November 2026." """
    if not release:
        return "Data release: no data has been loaded yet."
    text = f"Data release: {release.get('source') or 'unnamed source'}"
    publisher = release.get("publisher")
    if publisher:
        text += f", published by {publisher}"
    published, extracted = _date(release.get("published_date")), _date(release.get("extracted_date"))
    if published:
        text += f", on {published}" if publisher else f", published {published}"
    if extracted:
        text += f", extracted {extracted}"
    return text + "."


def area_picker(component_id: str, search_id: str, list_id: str, label: str, *,
                placeholder: str = "Type an area name", options: list[dict[str, str]] | None = None) -> html.Div:
    """A labelled area search (``layouts._shared.area_search``); ``options`` come from the page's view
    (or arrive by its callback), and the chosen code is the ``value`` of ``component_id``."""
    return html.Div([
        html.Label(label, htmlFor=search_id, className="form-label fw-bold"),
        html.P(HINT, className="text-secondary mb-1"),
        *area_search(component_id, search_id, list_id, options=options, placeholder=placeholder),
    ], className="mb-3", style={"maxWidth": "36rem"})
