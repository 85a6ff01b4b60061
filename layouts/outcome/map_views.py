"""The outcome map's view functions: what its callback reads, through the read layer, for one view.

The map callback parses its inputs and places what these return (figures come from
``presentation.figures``). Each answer depends only on its arguments and the release, so each is
kept per worker: a recolour then reads live objects and builds no hover text.
"""

from __future__ import annotations

import pandas as pd

from data_access.catalogue import MetricSpec
from data_access.periods import PeriodError, parse_period
from data_access.read import area_values, authorities, partnerships, release_key
from data_access.read.memory import ANSWERS, remembered
from data_access.vintages import CURRENT
from layouts._shared.views import remembered_view
from layouts.outcome.checks import AREA_TYPE_WORDS, chart_title, provenance
from layouts.outcome.parts import download_href
from layouts.outcome.tables import area_table
from presentation.blocks import chart_meta_lines
from presentation.figures import map_legend
from presentation.figures._categories import categorise
from presentation.figures.map_caption import map_caption, nothing_to_colour
from presentation.formatting import geography_line

#: London's region: its areas are drawn again, enlarged, in the map's inset.
LONDON = "E12000007"


def map_rows(spec: MetricSpec, level: str, period: str | None) -> pd.DataFrame:
    """Every area's row of ``spec`` at ``level`` for ``period`` (the read layer keeps it per release)."""
    return area_values(spec.id, area_type=level, period=period)


def geometry_layer(spec: MetricSpec, level: str, period: str | None) -> str:
    """The boundary layer a period is drawn on: partnerships, or the authorities of the geography
    vintage its figures are on (today's layer for April 2023 authorities, else the December 2021 one)."""
    if level == "partnership":
        return "partnership"
    if not period:
        return "utla"
    try:
        parse_period(period, spec.period_type)
    except PeriodError:
        return "utla"
    vintages = area_values(spec.id, area_type="utla", period=period)["geography"].dropna()
    return "utla" if vintages.empty or vintages.iloc[0] == CURRENT.code else "utla_2021"


def categorised(spec: MetricSpec, level: str, period: str, colour: str) -> pd.DataFrame:
    """Each mapped area's colour class and hover text, kept per worker for the release.

    Building hover text for ~150 areas is most of a recolour's cost; the answer depends only on
    the arguments and the release, so each worker builds it once per view.
    """
    key = ("map_classes", spec.id, level, period, colour, release_key())
    return remembered(ANSWERS, key, lambda: categorise(map_rows(spec, level, period), colour, spec))


def caption(spec: MetricSpec, level: str, period: str, colour: str) -> tuple[str, str | None]:
    """The sentence under the map and, when nothing can be coloured, the reason (None otherwise), both counted
    from ``categorised``; kept per worker for the release, so a recolour only looks them up."""
    def build() -> tuple[str, str | None]:
        classes, noun = categorised(spec, level, period, colour), AREA_TYPE_WORDS[level]
        return (map_caption(classes, colour, spec, period=period, noun=noun),
                nothing_to_colour(classes, colour, spec, period=period, noun=noun))
    return remembered(ANSWERS, ("map_caption", spec.id, level, period, colour, release_key()), build)


def legend(spec: MetricSpec, colour: str):
    """The map's HTML key for a colouring, kept per worker."""
    return remembered(ANSWERS, ("map_legend", spec.id, colour), lambda: map_legend(colour, spec))


def london_codes(level: str) -> tuple[str, ...]:
    """The codes of the partnerships (or local authorities, abolished ones included) in London, for the
    map's inset; a partnership is in the region most of its members are in."""
    def build() -> tuple[str, ...]:
        rows = partnerships() if level == "partnership" else authorities(include_abolished=True)
        return tuple(sorted(rows.loc[rows["region_code"] == LONDON, "code"].astype(str)))
    return remembered_view(("london_codes", level), build)


def map_description(spec: MetricSpec, level: str, period: str | None, selected: str | None) -> tuple:
    """The map's table, provenance lines and download link, kept per worker and release."""
    def build() -> tuple:
        values = map_rows(spec, level, period)
        source, updated, _ = provenance(spec)
        caption = f"{chart_title(spec, level, period)} (the map as a table)"
        return (area_table(values, spec, caption, highlight_code=selected),
                chart_meta_lines(source, updated, geography_line(values)), download_href(spec.id, level, period))
    return remembered_view(("map_description", spec.id, level, period, selected), build)
