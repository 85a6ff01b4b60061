"""A partnership's profile as a view: the code in the path → header, footprint, map, tables and links.

A plain function of the path's code, built once per worker and release (``remembered_view``): reading
the profile and the member shapes and writing the tables took ~170 ms a call. The profile page's
layout calls it, so the whole profile comes with the page (``layouts/partnership/page.py``); another
partnership is another page, so no callback redraws it. An unknown code is an ordinary page with a
message, never an exception, so the address still answers 200 and offers a way on.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from dash import html

from data_access.read import authorities, current_release, partnerships, similar_partnerships
from data_access.read.csv_safety import safe_csv
from data_access.read.precision import at_published_precision
from data_access.read.status import status_summary
from layouts._shared.links import area_options, release_line
from layouts._shared.views import remembered_view
from layouts.partnership.data import find_partnership, footprint_shapes, load_profile, profile_csv
from layouts.partnership.header import footprint, header, similar_line, unknown_partnership
from layouts.partnership.listing import filter_partnerships, partnership_list_table
from layouts.partnership.member_map import member_map
from layouts.partnership.profile import members_table, outcome_links, profile_table
from presentation import blocks
from presentation.blocks.status_summary import status_static
from presentation.figures import export_filename


class Profile(NamedTuple):
    """The profile page's parts: each is the children (or property) of one component of the page."""

    header: Any
    status: Any
    body_hidden: bool
    footprint: Any
    map: Any
    links: Any
    profile: Any
    members: Any
    release: Any
    area_options: list[dict[str, str]]


def profile_view(code: Any) -> Profile:
    """Path code → header, note, body hidden, footprint, map, outcome links, both tables, release, picker options."""
    code = code if isinstance(code, str) else None  # the path's code; anything else names nothing
    return remembered_view(("partnership_profile", code), lambda: build_profile(code))


def build_profile(code: str | None) -> Profile:
    """The profile's parts for ``code``; an unknown code gives its message and the picker only."""
    options = area_options(partnerships(), authorities())
    row, note = find_partnership(code)
    if row is None:
        return Profile(unknown_partnership(code), None, True, None, None, None, None, None, None, options)
    data = load_profile(row)
    shapes = footprint_shapes({m.code for m in data.current})
    status = html.Div(note, className="alert alert-info mb-3") if note else None
    release = [html.P(release_line(current_release()), className="text-secondary"),
               blocks.provenance_footer(source="the publisher of each measure (see its definition)", pooled=True)]
    return Profile(
        [*header(data.name, region=data.region, n_members=len(data.current)),
         similar_line(data.code, list(similar_partnerships(data.code)[["code", "name"]].itertuples(index=False))),
         status_static(status_summary(data.code))],
        status,
        False,
        # Read-only parts as HTML (``blocks.static``): ~1,200 components of table kept the page blank for
        # seconds in the browser; the member list and the links are a hundred more the renderer need not track.
        blocks.static_html(html.Div(footprint(data.members, data.current))),
        member_map(data.current, shapes.members, shapes.bounds, name=data.name, neighbours=shapes.neighbours),
        blocks.static_html(outcome_links(data.code, data.name)),
        blocks.static_html(profile_table(data.profile, area_code=data.code, area_name=data.name,
                                         spreads=data.spreads)),
        blocks.static_html(members_table(data.profile, data.member_values, data.columns, area_name=data.name)),
        release,
        options,
    )


def partnership_list_view(text: str | None) -> Any:
    """All partnerships, or those whose name or code matches ``text``, as the list page's table."""
    table = partnerships()
    return partnership_list_table(filter_partnerships(table, text), total=len(table))


def partnership_exists(code: str) -> bool:
    """Whether ``/partnership/<code>`` names a partnership (or an authority in one): the server answers 404 if not."""
    row, _ = find_partnership(code)
    return row is not None


def profile_csv_view(code: str | None) -> tuple[str, str] | None:
    """The profile table and the members' values as one spreadsheet-safe CSV at the published precision, and its
    file name."""
    row, _ = find_partnership(code)
    if row is None:
        return None
    data = load_profile(row)
    return safe_csv(at_published_precision(profile_csv(data))), f"{export_filename(data.code, 'profile')}.csv"
