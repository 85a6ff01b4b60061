"""The overview's outcome cards and their headline tiles, built from data the overview callback fetched.

A board reads these in a meeting, often projected: each tile leads with one large number and says
in words what it means (change since baseline, comparison with England, whether the figure is
England's only), so nothing depends on colour or on hovering. Pure functions: no data access.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
from dash import html

from layouts._shared.links import outcome_href, partnership_href, release_line
from presentation import blocks, ids
from presentation.figures import sparkline_svg
from presentation.formatting import format_value, is_missing

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec, OutcomeSpec
    from data_access.catalogue.schedule import NextRelease

GROUP_HEADINGS = {
    "strategic": ("Strategic outcomes", "What the strategy ultimately aims to change."),
    "intermediate": ("Intermediate outcomes", "What has to happen along the way: supply, treatment and recovery."),
}
ENGLAND_ONLY = "England only – no partnership figure"


@dataclass(frozen=True)
class TileData:
    """What one tile shows: the metric, its baseline summary and its history, for the area or England,
    and what the release schedule says today about its next release."""

    spec: MetricSpec
    summary: Mapping[str, Any]
    history: pd.DataFrame
    national_only: bool
    next_release: NextRelease | None = None


def _insert_after(children: list, class_name: str, element: Any) -> None:
    """Put ``element`` after the child with ``class_name`` (at the end when there is none)."""
    for i, child in enumerate(children):
        if getattr(child, "className", None) == class_name:
            children.insert(i + 1, element)
            return
    children.append(element)


def _data_up_to(summary: Mapping[str, Any]) -> html.P:
    period = summary.get("latest_period")
    text = f"Data up to {period}" if period else "No data published yet"
    if summary.get("provisional"):
        text += " (provisional)"
    return html.P(text, className="tile__release")


def overview_tile(data: TileData, slug: str, *, area_code: str | None) -> html.Article:
    """One headline tile: value and period, England comparison, change since baseline, sparkline, dates.

    ``area_code`` is the chosen partnership (None for England); national-only metrics then show
    England's figure and say so instead of a comparison.
    """
    spec, summary = data.spec, data.summary
    latest = {"value": summary.get("latest_value"), "period": summary.get("latest_period"),
              "suppressed": summary.get("suppressed"), "estimated": summary.get("estimated")}
    compared = area_code is not None and not data.national_only
    history = data.history
    usable = not history.empty and history["value"].notna().any()
    tile = blocks.headline_tile(
        spec, latest, summary, summary.get("comparison") if compared else None,
        sparkline_svg(history, spec=spec) if usable else None, data.next_release,
        href=outcome_href(slug, area=area_code, metric=spec.id), heading_level=4,
    )
    children = list(tile.children)
    if area_code is not None and data.national_only:
        _insert_after(children, "tile__figure", html.P(ENGLAND_ONLY, className="tile__comparison",
                                                       style={"fontWeight": 700}))
    elif compared and not is_missing(summary.get("england_value")):
        england = format_value(summary.get("england_value"), spec)
        _insert_after(children, "tile__comparison", html.P(f"England: {england}", className="tile__release"))
    release = next((i for i, c in enumerate(children) if getattr(c, "className", None) == "tile__release"
                    and str(getattr(c, "children", "")).startswith("Next release")), len(children))
    children.insert(release, _data_up_to(summary))
    tile.children = children
    return tile


def outcome_card(outcome: OutcomeSpec, tiles: Sequence[html.Article], *, area_code: str | None,
                 n_measures: int) -> html.Section:
    """An outcome's headline tiles, its heading linking to the outcome page for the same area."""
    href = outcome_href(outcome.slug, area=area_code)
    return html.Section([
        html.H3(html.A(outcome.name, href=href), className="mt-0"),
        html.Div(list(tiles), className="tiles"),
        html.P(html.A(f"All {n_measures} measures for {outcome.short_name.lower()}", href=href),
               className="mt-3 mb-0"),
    ], id=ids.outcome_section(outcome.slug), className="card p-3 h-100", **{"aria-label": outcome.name})


def outcome_groups(cards: Sequence[tuple[OutcomeSpec, html.Section]]) -> list[Any]:
    """The cards under "Strategic outcomes" and "Intermediate outcomes" headings, in catalogue order."""
    children: list[Any] = []
    for group in dict.fromkeys(outcome.group for outcome, _ in cards):
        title, blurb = GROUP_HEADINGS.get(group, (f"{group.capitalize()} outcomes", ""))
        children.append(html.H2(title))
        if blurb:
            children.append(html.P(blurb))
        # Three cards abreast on wide screens (each group fits one row: a board sees it at a glance),
        # two on tablets, one on phones.
        children.append(html.Div([html.Div(card, className="col-12 col-md-6 col-xl-4")
                                  for outcome, card in cards if outcome.group == group], className="row g-3 mb-4"))
    return children


def area_summary(*, name: str, partnership_code: str | None, member_names: Sequence[str],
                 release: Mapping[str, Any] | None) -> list[Any]:
    """The heading of the chosen area, its members and profile link, and the data release line."""
    children: list[Any] = [html.H2(name if partnership_code else "England", className="mb-2")]
    if partnership_code:
        members = list(member_names)
        noun = "local authority" if len(members) == 1 else "local authorities"
        children.append(html.P(f"A partnership of {len(members)} {noun}: {', '.join(members)}. "
                               "Each tile compares the partnership with England."))
        children.append(html.P(html.A(f"{name} profile: every measure, each member authority and a CSV download",
                                      href=partnership_href(partnership_code))))
    else:
        children.append(html.P("Headline measures for England. Choose a partnership or a local authority "
                               "above to see its figures compared with England."))
    children.append(html.P(release_line(release), className="text-secondary"))
    return children
