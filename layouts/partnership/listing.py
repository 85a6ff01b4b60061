"""/partnership — every partnership in the current footprint, with its region, members and how it is known.

The list is where the "no partnership called …" message points, and a quick way in for anyone
who knows the region but not the partnership's name. The page frame is static; its table comes
from a callback (layouts read no data) and can be narrowed by a typed filter.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from layouts._shared.links import partnership_href
from presentation import ids


def list_layout(**_query: str) -> html.Div:
    """The list page frame: heading, filter box and the table slot."""
    return html.Div([
        html.H1("Partnerships"),
        html.P("Every Combating Drugs Partnership in the current footprint. A partnership is one or more whole "
               "upper-tier local authorities. “Sourced” groupings come from a published document; "
               "“assumed” ones could not be confirmed and treat the authority (or county) as its own partnership.",
               className="lead"),
        html.Div([
            html.Label("Filter by partnership, region or member authority", htmlFor=ids.PARTNERSHIP_LIST_FILTER,
                       className="form-label fw-bold"),
            dcc.Input(id=ids.PARTNERSHIP_LIST_FILTER, type="search", debounce=0.3, className="form-control",
                      autoComplete="off"),
        ], className="mb-3", style={"maxWidth": "30rem"}),
        dcc.Loading(html.Div(id=ids.PARTNERSHIP_LIST, className="table-scroll"), delay_show=400, type="dot"),
    ])


def filter_partnerships(table: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """Rows whose name, region or member names contain ``text`` (case-insensitive); all rows when empty."""
    needle = text.strip().lower() if isinstance(text, str) else ""
    if not needle:
        return table
    haystack = (table["name"].fillna("") + " " + table["region_name"].fillna("") + " "
                + table["member_names"].fillna("")).str.lower()
    return table[haystack.str.contains(needle, regex=False)]


def partnership_list_table(table: pd.DataFrame, *, total: int) -> list[html.Component]:
    """A count line and the table: partnership (link), region, members, footprint status."""
    if table.empty:
        return [html.P("No partnership matches the filter.", role="status")]
    rows = []
    for row in table.sort_values("name").itertuples(index=False):
        members = str(row.member_names or "").replace(";", ", ")
        rows.append(html.Tr([
            html.Th(html.A(row.name, href=partnership_href(row.code)), scope="row"),
            html.Td(row.region_name or "–"),
            html.Td(str(row.n_members), className="num"),
            html.Td(members),
            html.Td(str(row.status).capitalize()),
        ]))
    shown = f"Showing {len(table)} of {total} partnerships." if len(table) < total else f"{total} partnerships."
    head = html.Thead(html.Tr([html.Th("Partnership", scope="col"), html.Th("Region", scope="col"),
                               html.Th("Members", scope="col", className="num"),
                               html.Th("Member authorities", scope="col"), html.Th("Footprint", scope="col")]))
    return [html.P(shown, role="status"),
            html.Table([html.Caption("Combating Drugs Partnerships"), head, html.Tbody(rows)], className="data-table")]
