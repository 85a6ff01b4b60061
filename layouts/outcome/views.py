"""The outcome page's views that come with the page: the measure's definition and sections, and the trend.

Each is a plain function of the page's selections (as the layout holds them, or as a callback
receives them): check them (``checks``) → build, once per worker and release
(``remembered_view``) → figure and table builders. The page's layout calls them to send its first
view with the page (``layouts/outcome/page.py``); the callbacks call the same functions when a selection
changes (``show_measure``, ``update_trend``), so the first view and every later one agree.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.geography import ENGLAND
from data_access.read import baseline_summary, series
from data_access.read.ambition import england_ambition
from data_access.read.schedule import next_release
from layouts._shared.views import remembered_view
from layouts.outcome.checks import (
    ENGLAND_AREA,
    checked_area,
    comparator_codes,
    metric_spec,
    page_slug,
    provenance,
    with_messages,
)
from layouts.outcome.parts import ambition_text, definition_block, download_href, national_note, section_class
from layouts.outcome.tables import trend_table
from presentation.blocks import chart_meta_lines
from presentation.figures import message_figure, national_figure, trend_figure
from presentation.figures.ambition import add_ambition
from presentation.formatting import geography_line
from presentation.summaries import national_summary, trend_summary


class MeasureView(NamedTuple):
    """What the page shows about a measure, in the order ``show_measure`` outputs it."""

    definition: list[Any]
    national_note: list[Any]
    map_section_class: str
    compare_section_class: str
    local_controls_class: str


class TrendView(NamedTuple):
    """One area's trend, in the order ``update_trend`` outputs it."""

    figure: Any
    sentence: Any
    table: Any
    meta: list[Any]
    download_href: str


def measure_view(metric_id: Any, page: Any) -> MeasureView:
    """Definition (with the next release as the schedule says today), national-only note, and the classes of
    the map section, the comparison section and the local controls (hidden for a national-only measure)."""
    spec = metric_spec(metric_id, page_slug(page), [])
    visible = section_class(spec.is_local)
    return MeasureView(definition_block(spec, next_release(spec.id)), [] if spec.is_local else national_note(spec),
                       visible, visible, visible)


def trend_view(metric_id: Any, area: Any, page: Any) -> TrendView:
    """The selected area's trend against its baseline (England's for a national measure): figure, summary
    sentence, table, provenance lines and download link."""
    messages: list[str] = []
    spec = metric_spec(metric_id, page_slug(page), messages)
    # Checked without a notice: the area picker gives it (see ``checks.quietly_checked``).
    chosen = checked_area(area, []) if spec.is_local else dict(ENGLAND_AREA)
    view = remembered_view(("trend", spec.id, chosen["code"], chosen["type"]), lambda: build_trend(spec, chosen))
    return view._replace(sentence=with_messages(messages, view.sentence))


def build_trend(spec: MetricSpec, chosen: dict) -> TrendView:
    """Figure, summary sentence, table, provenance lines and download link of one area's trend."""
    source, updated, footer = provenance(spec)
    codes = comparator_codes(chosen) if spec.is_local else [ENGLAND]
    rows = series(spec.id, area_codes=codes)
    summary = baseline_summary(spec.id, chosen["code"], area_type=chosen["type"])
    title = f"{spec.short_name}: {chosen['name']}"
    shown = rows[rows["area_code"] == chosen["code"]]
    meta = chart_meta_lines(source, updated, geography_line(shown) if spec.is_local else None)
    href = download_href(spec.id, areas=codes)  # the chart's lines: the area, its region and England
    if shown.empty:
        text = f"There is no data for {spec.short_name} in {chosen['name']}."
        return TrendView(message_figure(f"No data for {chosen['name']}", title=title), text, None, meta, href)
    if spec.is_local:
        figure = trend_figure(rows, spec=spec, selected_code=chosen["code"], baseline_summary=summary, title=title,
                              source_line=footer)
        sentence = trend_summary(spec, chosen["name"], summary, summary.get("comparison"),
                                 summary.get("england_value"), suppressed=bool(summary.get("suppressed")))
    else:
        ambition = ambition_text(get_catalogue().outcome_of(spec.id))
        figure = national_figure(rows, spec=spec, baseline_summary=summary, ambition_text=ambition, title=title,
                                 source_line=footer)
        sentence = national_summary(spec, summary, ambition_text=ambition)
    figure = add_ambition(figure, england_ambition(spec.id), spec)  # England's trajectory, where one can be drawn
    table = trend_table(rows, spec, chosen["code"], f"{title}, by period (the trend chart as a table)")
    return TrendView(figure, sentence, table, meta, href)
