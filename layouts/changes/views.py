"""The "what changed" page as a view: partnership code + date → heading, note and every section.

Shape: resolve the partnership (a code, a name or a member authority), then a handful of bounded
reads from ``data_access.read.changes``; the comparison of judgements is limited to the headline
measures published for local areas, because it rebuilds each measure's table as of an older
release (memoized afterwards).
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from dash import html

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from data_access.read import partnership_members, partnerships, resolve_area
from data_access.read.changes import (
    judgement_changes,
    new_periods,
    release_before,
    releases_since,
    revised_values,
    upcoming_releases,
)
from layouts.changes.parts import (
    day_words,
    judgements_section,
    new_periods_section,
    releases_section,
    revisions_section,
    upcoming_section,
)


class ChangesView(NamedTuple):
    """The page's heading, its note (or None) and its sections (or None for an unknown partnership)."""

    heading: str
    status: Any
    body: Any


def partnership_exists(code: str) -> bool:
    """Whether ``/partnership/<code>/changes`` names a partnership (or an authority in one): 404 if not."""
    partnership, _ = find_partnership(code)
    return partnership is not None


def find_partnership(code: str | None) -> tuple[dict | None, str | None]:
    """``{"code", "name"}`` of the partnership named by ``code`` (or containing that authority), and a note."""
    hit = resolve_area(code) if isinstance(code, str) and code else None
    if hit is None or not hit.get("partnership_code"):
        return None, None
    table = partnerships()
    row = table[table["code"] == hit["partnership_code"]]
    if row.empty:
        return None, None
    partnership = {"code": str(row.iloc[0]["code"]), "name": str(row.iloc[0]["name"])}
    note = None
    if hit["type"] == "utla":
        note = f"{hit['name']} is part of the {partnership['name']} partnership, shown here."
    return partnership, note


def _unknown(code: str | None) -> list:
    shown = code.strip() if isinstance(code, str) else ""
    shown = shown if len(shown) <= 40 else shown[:37] + "…"
    return [html.P(f"There is no partnership called “{shown}”." if shown else "No partnership was named."),
            html.P(["See the ", html.A("list of all partnerships", href="/partnership"), "."])]


def changes_sections(partnership: dict, since: date) -> list:
    """Every section of the page for ``partnership`` since ``since``."""
    members = partnership_members(partnership["code"])
    current = members[members["valid_to"].isna()]
    names = dict(zip(members["code"], members["name"], strict=True)) | {ENGLAND: "England"}
    areas = [(partnership["code"], "partnership")] + [(str(c), "utla") for c in current["code"]]
    local_headlines = [spec.id for spec in get_catalogue().headline_metrics() if spec.is_local]
    judgements = judgement_changes(since, areas, local_headlines)
    compared = release_before(since) is not None
    return [
        releases_section(releases_since(since), since),
        new_periods_section(new_periods(since), since, compared=compared),
        revisions_section(revised_values(since, [*members["code"], ENGLAND]), names, since),
        judgements_section(judgements, since, compared=compared),
        upcoming_section(upcoming_releases()),
        html.P([html.A(f"Back to the {partnership['name']} profile", href=f"/partnership/{partnership['code']}")]),
    ]


def changes_view(code: str | None, since_text: str | None) -> ChangesView:
    """Code and date (already checked by the layout) → heading, note, sections."""
    try:
        since = date.fromisoformat(str(since_text))
    except ValueError:
        since = date.today()
    partnership, note = find_partnership(code)
    if partnership is None:
        return ChangesView("Partnership not found", html.Div(_unknown(code), className="alert alert-warning"), None)
    status = html.Div(note, className="alert alert-info") if note else None
    heading = f"What changed since {day_words(since)}: {partnership['name']}"
    return ChangesView(heading, status, changes_sections(partnership, since))
