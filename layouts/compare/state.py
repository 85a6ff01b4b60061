"""The compare page's state, read from its link and checked: metric, period, region, sort, level, highlight, show.

Pure functions. The catalogue (a file) is enough to check the metric, level and sort; periods,
regions and partnerships live in the store, so the callback reads them and passes them in. Any
value that makes no sense falls back to its default with a short message — a bad or stale link
never raises, and the text it carries is only ever shown as text (Dash escapes it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from data_access.catalogue import MetricSpec, UnknownMetric, get_catalogue
from presentation.ids import CONFIDENCE_LEVEL_VALUES

PARAMS = ("metric", "period", "region", "sort", "level", "highlight", "show")
DEFAULT_LEVEL = "95"
SORT_NAME = "name"
SORT_REGION = "region"
ASCENDING = ":asc"
# Control values meaning "no filter" / "no highlight" (a native select cannot show an empty-valued option).
ALL_REGIONS = "all"
NO_HIGHLIGHT = "none"
ALL_REGIONS_OPTION = {"label": "All regions", "value": ALL_REGIONS}
#: The highlight search's empty choice: a name to type or pick like any partnership's.
NO_HIGHLIGHT_OPTION = {"label": "No partnership", "value": NO_HIGHLIGHT}
#: Words under the highlight's label, read before the search box (as the area search's hint is).
HIGHLIGHT_HINT = ("Type a partnership or local authority name, e.g. Bolton or Cleveland, then choose it from the "
                  "list; an authority highlights its partnership. Choose “No partnership” to highlight none.")
_MAX_SHOWN = 40
#: What the ranked chart shows: everyone, or a group around the chosen ("highlighted") partnership.
SHOW_ALL, SHOW_REGION, SHOW_SIMILAR, SHOW_RANK = "all", "region", "similar", "rank"
SHOW_OPTIONS = [
    {"label": "Its neighbours in rank", "value": SHOW_RANK},
    {"label": "Its similar partnerships", "value": SHOW_SIMILAR},
    {"label": "Its region", "value": SHOW_REGION},
    {"label": "All partnerships", "value": SHOW_ALL},
]
SHOW_VALUES = tuple(o["value"] for o in SHOW_OPTIONS)


@dataclass(frozen=True)
class CompareState:
    """Everything the page shows, all checked; ``region`` and ``highlight`` are codes or None."""

    metric: str
    period: str | None
    region: str | None
    sort: str
    level: str
    highlight: str | None
    show: str = SHOW_ALL

    def query(self) -> dict[str, str | None]:
        """The state as query parameters (empty ones are dropped by ``url_state.clean_state``; so is the
        default "show all", keeping links made before the choice existed unchanged)."""
        return {**asdict(self), "show": None if self.show == SHOW_ALL else self.show}


def local_metrics() -> list[MetricSpec]:
    """Metrics that exist for authorities (so partnerships can be pooled), headline before supporting."""
    catalogue = get_catalogue()
    ordered = [m for outcome in catalogue.outcomes for m in catalogue.outcome_metrics(outcome.id)]
    headline = [m for m in ordered if m.is_local and m.tier == "headline"]
    return headline + [m for m in ordered if m.is_local and m.tier != "headline"]


def headline_local_metrics() -> list[MetricSpec]:
    """The heat map's standing columns: headline metrics published for local areas."""
    return [m for m in get_catalogue().headline_metrics() if m.is_local]


def national_headline_metrics() -> list[MetricSpec]:
    """Headline metrics that exist only nationally: shown as England context, never compared across partnerships."""
    return [m for m in get_catalogue().headline_metrics() if not m.is_local]


def default_metric() -> str:
    return headline_local_metrics()[0].id


def table_metrics(metric_id: str) -> list[MetricSpec]:
    """Columns of the heat map: the local headline metrics, plus the chosen metric when it is a supporting one."""
    columns = headline_local_metrics()
    if metric_id not in {m.id for m in columns}:
        columns = [*columns, get_catalogue().metric(metric_id)]
    return columns


def sort_options(metric_id: str) -> list[dict[str, str]]:
    """The "Sort by" choices: name, region, and each column's value both ways."""
    options = [{"label": "Partnership name (A to Z)", "value": SORT_NAME},
               {"label": "Region, then name", "value": SORT_REGION}]
    for spec in table_metrics(metric_id):
        options.append({"label": f"{spec.short_name}: highest first", "value": spec.id})
        options.append({"label": f"{spec.short_name}: lowest first", "value": spec.id + ASCENDING})
    return options


def sort_metric(sort: str) -> tuple[str | None, bool]:
    """The metric a sort key orders by (None for name/region) and whether the order is ascending."""
    if sort in (SORT_NAME, SORT_REGION):
        return None, True
    ascending = sort.endswith(ASCENDING)
    return sort.removesuffix(ASCENDING), ascending


def highlight_options(partnerships: pd.DataFrame, authorities: pd.DataFrame) -> list[dict[str, str]]:
    """The highlight search's choices: no partnership, every partnership by name, then every member authority
    as "Bolton (Greater Manchester partnership)" under its partnership's code.

    Only partnerships can be highlighted, but people often know the authority: typing "Bolt" finds
    Greater Manchester. The partnership's own option comes first, so its code is shown by its own name.
    An authority that is the only member of a partnership of the same name is left out, as in the
    other pages' area search, and so is one whose partnership is not in ``partnerships``.
    """
    options = [dict(NO_HIGHLIGHT_OPTION)]
    options += [{"label": str(row.name), "value": str(row.code)}
                for row in partnerships.sort_values("name").itertuples(index=False)]
    codes = set(partnerships["code"].astype(str))
    for row in authorities.sort_values("name").itertuples(index=False):
        if pd.isna(row.partnership_code) or str(row.partnership_code) not in codes or row.name == row.partnership_name:
            continue
        options.append({"label": f"{row.name} ({row.partnership_name} partnership)", "value": str(row.partnership_code)})
    return options


def _text(value: Any) -> str | None:
    """A query value as one stripped string (repeated parameters arrive as lists: the first is used)."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _metric_name(metric_id: str) -> str:
    return get_catalogue().metric(metric_id).short_name


def parse_static(query: Mapping[str, Any], messages: list[str] | None = None) -> dict[str, str | None]:
    """Check the parts of ``query`` the catalogue can judge (metric, level, sort); keep the rest as raw text.

    Returns a dict with every key of ``PARAMS``; unknown parameter names and bad values add a
    message to ``messages`` when it is given.
    """
    notes: list[str] = [] if messages is None else messages
    raw = {key: _text(query.get(key)) for key in PARAMS}
    extra = sorted(str(k) for k in query if k not in PARAMS)
    if extra:
        names = ", ".join(f"“{_shown(name)}”" for name in extra[:5])
        notes.append(f"Ignored unknown link parameter{'s' if len(extra) > 1 else ''}: {names}.")

    local = {m.id for m in local_metrics()}
    metric = raw["metric"]
    if metric is not None and metric not in local:
        try:
            get_catalogue().metric(metric)
            why = f"“{_metric_name(metric)}” is published for England only, so partnerships cannot be compared on it."
        except UnknownMetric:
            why = f"There is no local metric called “{_shown(metric)}”."
        notes.append(f"{why} Showing {_metric_name(default_metric())} instead.")
        metric = None
    metric = metric or default_metric()

    level = raw["level"]
    if level is not None and level.removesuffix("%") in CONFIDENCE_LEVEL_VALUES:
        level = level.removesuffix("%")
    elif level is not None:
        notes.append(f"The confidence level must be 95 or 99.8, not “{_shown(level)}”. Showing 95% instead.")
        level = None

    sort = raw["sort"]
    if sort is not None and sort not in {o["value"] for o in sort_options(metric)}:
        notes.append(f"Cannot sort by “{_shown(sort)}”. Sorting by partnership name instead.")
        sort = None
    show = raw["show"]
    if show is not None and show not in SHOW_VALUES:
        notes.append(f"Cannot show “{_shown(show)}”. Showing all partnerships instead.")
        show = None
    return {**raw, "metric": metric, "level": level or DEFAULT_LEVEL, "sort": sort or SORT_NAME,
            "show": show or SHOW_ALL}


def _match(text: str | None, table: pd.DataFrame) -> str | None:
    """The code of the row whose code or name equals ``text`` (names case-insensitively)."""
    if text is None or table.empty:
        return None
    if text in set(table["code"]):
        return text
    hit = table[table["name"].str.lower() == text.lower()]
    return None if hit.empty else str(hit["code"].iloc[0])


def resolve(
    raw: Mapping[str, Any],
    *,
    periods: Sequence[str],
    regions: pd.DataFrame,
    partnerships: pd.DataFrame,
    messages: list[str] | None = None,
) -> CompareState:
    """The checked state from raw values (a query or the controls) and the store's facts.

    ``periods``: the chosen metric's periods with data, oldest first. ``regions`` and
    ``partnerships``: frames with ``code`` and ``name``. Bad values fall back (period → latest,
    region → all, highlight → none) and add a message to ``messages`` when it is given.
    """
    notes: list[str] = [] if messages is None else messages
    static = parse_static(raw, notes if messages is not None else None)
    metric = static["metric"]

    period = static["period"]
    latest = periods[-1] if periods else None
    if period is not None and period not in periods:
        if periods:
            notes.append(f"{_metric_name(metric)} has no data for “{_shown(period)}”. Showing {latest} instead.")
        period = None
    period = period or latest
    if not periods:
        notes.append(f"No data is loaded for {_metric_name(metric)} yet.")

    raw_region = None if static["region"] == ALL_REGIONS else static["region"]
    region = _match(raw_region, regions)
    if raw_region is not None and region is None:
        notes.append(f"There is no region called “{_shown(raw_region)}”. Showing all regions instead.")

    raw_highlight = None if static["highlight"] == NO_HIGHLIGHT else static["highlight"]
    highlight = _match(raw_highlight, partnerships)
    if raw_highlight is not None and highlight is None:
        notes.append(f"There is no partnership called “{_shown(raw_highlight)}”. No partnership is highlighted.")

    return CompareState(metric=metric, period=period, region=region, sort=static["sort"], level=static["level"],
                        highlight=highlight, show=static["show"])
