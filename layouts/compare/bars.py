"""The compare page's ranked bars as a view: checked selections → the shown group → figure, words, table, CSV.

The "Show" choice (``layouts.compare.groups``) keeps the chart to a group a reader can take in —
the chosen partnership with its neighbours in rank, its similar partnerships or its region — or
shows all. The page's layout calls ``bars_view`` for the first view and the callback calls it
for every later one; the CSV download reads the same ``bars_data``, so the file holds exactly
the bars the chart draws.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd

from data_access.catalogue import MetricSpec, get_catalogue
from data_access.read import area_values, current_release, partnerships, similar_partnerships
from data_access.read.csv_safety import safe_csv
from data_access.read.precision import at_published_precision
from layouts._shared.views import remembered_view
from layouts.compare.groups import ShownGroup, shown_group
from layouts.compare.state import CompareState
from layouts.compare.views import checked, source_line
from presentation import theme
from presentation.blocks import chart_meta_lines
from presentation.catalogue_text import source_text
from presentation.figures import export_filename, message_figure
from presentation.figures.compare import compare_order, interval_text
from presentation.figures.ranked import ranked_figure
from presentation.formatting import geography_line
from presentation.html import esc, html_table, tag
from presentation.summaries import compare_summary


class BarsData(NamedTuple):
    """The rows the ranked chart draws (chart order), every partnership's row, England's value and the group."""

    spec: MetricSpec
    shown: pd.DataFrame
    everyone: pd.DataFrame
    england: float | None
    group: ShownGroup


def _at_level(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """Intervals and comparisons at the chosen confidence level, under the names the chart reads."""
    if level != "99.8":
        return frame
    return frame.assign(lower_ci=frame["lower_998"], upper_ci=frame["upper_998"], comparison=frame["comparison_998"])


def bars_data(state: CompareState) -> BarsData:
    """The chosen metric's partnership values and the group ``state.show`` picks from them."""
    spec = get_catalogue().metric(state.metric)
    everyone = _at_level(area_values(spec.id, area_type="partnership", period=state.period), state.level)
    similar = similar_partnerships(state.highlight)["code"].tolist() if state.highlight else []
    group = shown_group(everyone, partnerships(), show=state.show, chosen=state.highlight, region=state.region,
                        similar=similar)
    shown = compare_order(everyone[everyone["area_code"].isin(group.codes)])
    known = everyone["england_value"].dropna()
    return BarsData(spec, shown, everyone, float(known.iloc[0]) if len(known) else None, group)


def _table(data: BarsData, level: str, caption: str) -> Any:
    """The chart as a table, in the chart's order (one HTML string)."""
    head = [tag("th", esc(text), scope="col", class_="num" if numeric else None) for text, numeric in (
        ("Partnership", False), (f"Value and {level}% interval", True), ("Compared with England", False))]
    rows = []
    for _, row in data.shown.iterrows():
        words = "Suppressed" if row["_state"] == 2 else "No data" if row["_state"] == 3 else (
            theme.comparison_style(row["_comparison"])["text"])
        rows.append(tag("tr", [tag("th", esc(row["area_name"]), scope="row"),
                               tag("td", esc(interval_text(row, data.spec) or "–"), class_="num"),
                               tag("td", esc(words))]))
    return html_table(caption, head, rows)


def build_bars(state: CompareState) -> dict[str, Any]:
    """The ranked chart's outputs for a checked selection."""
    data = bars_data(state)
    spec, group = data.spec, data.group
    title = f"{spec.short_name}, {state.period}: {group.heading}" if state.period else group.heading
    meta = chart_meta_lines(f"Source: {source_text(spec)}", f"Data up to: {state.period or 'no data'}",
                            geography_line(data.everyone))
    if data.shown.empty:
        reason = "No partnership has a value for this selection."
        return {"figure": message_figure(reason, title=title), "summary": reason, "table": None, "meta": meta}
    figure = ranked_figure(data.shown, spec=spec, england_value=data.england, selected_code=state.highlight,
                           title=title, source_line=source_line(spec, state.period), level=state.level)
    count = len(data.shown)
    lead = f"Showing {count} partnership{'s' if count != 1 else ''} ({group.heading})."
    rank = compare_summary(spec, data.everyone, selected_code=state.highlight, england_value=data.england,
                           period=state.period)
    summary = " ".join(part for part in (group.note, lead, rank) if part)
    return {"figure": figure, "summary": summary, "table": _table(data, state.level, f"{title} (the chart as a table)"),
            "meta": meta}


def bars_view(metric: Any = None, period: Any = None, region: Any = None, level: Any = None, highlight: Any = None,
              show: Any = None) -> dict[str, Any]:
    """The ranked chart of the chosen metric for the shown group: figure, summary, table and source lines."""
    state = checked({"metric": metric, "period": period, "region": region, "level": level, "highlight": highlight,
                     "show": show})
    key = ("compare_bars", tuple(sorted(state.query().items())))
    return dict(remembered_view(key, lambda: build_bars(state)))


def bars_download_frame(data: BarsData, *, period: str | None, level: str, release: dict | None) -> pd.DataFrame:
    """The drawn bars as CSV rows, in the chart's order, with the interval at the chart's level, each value at the
    metric's published precision (``data_access.read.precision``)."""
    release = release or {}
    rows = data.shown
    return at_published_precision(pd.DataFrame({
        "metric_id": data.spec.id, "metric_name": data.spec.name, "period": period, "shown": data.group.heading,
        "area_code": rows["area_code"], "area_name": rows["area_name"], "value": rows["_value"],
        "unit": data.spec.value_unit, f"lower_ci_{level.replace('.', '_')}": rows.get("lower_ci"),
        f"upper_ci_{level.replace('.', '_')}": rows.get("upper_ci"),
        "comparison_with_england": [("suppressed" if s == 2 else "no data" if s == 3 else c)
                                    for s, c in zip(rows["_state"], rows["_comparison"], strict=True)],
        "england_value": data.england, "release_id": release.get("id"),
        "demonstration_data": bool(release.get("any_demo")),
    }), metric_id=data.spec.id)


def bars_csv_view(metric: Any = None, period: Any = None, region: Any = None, level: Any = None,
                  highlight: Any = None, show: Any = None) -> tuple[str, str]:
    """The ranked chart's CSV (exactly the drawn bars) and its file name, for the download button."""
    state = checked({"metric": metric, "period": period, "region": region, "level": level, "highlight": highlight,
                     "show": show})
    frame = bars_download_frame(bars_data(state), period=state.period, level=state.level, release=current_release())
    name = export_filename(state.metric, "ranked", state.show, state.highlight, state.region, state.period)
    return safe_csv(frame), f"{name}.csv"
