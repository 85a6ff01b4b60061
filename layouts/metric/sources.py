"""Where a metric's data comes from and how to load it, for its definition page.

Built from the catalogue only: the Fingertips indicators that feed the metric (with how sure each is), narrower published series loaded beside it, candidate ids not yet confirmed, and
for a metric Fingertips does not publish, its real source and the long CSV layout to load it with.
"""

from __future__ import annotations

from typing import Any

from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND

LONG_COLUMNS = "metric, area_code, period, value, numerator, denominator, lower_ci, upper_ci, note"
PERIOD_EXAMPLES = {"financial_year": "2021/22", "academic_year": "2021/22", "calendar_year": "2021",
                   "rolling_3_year": "2019-21", "quarter": "Q4 2021/22"}


def series_of(spec: MetricSpec) -> MetricSpec | None:
    """The framework metric a published series sits beside, or None."""
    parent = spec.extra.get("series_of")
    return get_catalogue().metrics.get(parent) if parent else None


def series_beside(spec: MetricSpec) -> list[MetricSpec]:
    """The narrower published series loaded beside a framework metric."""
    return [m for m in get_catalogue().metrics.values() if m.extra.get("series_of") == spec.id]


def series_sentence(spec: MetricSpec) -> list[Any]:
    """"A narrower published series beside <framework metric>: …" for a series; nothing otherwise."""
    parent = series_of(spec)
    if parent is None:
        return []
    return [html.P(["A narrower published series beside ", html.A(parent.name, href=f"/metric/{parent.id}"),
                    f": it {spec.extra.get('series_difference', 'measures something narrower')}. It is not the "
                    "framework metric and is never added into it."], className="alert alert-info")]


def _related_item(entry: dict[str, Any]) -> html.Li:
    """One related indicator: id, title (said when not confirmed), confidence and how it differs.

    Where the compilers found each id is research evidence (``confirmed``, ``editor_note``) and is not shown;
    for a candidate id, what is not confirmed about it (``unconfirmed``) is."""
    title = str(entry.get("name")) + (" (title not confirmed)" if entry.get("name_confirmed") is False else "")
    text = f"{entry.get('id')}: {title} (confidence: {entry.get('confidence', 'not rated')})"
    parts: list[Any] = [text]
    if entry.get("note"):
        parts.append(f". {str(entry['note'])[:1].upper()}{str(entry['note'])[1:]}")
    if not entry.get("confirmed") and entry.get("unconfirmed"):
        parts.append(f". Not confirmed: {entry['unconfirmed']}")
    series = get_catalogue().metrics.get(entry.get("series") or "")
    if series is not None:
        parts += [". Loaded as its own series: ", html.A(series.name, href=f"/metric/{series.id}")]
    return html.Li(parts)


def fingertips_text(spec: MetricSpec) -> list[Any]:
    """The indicators feeding this metric, then every related indicator with its relation and confirmation."""
    ids = ", ".join(str(i) for i in spec.fingertips_indicator_ids)
    related = spec.extra.get("fingertips_related") or []
    lead = (f"Fed by indicator {ids}." if ids else
            "No Fingertips indicator measures exactly this metric." if related else
            "Fingertips does not publish this metric.")
    if not related:
        return [lead]
    groups = (("Feeds this metric", ("same",)), ("Narrower, loaded as a series of its own", ("narrower",)),
              ("Candidate ids, not confirmed", ("unconfirmed",)), ("Related but different", ("other", None)))
    body: list[Any] = [lead]
    for heading, relations in groups:
        items = [_related_item(r) for r in related if r.get("relation") in relations]
        if items:
            body += [html.Br(), f"{heading}:", html.Ul(items, className="mb-0")]
    return body


def loading_text(spec: MetricSpec) -> list[Any]:
    """How data for this metric gets into the store."""
    if spec.fingertips_indicator_ids:
        flags = " ".join(f"--indicator {i}" for i in spec.fingertips_indicator_ids)
        return [html.Code(f"flask --app app data fingertips {flags}"),
                " pulls it from the Fingertips API; a Fingertips data download loads with ",
                html.Code("flask --app app data load FILE"), "."]
    example = PERIOD_EXAMPLES.get(spec.period_type, "")
    return [f"From its source ({spec.source}), as a long CSV loaded with ",
            html.Code("flask --app app data load FILE"), ": columns ", html.Code(LONG_COLUMNS),
            " (optional breakdown, area_name), with metric ", html.Code(spec.id), " and periods written like ",
            html.Code(example), f" ({spec.period_type.replace('_', ' ')}"
            + (f"; England only, area_code {ENGLAND}" if not spec.is_local else "; one row per authority")
            + ")."]
