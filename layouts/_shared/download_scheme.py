"""The stable addresses of the CSV downloads, and their parameters in words.

One place spells the URL scheme, so the links under the charts, the /download page that documents it
and the help the CSV route answers with when it is asked without usable parameters say the same thing.
The addresses and parameter names are a public contract: analysts keep them in scripts and
spreadsheets, so they only ever gain parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlencode

#: One metric's observations, filtered by the parameters below.
OBSERVATIONS_PATH = "/download/observations.csv"
#: The partnership footprint in force: which authorities make up each partnership, and on what evidence.
FOOTPRINT_PATH = "/download/footprint.csv"
#: The page that lists every download and documents this scheme.
DOWNLOADS_PAGE = "/download"
#: ``precision=full``: every digit the dashboard computed, instead of the publisher's decimals.
FULL_PRECISION = "full"
#: The most areas one request may name (the trend chart names three: the area, its region and England).
MAX_AREAS = 20


class Parameter(NamedTuple):
    name: str
    values: str
    meaning: str


PARAMETERS = (
    Parameter("metric", "a metric id, e.g. drug_misuse_deaths (required)",
              "The measure. Its id is listed on the Download data page and on its definition page, and never "
              "changes."),
    Parameter("area_type", "utla, partnership, region or country",
              "Only areas of this kind: upper-tier local authorities, partnerships (their members' counts pooled), "
              "the nine regions, or England."),
    Parameter("period", "a period label as the data has it, e.g. 2021-23 or 2022/23",
              "Only this period. Without it, every period."),
    Parameter("area", "an area code, e.g. E92000001 (England), E12000002 or a partnership code; repeat it or "
              "separate codes with commas for several",
              f"Only these areas (at most {MAX_AREAS}). A trend chart's file names its lines this way."),
    Parameter("precision", f"published (the default) or {FULL_PRECISION}",
              "Values are rounded as the publisher prints them (one decimal place for rates, percentages and "
              f"means, whole numbers for counts). precision={FULL_PRECISION} gives every digit the dashboard "
              "computed, for further calculation."),
)


def observations_href(metric_id: str, *, area_type: str | None = None, period: str | None = None,
                      areas: Iterable[str] = (), precision: str | None = None) -> str:
    """The address of one metric's CSV, with only the parameters given (in the order ``PARAMETERS`` lists)."""
    query: list[tuple[str, str]] = [("metric", metric_id)]
    query += [(name, value) for name, value in (("area_type", area_type), ("period", period)) if value]
    query += [("area", code) for code in dict.fromkeys(areas) if code]
    if precision:
        query.append(("precision", precision))
    return f"{OBSERVATIONS_PATH}?{urlencode(query)}"


#: Addresses that show the scheme at work, with what each returns.
EXAMPLES = (
    (observations_href("drug_misuse_deaths"), "every area and period of deaths related to drug misuse"),
    (observations_href("drug_misuse_deaths", area_type="partnership", period="2021-23"),
     "every partnership in one period (what the map and the comparison chart show)"),
    (observations_href("successful_completions_adults", areas=("E92000001",)),
     "England's trend in successful completions"),
    (observations_href("drug_misuse_deaths", area_type="utla", precision=FULL_PRECISION),
     "every authority, with every digit"),
    (FOOTPRINT_PATH, "the partnership footprint in force"),
)
