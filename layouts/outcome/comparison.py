"""The outcome page's comparison of areas as a view: measure, period, level, area → chart, sentence, table.

Every partnership (or authority) ranked with its interval against England, the selected one
highlighted. A national-only measure has no areas to compare, so its view is None and the section
stays hidden. Built once per worker and release for each checked selection (``remembered_view``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd

from data_access.catalogue import MetricSpec
from data_access.read import area_values
from layouts._shared.views import remembered_view
from layouts.outcome.checks import chart_title, checked_local_view, provenance, with_messages
from layouts.outcome.parts import download_href
from layouts.outcome.tables import area_table
from presentation.blocks import chart_meta_lines
from presentation.figures import compare_figure
from presentation.formatting import geography_line
from presentation.summaries import compare_summary


class ComparisonView(NamedTuple):
    """The comparison chart's figure, summary sentence, table, provenance lines and download link."""

    figure: Any
    sentence: str
    table: Any
    meta: Any
    href: str


def comparison_view(metric_id: Any, period: Any, level: Any, area: Any, page: Any) -> ComparisonView | None:
    """The checked selection's comparison of areas, any fallback messages first; None for a national-only measure."""
    messages: list[str] = []
    checked = checked_local_view(metric_id, period, level, area, page, messages)
    if checked is None:
        return None
    spec, level, period, selected = checked
    view = remembered_view(("compare", spec.id, level, period, selected),
                           lambda: build_comparison(spec, level, period, selected))
    return view._replace(sentence=with_messages(messages, view.sentence))


def _england_value(values: pd.DataFrame) -> float | None:
    known = values["england_value"].dropna() if "england_value" in values else pd.Series(dtype=float)
    return None if known.empty else float(known.iloc[0])


def build_comparison(spec: MetricSpec, level: str, period: str | None, selected: str | None) -> ComparisonView:
    """The comparison of ``level`` areas in ``period`` with ``selected`` highlighted."""
    values = area_values(spec.id, area_type=level, period=period)
    source, updated, footer = provenance(spec)
    england = _england_value(values)
    title = chart_title(spec, level, period)
    figure = compare_figure(values, spec=spec, england_value=england, selected_code=selected, title=title,
                            source_line=footer)
    sentence = compare_summary(spec, values, selected_code=selected, england_value=england, period=period)
    table = area_table(values, spec, f"{title} (the comparison as a table)", highlight_code=selected)
    meta = chart_meta_lines(source, updated, geography_line(values))
    return ComparisonView(figure, sentence, table, meta, download_href(spec.id, level, period))
