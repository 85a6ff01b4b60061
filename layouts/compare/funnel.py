"""Words and tables around the compare page's funnel plot (the figure itself is ``figures.funnel_figure``).

A funnel plot is there so that noise is not read as rank: the explanation says what the limits
mean, the summary counts where the partnerships fall, and the table is the plot's accessible
alternative. Pure functions of a points frame the callback has already labelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from data_access.read.precision import at_published_precision
from presentation import theme
from presentation.formatting import format_count, format_value
from presentation.html import esc, html_table, tag

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

EXPLANATION = (
    "Each point is a partnership: its value (up the side) against the size of the population or cohort it is "
    "calculated from (along the bottom). The solid line is England's value. The dashed and dotted lines are "
    "control limits: if every partnership had England's underlying rate, 95% of them would fall inside the "
    "dashed lines and 99.8% inside the dotted lines by chance alone. The limits are wide for small "
    "partnerships, whose values vary more by chance, and narrow for large ones — so a value far from England's "
    "in a small partnership may be noise, and a high or low rank on its own is not evidence of a real "
    "difference. A point outside the limits is unlikely to be chance alone."
)
DSR_METHOD = (
    "For directly age-standardised rates, such as deaths related to drug misuse, the funnel follows the method "
    "of OHID's Fingertips tools (PHStatsMethods): each partnership is placed at its equivalent population — its "
    "number of events divided by its rate — and the limits are exact Poisson limits around England's rate at "
    "that population. A partnership with fewer than 10 events is not plotted, as OHID does not compare such rates."
)
#: Why a partnership is missing from a DSR funnel.
DSR_DROPPED = "suppressed, no data or fewer than 10 events"
NOT_AVAILABLE = {
    "count": "A funnel plot needs a denominator; this measure is a count.",
    "mean": "A funnel plot is not drawn for averages.",
}


def position_words(significance: str, side: str) -> str:
    """Where a point sits against the limits, in words (from ``funnel_limits``' significance and side)."""
    if side not in ("above", "below"):
        return "Within the 95% limits"
    if significance.startswith("outside"):
        return f"{side.capitalize()} the 99.8% limits"
    return f"{side.capitalize()} the 95% limits (inside 99.8%)"


def _count(n: int) -> str:
    return "none" if n == 0 else str(n)


def funnel_summary(points: pd.DataFrame, *, level: str, dropped: int, dropped_words: str | None = None) -> str:
    """ "Of 118 partnerships plotted, 9 are above and 6 below the 95% limits …" with what chance alone would give."""
    plotted = len(points)
    if plotted == 0:
        return "No partnership has a value to plot for this selection."
    flagged = points["flagged"].astype(bool)
    above = int((flagged & (points["side"] == "above")).sum())
    below = int((flagged & (points["side"] == "below")).sum())
    share = 0.05 if level == "95" else 0.002
    expected = plotted * share
    expected_text = f"about {expected:.0f}" if expected >= 1 else "fewer than 1"
    within = plotted - above - below
    sentence = (f"Of {plotted} partnership{'s' if plotted != 1 else ''} plotted, {_count(above)} "
                f"{'is' if above == 1 else 'are'} above and {_count(below)} below the {level}% limits; "
                f"{_count(within)} {'is' if within == 1 else 'are'} within them. "
                f"By chance alone {expected_text} would fall outside the {level}% limits.")
    if dropped:
        why = dropped_words or "suppressed or no data"
        sentence += f" {dropped} partnership{'s are' if dropped != 1 else ' is'} not plotted ({why})."
    return sentence


def _badge(label: Any) -> str:
    """A comparison badge (HTML): glyph hidden from screen readers, words, the comparison's colours."""
    style = theme.comparison_style(str(label))
    return tag("span", tag("span", esc(style["symbol"]), aria_hidden="true") + esc(" " + style["text"]),
               class_="comparison-badge", style={"backgroundColor": style["colour"], "color": style["text_colour"]})


def funnel_table(points: pd.DataFrame, spec: MetricSpec, *, level: str, caption: str,
                 highlight: str | None = None) -> Any:
    """The funnel plot as a table, largest denominator first (one HTML string: see ``presentation.html``)."""
    head = [tag("th", esc(text), scope="col", class_="num" if numeric else None) for text, numeric in (
        ("Partnership", False), (f"Value ({spec.value_unit})", True), ("Numerator", True),
        ("Equivalent population" if spec.measure == "dsr" else "Denominator", True),
        ("Position against the limits", False), (f"Compared with England ({level}%)", False))]
    rows = []
    for row in points.sort_values("denominator", ascending=False, kind="stable").to_dict("records"):
        cells = [tag("th", esc(row["area_name"]), scope="row"),
                 tag("td", esc(format_value(row["value"], spec, short=True)), class_="num"),
                 tag("td", esc(format_count(row["numerator"])), class_="num"),
                 tag("td", esc(format_count(row["denominator"])), class_="num"),
                 tag("td", esc(row["position"])), tag("td", _badge(row["comparison"]))]
        rows.append(tag("tr", cells, class_="is-selected" if row["area_code"] == highlight else None))
    return html_table(caption, head, rows)


def funnel_download_frame(points: pd.DataFrame, spec: MetricSpec, *, period: str | None, benchmark: Any,
                          level: str, release: dict | None) -> pd.DataFrame:
    """The plotted data as a tidy CSV: one row per partnership with the limits at its own denominator, values at the
    metric's published precision and counts as whole numbers (``data_access.read.precision``)."""
    release = release or {}
    suffix = level.replace(".", "_")
    out = pd.DataFrame({
        "metric_id": spec.id, "metric_name": spec.name, "period": period,
        "area_code": points["area_code"], "area_name": points["area_name"],
        "numerator": points["numerator"], "denominator": points["denominator"], "value": points["value"],
        "unit": spec.value_unit, "england_value": benchmark,
        "lower_limit_95": points["lower_95"], "upper_limit_95": points["upper_95"],
        "lower_limit_99_8": points["lower_998"], "upper_limit_99_8": points["upper_998"],
        "position": points["position"], f"comparison_with_england_{suffix}": points["comparison"],
        "release_id": release.get("id"), "demonstration_data": bool(release.get("any_demo")),
    })
    if "population" in points:  # a DSR: the denominator column is the equivalent population
        out.insert(out.columns.get_loc("denominator"), "population", points["population"])
        out = out.rename(columns={"denominator": "equivalent_population"})
    return at_published_precision(out.sort_values("area_name", ignore_index=True), metric_id=spec.id)
