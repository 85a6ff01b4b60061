"""The top of a partnership profile: its name, region and footprint facts, or the "no such partnership" note.

Footprints are data, not certainties (DESIGN §1): no authoritative national list is available, so
the header says for each member whether the grouping is *sourced* (and from where) or *assumed*.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html

from layouts.partnership.member_map import Member, member_key
from presentation.formatting import citations

LIST_HREF = "/partnership"


def header(name: str, *, region: str | None, n_members: int) -> list[html.Component]:
    """The page heading and one line of context."""
    noun = "local authority" if n_members == 1 else "local authorities"
    where = f" in {region}" if region else ""
    return [html.H1(name, className="mb-1"),
            html.P(f"Combating Drugs Partnership of {n_members} {noun}{where}.", className="lead")]


def similar_line(code: str, similar: Sequence[tuple[str, str]]) -> html.P | None:
    """ "Similar partnerships: A, B, C…" — each a link to its profile, then a link to compare them.

    ``similar`` holds (code, name) pairs, most similar first (``data_access.read.similar_partnerships``).
    """
    if not similar:
        return None
    links: list = ["Similar partnerships: "]
    for i, (other, name) in enumerate(similar):
        links += [", " if i else "", html.A(name, href=f"{LIST_HREF}/{other}")]
    links += [". ", html.A("Compare with them", href=f"/compare?highlight={code}&show=similar"),
              " (how they are chosen: ", html.A("About", href="/about#similar"), ")."]
    return html.P([part for part in links if part != ""], className="similar-partnerships")


def _status_text(status: str, source: str) -> list[html.Component]:
    if status == "sourced":
        return [html.Strong("Sourced footprint. "), "Source: ", *_linked(source)]
    if not source:
        return [html.Strong("Assumed footprint. "), "No published source was found for this grouping."]
    return [html.Strong("Assumed footprint. "), *_linked(source)]


def _linked(source: str) -> list:
    """Each citation's title as a link to its page (a long address never widens a phone's screen)."""
    out: list = []
    for shown, url in citations(source):
        out += ["; " if out else "", html.A(shown, href=url) if url else shown]
    return [part for part in out if part != ""]


def footprint(members: pd.DataFrame, current: Sequence[Member]) -> list[html.Component]:
    """Member authorities (numbered as on the map), how the grouping is known, and former members."""
    children: list[html.Component] = [html.H2("Member authorities", className="mt-0"), member_key(current)]
    statuses = members[["status", "source"]].fillna("").drop_duplicates()
    for row in statuses.itertuples(index=False):
        children.append(html.P(_status_text(str(row.status), str(row.source)), className="small"))
    former = members[members["valid_to"].notna()]
    if not former.empty:
        names = ", ".join(f"{r.name} (until {pd.Timestamp(r.valid_to):%B %Y})" for r in former.itertuples())
        children.append(html.P(f"Former members, shown for periods before they were replaced: {names}.",
                               className="small"))
    return children


def unknown_partnership(code: str | None) -> list[html.Component]:
    """A friendly dead end: what was asked for, where the list is, and how to pick another."""
    shown = code.strip() if isinstance(code, str) else ""
    shown = shown if len(shown) <= 40 else shown[:37] + "…"
    return [
        html.H1("Partnership not found"),
        html.P(f"There is no partnership called “{shown}”." if shown else "No partnership was named."),
        html.P(["See the ", html.A("list of all partnerships", href=LIST_HREF),
                ", or choose a partnership or local authority below."]),
    ]
