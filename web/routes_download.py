"""What the CSV route (``web.routes.download_observations``) was asked for, and the help it answers with.

The addresses and parameters are ``layouts._shared.download_scheme`` (documented on the /download page).
Values are written at the metric's published precision unless ``precision=full`` asks for every digit
(``data_access.read.precision``). A request the route cannot answer — no parameters, an unknown metric,
area type, period, area or precision — gets a short page that explains the parameters and links to
/download, instead of a bare error: 200 when nothing was asked (the address alone, followed from a
note or typed in), 400 when a parameter is wrong, saying which.
"""

from __future__ import annotations

from html import escape

from flask import Response, request

from data_access.catalogue import UnknownMetric, get_catalogue
from data_access.read import AREA_TYPES, metric_periods
from data_access.read.precision import PRECISIONS
from data_access.read.tables import shared_geography
from layouts._shared.download_scheme import (
    DOWNLOADS_PAGE,
    EXAMPLES,
    FULL_PRECISION,
    MAX_AREAS,
    OBSERVATIONS_PATH,
    PARAMETERS,
)
from layouts._shared.shell import SERVICE_NAME

#: The site's own stylesheets (``assets/``), so the help reads like the rest of the site.
STYLESHEETS = ("00_bootstrap.min.css", "theme.css")
#: Longest parameter value echoed back in the help (the rest is cut, so the page stays short).
ECHO_LIMIT = 60


class BadParameter(ValueError):
    """A download parameter the route cannot use; its message says which and why."""


def help_response(problem: str | None, status: int) -> Response:
    """The parameters explained, with ``problem`` (what was wrong) first and a link to the downloads page."""
    rows = "".join(f"<tr><th scope=\"row\"><code>{escape(p.name)}</code></th><td>{escape(p.values)}</td>"
                   f"<td>{escape(p.meaning)}</td></tr>" for p in PARAMETERS)
    examples = "".join(f"<li><a href=\"{escape(href)}\"><code>{escape(href)}</code></a> — {escape(what)}</li>"
                       for href, what in EXAMPLES)
    lead = (f"<p><strong>{escape(problem)}</strong></p>" if problem else
            "<p>This address gives one measure's figures as a CSV file. Say which measure with "
            "<code>?metric=</code>, and narrow it with the parameters below.</p>")
    styles = "".join(f"<link rel=\"stylesheet\" href=\"/assets/{name}\">" for name in STYLESHEETS)
    body = (f"<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
            f"content=\"width=device-width, initial-scale=1\"><title>CSV downloads — {escape(SERVICE_NAME)}</title>"
            f"{styles}</head><body><main class=\"container-lg py-4\"><h1>Download a measure as CSV</h1>{lead}"
            f"<p>Every measure's file, and the partnership footprint, are listed on the "
            f"<a href=\"{DOWNLOADS_PAGE}\">Download data</a> page.</p>"
            f"<h2>Parameters of <code>{OBSERVATIONS_PATH}</code></h2><table class=\"table table-sm\"><thead><tr><th scope=\"col\">Parameter"
            "</th><th scope=\"col\">Values</th><th scope=\"col\">What it does</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><h2>Examples</h2><ul>{examples}</ul></main></body></html>")
    return Response(body, status=status, mimetype="text/html")


def _shown(value: str) -> str:
    return repr(value if len(value) <= ECHO_LIMIT else value[:ECHO_LIMIT] + "…")


def requested_areas() -> list[str]:
    """The ``area`` codes asked for: repeated parameters, comma-separated lists or both, in order, once each."""
    codes = [code.strip() for value in request.args.getlist("area") for code in value.split(",")]
    return list(dict.fromkeys(code for code in codes if code))


def checked_areas(codes: list[str]) -> list[str]:
    """``codes`` when every one is an area or partnership the store knows; else ``BadParameter``."""
    if len(codes) > MAX_AREAS:
        raise BadParameter(f"Name at most {MAX_AREAS} areas; {len(codes)} were given.")
    geography = shared_geography()
    known = set(geography["areas"]["code"]) | set(geography["members"]["partnership_code"])
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise BadParameter(f"Unknown area {_shown(unknown[0])}. Use an area code (E92000001 for England, a region's "
                           "or an authority's code) or a partnership code, as the CSV files list them.")
    return codes


def checked_request() -> dict:
    """The download the query string asks for, or ``BadParameter`` saying what is wrong with it."""
    metric_id = request.args.get("metric", "")
    try:
        spec = get_catalogue().metric(metric_id)
    except UnknownMetric:
        if not metric_id:
            raise BadParameter("Say which measure with ?metric=<id>: the metric parameter is missing.") from None
        raise BadParameter(f"Unknown metric {_shown(metric_id)}. Each measure's id is listed on the "
                           "Download data page.") from None
    area_type = request.args.get("area_type") or None
    if area_type is not None and area_type not in AREA_TYPES:
        raise BadParameter(f"Unknown area_type {_shown(area_type)}. Use one of: {', '.join(AREA_TYPES)}.")
    period = request.args.get("period") or None
    if period is not None and period not in metric_periods(spec.id):
        raise BadParameter(f"No period {_shown(period)} for {spec.id}. Periods with data: "
                           f"{', '.join(metric_periods(spec.id)) or 'none yet'}.")
    precision = request.args.get("precision") or PRECISIONS[0]
    if precision not in PRECISIONS:
        raise BadParameter(f"Unknown precision {_shown(precision)}. Use published (the default) or {FULL_PRECISION}.")
    return {"spec": spec, "area_type": area_type, "period": period, "areas": checked_areas(requested_areas()),
            "full": precision == FULL_PRECISION}
