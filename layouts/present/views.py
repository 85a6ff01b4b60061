"""Presentation mode as a view: every slide of a partnership's (or England's) headline measures at once.

The code in the path is resolved (a partnership, an authority → its partnership, or England), each
headline measure's summary and series read from the memoized per-release tables, and the slides
built, once per worker and release for each partnership and opening slide. The page's layout calls
``deck_view``, so the whole deck comes with the page (``layouts/present/page.py``); paging is clientside
(``callbacks.present``), so no callback redraws it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from dash import html

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import baseline_summary, current_release, metric_periods, resolve_area, series
from data_access.read.ambition import england_ambition
from data_access.read.status import status_summary
from layouts._shared.views import remembered_view
from layouts.present.facts import ENGLAND_ONLY, facts
from layouts.present.order import slide_order
from layouts.present.parts import slide, slide_graph
from layouts.present.so_what import so_what
from layouts.present.summary_slide import deck_size, summary_slide
from presentation.catalogue_text import ambitions_line, source_text
from presentation.figures import national_figure, trend_figure
from presentation.figures.ambition import add_ambition
from presentation.figures.projector import footnotes, projector_figure
from presentation.summaries import national_summary, trend_summary

ENGLAND_WORDS = ("england", ENGLAND.lower())
CHART_HEIGHT = 400  # the builders' layout height; on the slide the chart takes the screen's height instead


def choose_area(code: str | None) -> tuple[dict[str, str] | None, str | None]:
    """``{"code", "name", "type"}`` for a partnership or England, or None; plus a note when the code was an
    authority (shown as its partnership) or unknown."""
    text = str(code or "").strip()
    if not text or text.lower() in ENGLAND_WORDS:
        return {"code": ENGLAND, "name": "England", "type": "country"}, None
    hit = resolve_area(text)
    if hit is None or hit["type"] not in ("partnership", "utla") or not hit.get("partnership_code"):
        shown = text if len(text) <= 40 else text[:37] + "…"
        return None, f"There is no partnership called “{shown}”."
    if hit["type"] == "partnership":
        return {"code": hit["code"], "name": hit["name"], "type": "partnership"}, None
    parent = resolve_area(hit["partnership_code"]) or {"name": hit["partnership_code"]}
    note = f"{hit['name']} is part of the {parent['name']} partnership, shown here."
    return {"code": hit["partnership_code"], "name": parent["name"], "type": "partnership"}, note


def present_exists(code: str) -> bool:
    """Whether ``/present/<code>`` names England, a partnership or an authority in one: the server answers 404
    if not, as for the other pages named by a path variable."""
    area, _ = choose_area(code)
    return area is not None


def _source_line(spec: MetricSpec, demo: bool) -> str:
    periods = metric_periods(spec.id)
    text = f"Source: {source_text(spec)}. Data up to {periods[-1] if periods else 'no period published'}."
    return text + (" Demonstration data — not real figures." if demo else "")


def _ambition(spec: MetricSpec) -> str | None:
    outcome = get_catalogue().outcome_of(spec.id)
    return ambitions_line(outcome.ambitions)


def slide_content(spec: MetricSpec, area: dict[str, str]) -> dict[str, Any]:
    """What one slide needs: local or not, the summary, the sentence and the static figure (or None)."""
    local = spec.is_local and area["type"] == "partnership"
    code, level = (area["code"], "partnership") if local else (ENGLAND, "country")
    summary = baseline_summary(spec.id, code, area_type=level)
    rows = series(spec.id, area_codes=[code, ENGLAND] if local else [ENGLAND])
    title = f"{area['name']} and England, by period" if local else "England, by period"
    usable = not rows.empty and rows.loc[rows["area_code"] == code, "value"].notna().any()
    figure = None
    if usable and local:
        figure = trend_figure(rows, spec=spec, selected_code=code, baseline_summary=summary, title=title,
                              height=CHART_HEIGHT)
    elif usable:
        figure = national_figure(rows, spec=spec, baseline_summary=summary, title=title, height=CHART_HEIGHT)
    notes: list[str] = []
    if figure is not None:
        figure = add_ambition(figure, england_ambition(spec.id), spec)
        notes = footnotes(figure)
        # Projector scale: type of 24 px and more, thick lines, the height left to the screen.
        figure = projector_figure(figure)
    if local:
        sentence = trend_summary(spec, area["name"], summary, summary.get("comparison"), summary.get("england_value"),
                                 suppressed=bool(summary.get("suppressed")))
    else:
        sentence = national_summary(spec, summary, ambition_text=_ambition(spec))
    return {"local": local, "summary": summary, "sentence": sentence, "figure": figure, "notes": notes}


def build_slides(area: dict[str, str], current: int) -> tuple[list[html.Section], list[Any]]:
    """Every headline measure as a slide, slide ``current`` (1-based) visible with its chart; and every slide's
    chart (None for a slide without one), for paging to draw when shown. A partnership's own measures come
    first and the England-only ones after, marked as such (``order.slide_order``)."""
    catalogue = get_catalogue()
    demo = bool((current_release() or {}).get("any_demo"))
    partnership = area["type"] == "partnership"
    plans = slide_order(catalogue, partnership=partnership)
    # The status summary's rows carry each measure's judgements and the reason for a missing value; a
    # partnership's deck opens with the summary itself (slide 1), as its profile and board pack do.
    status = status_summary(area["code"])
    rows = {row.spec.id: row for row in status.rows} if status else {}
    summary = status if partnership else None
    first = 0 if summary is None else 1
    count = len(plans) + first
    slides, charts = ([summary_slide(summary, count, current=current - 1)], [None]) if summary else ([], [])
    for index, (outcome, spec, _) in enumerate(plans, start=first):
        content = slide_content(spec, area)
        row = rows[spec.id]
        shown = area["name"] if content["local"] else "England"
        graph = None if content["figure"] is None else slide_graph(content["figure"], spec, shown)
        charts.append(graph)
        slides.append(slide(
            index, count, outcome=outcome, spec=spec, facts=facts(row, area["name"]), local=content["local"],
            so_what=so_what(spec, content["summary"], local=content["local"], reason=row.reason),
            sentence=content["sentence"], notes=content["notes"], source_line=_source_line(spec, demo),
            graph=graph, current=current - 1, scope=ENGLAND_ONLY if partnership and not content["local"] else None))
    return slides, charts


def _slide_from_state(state: Any, count: int) -> int:
    try:
        value = int(str((state or {}).get("slide", 1)))
    except ValueError:
        return 1
    return value if 1 <= value <= count else 1


class Deck(NamedTuple):
    """The presentation page's parts: each is the children (or property) of one component of the page."""

    heading: str
    exit_href: str
    status: Any
    slides: list[Any]
    count: int
    charts: list[Any]


def deck_view(code: Any, state: Any) -> Deck:
    """Path code and the page's URL state (``?slide=``) → heading, exit link, note, the slides and their count."""
    area, note = choose_area(code)
    if area is None:
        status = html.Div([html.P(note, className="mb-1"),
                           html.P(["See the ", html.A("list of all partnerships", href="/partnership"), "."],
                                  className="mb-0")], className="alert alert-warning")
        return Deck("Presentation: partnership not found", "/partnership", status, [], 0, [])
    status = html.Div(note, className="alert alert-info") if note else None
    exit_href = "/" if area["type"] == "country" else f"/partnership/{area['code']}"
    count = deck_size(area["code"])
    current = _slide_from_state(state, count)
    # Twelve figures: built once per worker and release for each partnership and opening slide.
    slides, charts = remembered_view(("present", area["code"], current), lambda: build_slides(area, current))
    return Deck(f"{area['name']}: headline measures", exit_href, status, slides, len(slides), charts)
