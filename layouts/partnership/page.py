"""/partnership/<code> — one partnership across the whole framework; /partnership — the list of partnerships.

The layout builds the whole profile from the code in the path with its view function
(``layouts.partnership.views.profile_view``): header, footprint map, spine table and member
breakdown come with the page. An unknown code keeps the body hidden, so it shows only a friendly
message, the list link and a picker; should the view fail, the page arrives as that empty frame.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import dash
from dash import dcc, html

from layouts._shared.links import area_picker
from layouts._shared.views import first_view
from layouts.partnership.listing import list_layout
from layouts.partnership.views import Profile, partnership_exists, profile_view
from presentation import ids

dash.register_page(__name__, path_template="/partnership/<code>", name="Partnership profile", nav=False, charts=True,
                   path_exists=partnership_exists,
                   title="Partnership profile – Combating Drugs Outcomes",
                   description="Every measure of the outcomes framework for one Combating Drugs Partnership.")
dash.register_page(f"{__name__}_list", path="/partnership", name="Partnerships", nav="Partnerships", order=2,
                   layout=list_layout, title="Partnerships – Combating Drugs Outcomes",
                   description="Every Combating Drugs Partnership, its region and member authorities.")

def _section(title: str, *children: Any, intro: str | None = None) -> html.Section:
    return html.Section([html.H2(title), html.P(intro) if intro else None, *children], className="mb-4")


#: The frame's parts before (or without) the profile: a heading, the body hidden, nothing else.
EMPTY = Profile(html.H1("Partnership profile"), None, True, None, None, None, None, None, None, [])


def layout(code: str | None = None, **_query: Any) -> html.Div:
    """The profile frame for partnership ``code`` (from the path); ``?present=1`` opens presentation mode."""
    if str(_query.get("present", "")).lower() in ("1", "true", "yes", "on"):
        return html.Div(dcc.Location(id="partnership-present-redirect",
                                     pathname=f"/present/{quote(code or '', safe='')}", refresh=True))
    download = html.Div([
        html.Button("Download this profile (CSV)", id=ids.PARTNERSHIP_DOWNLOAD_BUTTON, type="button",
                    className="btn btn-outline-primary"),
        dcc.Download(id=ids.PARTNERSHIP_DOWNLOAD),
    ], className="mb-3")
    view = first_view(profile_view, code) or EMPTY
    # The scroll regions are positioned so the visually hidden (absolutely positioned) cell texts are
    # clipped by them; otherwise those texts widen the whole page on a phone.
    scroll = {"position": "relative"}
    body = html.Div([
        html.Div([
            html.Div(view.footprint, id=ids.PARTNERSHIP_FOOTPRINT, className="col-md-6"),
            html.Div(view.map, id=ids.PARTNERSHIP_MAP, className="col-md-6"),
        ], className="row g-3 mb-3"),
        _section("Outcome pages for this partnership", html.Div(view.links, id=ids.PARTNERSHIP_LINKS)),
        _section("Every measure", download,
                 html.Div(view.profile, id=ids.PARTNERSHIP_PROFILE, className="table-scroll", tabIndex=0, role="region",
                          style=scroll, **{"aria-label": "Every measure: table"}),
                 intro="Partnership values pool the member authorities' counts. “Compared with England” tests the "
                       "difference at 95%; the change since baseline is also tested at 95%; the recent trend tests "
                       "the latest five periods. Select a measure to open its maps, charts and definition."),
        _section("Member authorities, latest period",
                 html.Div(view.members, id=ids.PARTNERSHIP_MEMBERS, className="table-scroll", tabIndex=0, role="region",
                          style=scroll, **{"aria-label": "Member authorities: table"}),
                 intro="Each local measure for the partnership and for each member authority. Values withheld by "
                       "the publisher to protect confidentiality read “Suppressed”; “No data” means nothing was "
                       "published for that authority and period."),
        html.Div(view.release, id=ids.PARTNERSHIP_RELEASE),
    ], id=ids.PARTNERSHIP_BODY, hidden=view.body_hidden)
    return html.Div([
        dcc.Store(id=ids.PARTNERSHIP_CODE, data=code),
        html.Div(view.status, id=ids.PARTNERSHIP_STATUS, role="status"),
        html.Div(view.header, id=ids.PARTNERSHIP_HEADER),
        body,
        html.Section([
            html.H2("Another partnership"),
            area_picker(ids.PARTNERSHIP_AREA, ids.PARTNERSHIP_AREA_SEARCH, ids.PARTNERSHIP_AREA_LIST,
                        "Partnership or local authority", options=view.area_options),
            html.P(html.A("List of all partnerships", href="/partnership")),
        ], className="mt-4"),
    ], className="partnership")
