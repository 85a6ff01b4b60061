"""What every outcome-page callback does first: check its inputs against the catalogue and the data.

A selection arrives from the address bar or a crafted request as text; these helpers turn it into
a catalogue entry, a period with data and a known area, falling back to the page's defaults and
saying so in a message — never raising. They also give the provenance lines every chart carries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import dash
import pandas as pd
from dash.exceptions import MissingCallbackContextException

from data_access.catalogue import MetricSpec, UnknownMetric, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import authorities, current_release, metric_periods, partnerships, resolve_area
from layouts._shared.views import remembered_view
from layouts.outcome.parts import DEFAULT_LEVEL, default_metric, shown
from presentation import ids
from presentation.catalogue_text import source_text

ENGLAND_AREA = {"code": ENGLAND, "name": "England", "type": "country", "partnership_code": None}
AREA_TYPE_WORDS = {"partnership": "partnership", "utla": "local authority"}


def triggered_id() -> Any:
    """The id of the input that fired the callback; None on the first call and when called as a plain function."""
    try:
        return dash.ctx.triggered_id
    except MissingCallbackContextException:
        return None


def page_slug(page: Any) -> str | None:
    return page.get("slug") if isinstance(page, dict) else None


def page_request(page: Any, key: str) -> str | None:
    """What the page's URL asked for (``period`` or ``area``), before any check."""
    value = page.get(key) if isinstance(page, dict) else None
    return str(value) if value not in (None, "") else None


def metric_spec(metric_id: Any, slug: str | None, messages: list[str]) -> MetricSpec:
    """The catalogue entry of ``metric_id``, or the page's default measure with a message."""
    try:
        return get_catalogue().metric(str(metric_id))
    except UnknownMetric:
        fallback = default_metric(slug)
        messages.append(f"There is no measure “{shown(str(metric_id))}”. Showing {fallback.short_name} instead.")
        return fallback


def checked_choice(value: Any, allowed: Iterable[str], default: str, what: str, messages: list[str]) -> str:
    """``value`` when it is one of ``allowed``, else ``default`` with a message."""
    if value in tuple(allowed):
        return str(value)
    if value not in (None, ""):
        messages.append(f"There is no {what} “{shown(str(value))}”. Showing {default} instead.")
    return default


def checked_period(spec: MetricSpec, period: Any, messages: list[str]) -> str | None:
    """``period`` when the measure has data for it, else its latest period (None when it has no data at all)."""
    periods = metric_periods(spec.id)
    if period in periods:
        return str(period)
    latest = periods[-1] if periods else None
    if period not in (None, ""):
        fallback = f" Showing {latest}, the latest period." if latest else ""
        messages.append(f"There is no data for the period “{shown(str(period))}” for {spec.short_name}.{fallback}")
    return latest


def checked_area(area: Any, messages: list[str]) -> dict:
    """The partnership, local authority or England named by ``area`` (code or name), else England with a message.

    Keys: code, name, type ("partnership" | "utla" | "country"), partnership_code.
    """
    if area in (None, ""):
        return dict(ENGLAND_AREA)
    hit = resolve_area(str(area))
    if hit is not None and hit["type"] in ("partnership", "utla", "country"):
        return hit
    messages.append(f"There is no partnership or local authority “{shown(str(area))}”. Showing England instead.")
    return dict(ENGLAND_AREA)


def map_code(area: dict, level: str) -> str | None:
    """The code to highlight on a map or comparison of ``level``: the area itself, or its partnership."""
    if area["type"] == level:
        return area["code"]
    if level == "partnership" and area["type"] == "utla":
        return area.get("partnership_code")
    return None


def checked_local_view(metric_id: Any, period: Any, level: Any, area: Any, page: Any,
                       messages: list[str]) -> tuple[MetricSpec, str, str | None, str | None] | None:
    """Measure, area level, period and highlighted area code of a chart of areas; None for a national measure."""
    spec = metric_spec(metric_id, page_slug(page), messages)
    if not spec.is_local:
        return None
    level = checked_choice(level, ids.AREA_TYPE_VALUES, DEFAULT_LEVEL, "area level", messages)
    period, chosen = quietly_checked(spec, period, area)
    return spec, level, period, map_code(chosen, level)


def quietly_checked(spec: MetricSpec, period: Any, area: Any) -> tuple[str | None, dict]:
    """The period and area a chart draws, checked without a notice.

    Charts are asked for at once with the picker values the URL gave, unchecked; the pickers' own
    callbacks give the one notice for a period or area that does not exist and move the pickers. A
    moved area asks for the charts again; a moved period does not (``callbacks.picker_gate``), since
    the charts have drawn the same checked period already.
    """
    return checked_period(spec, period, []), checked_area(area, [])


def comparator_codes(area: dict) -> list[str]:
    """[area, its region, England]: a partnership's region is the one most of its members are in."""
    region = None
    if area["type"] == "partnership":
        rows = partnerships()
        region = rows.loc[rows["code"] == area["code"], "region_code"]
    elif area["type"] == "utla":
        rows = authorities(include_abolished=True)
        region = rows.loc[rows["code"] == area["code"], "region_code"]
    codes = [area["code"]]
    if region is not None and not region.empty and not pd.isna(region.iloc[0]):
        codes.append(str(region.iloc[0]))
    return list(dict.fromkeys([*codes, ENGLAND]))


def area_options() -> list[dict[str, str]]:
    """The area picker: England, then partnerships, then local authorities (former ones marked)."""
    options = [{"label": "England", "value": ENGLAND}]
    for row in partnerships().sort_values("name").itertuples():
        options.append({"label": f"{row.name} — partnership", "value": row.code})
    for row in authorities(include_abolished=True).itertuples():
        until = "" if pd.isna(row.valid_to) else f", until {pd.Timestamp(row.valid_to):%B %Y}"
        options.append({"label": f"{row.name} — local authority{until}", "value": row.code})
    return options


def provenance(spec: MetricSpec) -> tuple[str, str, str]:
    """The card's source line, its "Data up to <period> · updated <date>" line, and the shorter footer
    drawn inside the figure (two lines at most, so an exported image keeps its provenance uncut)."""
    return remembered_view(("provenance", spec.id), lambda: _provenance(spec))


def _provenance(spec: MetricSpec) -> tuple[str, str, str]:
    release = current_release() or {}
    demo = bool(release.get("any_demo"))  # any demonstration value shown, not only the newest release's
    beside_real = demo and not release.get("all_demo")
    source = f"Source: {source_text(spec)}"
    periods = metric_periods(spec.id)
    parts = [f"Data up to {periods[-1]}"] if periods else ["No data loaded yet"]
    extracted = release.get("extracted_date")
    if extracted is not None and not pd.isna(extracted):
        day = pd.Timestamp(extracted)
        parts.append(f"updated {day.day} {day:%B %Y}")
    updated = " · ".join(parts)
    if beside_real:
        card_source = source + " — demonstration values generated by this service fill cells with no real figure"
        footer = f"{source} (with demonstration values). {updated}"
    else:
        card_source = source + (" — demonstration values generated by this service, not real figures" if demo else "")
        footer = f"{source}{' (demonstration values)' if demo else ''}. {updated}"
    return card_source, updated, footer


def chart_title(spec: MetricSpec, level: str, period: str | None) -> str:
    """ "Drug misuse deaths by partnership, 2022-24": short enough to stay on one line of a half-width chart."""
    return f"{spec.short_name} by {AREA_TYPE_WORDS[level]}" + (f", {period}" if period else "")


def with_messages(messages: list[str], sentence: str) -> str:
    """A chart summary preceded by any fallback messages, so a reader learns why the view differs."""
    return " ".join([*messages, sentence])


def period_options(spec: MetricSpec) -> list[dict[str, str]]:
    """The period picker's options for ``spec``: periods with data, newest first, the newest marked."""
    periods = metric_periods(spec.id)
    return [{"label": p + (" (latest)" if i == 0 else ""), "value": p} for i, p in enumerate(reversed(periods))]
