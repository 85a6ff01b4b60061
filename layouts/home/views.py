"""The overview as a view: the chosen area → every outcome card and headline tile.

One round trip builds all tiles (a board meeting should not watch twelve spinners): for each
headline metric one baseline summary and one series, both cut from the memoized per-release metric
tables. An authority resolves to its partnership; anything unknown falls back to England with a
short message, never an error.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import dash
from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import authorities, baseline_summary, current_release, partnerships, resolve_area, series
from data_access.read.schedule import next_release, schedule_key
from data_access.read.status import status_summary
from layouts._shared.links import area_options
from layouts._shared.views import remembered_view
from layouts.home.tiles import TileData, area_summary, outcome_card, outcome_groups, overview_tile
from presentation.blocks.status_summary import status_static


class OverviewView(NamedTuple):
    """The overview callback's outputs, in order: cards, heading, message, picker options and value, URL state."""

    cards: Any
    summary: Any
    message: Any
    options: Any
    value: str
    url_state: dict


def choose_area(requested: str | None) -> tuple[dict[str, Any] | None, html.Div | None]:
    """The partnership to show for ``requested`` (code, name or authority), or None for England, and a message.

    Returns ``({"code", "name", "member_names"}, message)``; the message explains a fallback or
    an authority → partnership switch, and is None otherwise.
    """
    if not requested or str(requested).strip().upper() == ENGLAND:
        return None, None
    shown = str(requested).strip()
    shown = shown if len(shown) <= 40 else shown[:37] + "…"
    hit = resolve_area(requested)
    code = hit.get("partnership_code") if hit else None
    table = partnerships()
    row = table[table["code"] == code] if code else table.iloc[0:0]
    if row.empty:
        if hit and hit["type"] in ("region", "country"):
            text = f"{hit['name']} is a {hit['type']}, not a partnership. Showing England."
        else:
            text = f"There is no partnership or local authority called “{shown}”. Showing England."
        return None, _message(text, "alert-warning")
    record = row.iloc[0]
    area = {"code": str(record["code"]), "name": str(record["name"]),
            "member_names": [n for n in str(record["member_names"] or "").split(";") if n]}
    message = None
    if hit["type"] == "utla" and hit["name"] != area["name"]:
        message = _message(f"{hit['name']} is part of the {area['name']} partnership, shown below.", "alert-info")
    return area, message


def _message(text: str, level: str) -> html.Div:
    return html.Div(text, className=f"alert {level} mb-3")


def tile_data(spec: MetricSpec, area_code: str | None) -> TileData:
    """The partnership's figures for a local metric; England's otherwise (and for national-only metrics)."""
    local = area_code is not None and spec.is_local
    code, level = (area_code, "partnership") if local else (ENGLAND, "country")
    summary = baseline_summary(spec.id, code, area_type=level)
    history = series(spec.id, area_codes=[code])
    history = history[history["area_type"] == level] if not history.empty else history
    return TileData(spec=spec, summary=summary, history=history, national_only=not spec.is_local,
                    next_release=next_release(spec.id))


def overview_cards(area_code: str | None) -> list[Any]:
    """Six outcome cards, strategic then intermediate, each with its headline tiles."""
    catalogue = get_catalogue()
    cards = []
    for outcome in catalogue.outcomes:
        tiles = [overview_tile(tile_data(catalogue.metric(metric_id), area_code), outcome.slug, area_code=area_code)
                 for metric_id in outcome.headline_metric_ids]
        cards.append((outcome, outcome_card(outcome, tiles, area_code=area_code,
                                            n_measures=len(catalogue.outcome_metrics(outcome.id)))))
    return outcome_groups(cards)


def overview_view(value: str | None, state: dict | None) -> OverviewView:
    """Picker value (or, on page load, the URL's ``area``) → cards, heading, message, options, value, URL state.

    The picker starts empty with no options (layouts read no data), so an empty value means "page
    load": take the area from the URL and send the options once; later picks re-use them.
    """
    loading = not value
    requested = (state or {}).get("area") if loading else value
    area, message = choose_area(requested)
    code = area["code"] if area else None
    summary = area_summary(name=area["name"] if area else "England", partnership_code=code,
                           member_names=area["member_names"] if area else [], release=current_release())
    options = area_options(partnerships(), authorities()) if loading else dash.no_update
    # Six cards, twelve tiles with sparklines: built once per worker, release and schedule for each area.
    cards = remembered_view(("overview", code, schedule_key()), lambda: overview_cards(code))
    if code:  # a partnership's status summary leads, as on its profile, slide 1 and page 1 of its pack
        cards = [status_static(status_summary(code)), *cards]
    return OverviewView(cards, summary, message, options, code or ENGLAND, {"area": code} if code else {})
