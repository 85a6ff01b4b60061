"""National-only metrics (drug use survey, county lines, disruptions …): England's trend, baseline and ambition.

These series hold only England rows, so there is no comparator line; the chart is
``trend.trend_figure`` with England selected, plus an optional ambition target line. The target
line is drawn only when the caller passes ``ambition_value``: most framework ambitions are
cumulative or modelled ("prevent nearly 1,000 deaths", "close 2,000 more county lines over three
years") and are not a level of the plotted series, so drawing them by default would mislead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go

from data_access.geography import ENGLAND
from presentation import theme
from presentation.figures.trend import trend_figure
from presentation.formatting import format_value

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec


def national_figure(
    series: pd.DataFrame,
    *,
    spec: MetricSpec,
    baseline_summary: Mapping[str, Any] | None = None,
    ambition_text: str | None = None,
    ambition_value: float | None = None,
    ambition_label: str | None = None,
    title: str | None = None,
    source_line: str = "",
    height: int = 480,
) -> go.Figure:
    """England's trend with its baseline, the change since baseline and (optionally) the ambition.

    Series without England rows (e.g. an England-and-Wales figure) use their first area as the line.
    """
    codes = series["area_code"].astype(str).unique().tolist()
    code = ENGLAND if ENGLAND in codes or not codes else codes[0]
    fig = trend_figure(series, spec=spec, selected_code=code, baseline_summary=baseline_summary,
                       ambition_text=ambition_text, title=title or f"{spec.name}: England", source_line=source_line,
                       height=height)
    if ambition_value is not None:
        label = ambition_label or f"Ambition: {format_value(ambition_value, spec)}"
        fig.add_hline(y=float(ambition_value), line={"color": theme.AMBITION, "dash": "dashdot", "width": 2},
                      annotation={"text": label, "font": {"color": theme.AMBITION, "size": 13},
                                  "bgcolor": theme.BACKGROUND},
                      annotation_position="top left", name="ambition")
    return fig
