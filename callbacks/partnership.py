"""Partnership pages: the profile (one render callback), its CSV download, the picker, and the list.

The profile renders in one round trip from the code in the path: find the partnership (a code,
name or member authority all work), read its profile, build header, map, tables and links. An
unknown code is an ordinary page with a message — never an exception — so the address still
answers 200 and offers a way on.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from callbacks.first_answers import page_callback
from callbacks.partnership_data import find_partnership, footprint_shapes, load_profile, profile_csv
from callbacks.views import remembered_view
from data_access.read import ENGLAND, authorities, current_release, partnerships
from data_access.read.csv_safety import safe_csv
from layouts._components import blocks, ids
from layouts._components.figures import export_filename
from layouts._home_links import area_options, partnership_href, release_line
from layouts._partnership_header import footprint, header, unknown_partnership
from layouts._partnership_list import filter_partnerships, partnership_list_table
from layouts._partnership_map import member_map
from layouts._partnership_profile import members_table, outcome_links, profile_table

PROFILE_OUTPUTS = (
    Output(ids.PARTNERSHIP_HEADER, "children"),
    Output(ids.PARTNERSHIP_STATUS, "children"),
    Output(ids.PARTNERSHIP_BODY, "hidden"),
    Output(ids.PARTNERSHIP_FOOTPRINT, "children"),
    Output(ids.PARTNERSHIP_MAP, "children"),
    Output(ids.PARTNERSHIP_LINKS, "children"),
    Output(ids.PARTNERSHIP_PROFILE, "children"),
    Output(ids.PARTNERSHIP_MEMBERS, "children"),
    Output(ids.PARTNERSHIP_RELEASE, "children"),
    Output(ids.PARTNERSHIP_AREA, "options"),
)


@page_callback(*PROFILE_OUTPUTS, Input(ids.PARTNERSHIP_CODE, "data"))
def render_profile(code: str | None) -> tuple:
    """Path code → header, note, body visibility, footprint, map, outcome links, both tables, release, options.

    Built once per worker and release for each code: reading the profile, the member shapes and
    writing the tables took ~170 ms a call.
    """
    code = code if isinstance(code, str) else None  # the store holds the path's code; anything else names nothing
    return remembered_view(("partnership_profile", code), lambda: _profile(code))


def _profile(code: str | None) -> tuple:
    options = area_options(partnerships(), authorities())
    row, note = find_partnership(code)
    if row is None:
        return (unknown_partnership(code), None, True, None, None, None, None, None, None, options)
    data = load_profile(row)
    shapes = footprint_shapes({m.code for m in data.current})
    status = html.Div(note, className="alert alert-info mb-3") if note else None
    release = [html.P(release_line(current_release()), className="text-secondary"),
               blocks.provenance_footer(source="the publisher of each measure (see its definition)", pooled=True)]
    return (
        header(data.name, region=data.region, n_members=len(data.current)),
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


@dash.callback(
    Output(ids.PARTNERSHIP_DOWNLOAD, "data"),
    Input(ids.PARTNERSHIP_DOWNLOAD_BUTTON, "n_clicks"),
    State(ids.PARTNERSHIP_CODE, "data"),
    prevent_initial_call=True,
)
def download_profile(n_clicks: int | None, code: str | None) -> dict | None:
    """The profile table and the members' values as one tidy CSV."""
    row, _ = find_partnership(code)
    if not n_clicks or row is None:
        return dash.no_update
    data = load_profile(row)
    return dcc.send_string(safe_csv(profile_csv(data)), f"{export_filename(data.code, 'profile')}.csv",
                           type="text/csv")


@dash.callback(
    Output(ids.URL, "pathname", allow_duplicate=True),
    Input(ids.PARTNERSHIP_AREA, "value"),
    prevent_initial_call=True,
)
def go_to_partnership(value: str | None) -> str:
    """A picked partnership or authority opens its partnership's profile; England opens the overview."""
    if not value:
        return dash.no_update
    if value == ENGLAND:
        return "/"
    row, _ = find_partnership(value)
    return partnership_href(row["code"]) if row else dash.no_update


@dash.callback(Output(ids.PARTNERSHIP_LIST, "children"), Input(ids.PARTNERSHIP_LIST_FILTER, "value"))
def render_list(text: str | None) -> list:
    """All partnerships (or those matching the filter) as a table."""
    table = partnerships()
    return partnership_list_table(filter_partnerships(table, text), total=len(table))
