"""Plain Flask routes beside the Dash pages: CSV downloads (their parameters and help: ``routes_download``), the
readiness probe, the status of addresses no page has, and caching of fingerprinted assets."""

from __future__ import annotations

import logging

import dash
import pandas as pd
from flask import Flask, Response, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from data_access.db import get_engine
from data_access.read.csv_safety import safe_csv
from data_access.read.downloads import footprint_download, observations_download
from data_access.read.precision import at_published_precision
from layouts._shared.download_scheme import FOOTPRINT_PATH, OBSERVATIONS_PATH
from layouts._shared.page_head import registered_page
from web.routes_boundaries import CACHE_CONTROL as IMMUTABLE
from web.routes_download import BadParameter, checked_request, help_response

log = logging.getLogger(__name__)


def csv_response(frame: pd.DataFrame, name: str) -> Response:
    return Response(safe_csv(frame), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def download_observations() -> Response:
    """``/download/observations.csv?metric=…&area_type=…&period=…&area=…&precision=…`` — one metric as CSV."""
    if not request.args:
        return help_response(None, 200)
    try:
        asked = checked_request()
    except BadParameter as problem:
        return help_response(str(problem), 400)
    spec = asked["spec"]
    frame = observations_download(spec.id, area_type=asked["area_type"], period=asked["period"],
                                  area_codes=asked["areas"])
    parts = (spec.id, asked["area_type"], (asked["period"] or "").replace("/", "-"),
             "-".join(asked["areas"]) if 0 < len(asked["areas"]) <= 3 else "", "full" if asked["full"] else "")
    return csv_response(at_published_precision(frame, full=asked["full"], metric_id=spec.id),
                        "_".join(part for part in parts if part))


def download_footprint() -> Response:
    """``/download/footprint.csv`` — each partnership's member authorities, sourced or assumed, and the source."""
    return csv_response(footprint_download(), "partnership_footprint")


def ready() -> Response:
    """Readiness: 200 when the store answers, 503 (not ready) otherwise."""
    try:
        with get_engine().connect() as conn:
            conn.execute(select(1))
    except SQLAlchemyError as error:
        log.warning("store not ready: %s", error.__class__.__name__)
        return jsonify(status="not ready", store="unavailable"), 503
    return jsonify(status="ready", store="ok"), 200


#: Dash's route for the files in ``assets/``.
ASSETS_ENDPOINT = "_dash_assets.static"
#: Dash's routes that answer with its HTML shell: the app's root and the catch-all for every other path. Dash
#: names each route's endpoint after its rule, under the app's ``routes_pathname_prefix``.
DASH_PAGE_RULES = ("", "<path:path>")


def dash_page_endpoints() -> set[str]:
    prefix = dash.get_app().config.routes_pathname_prefix or "/"
    return {prefix + rule for rule in DASH_PAGE_RULES}


def cache_fingerprinted_assets(response: Response) -> Response:
    """Let browsers and CDNs keep an asset asked for by its fingerprinted address.

    An asset named with its modification time (``?m=…``, as Dash names every asset it puts in a
    page) never changes under that name, so it is cached as the content-hashed boundary layers are.

    Flask answers ``no-cache``, so every visit asked the server again for each of the app's dozen
    stylesheets and scripts, beside the page's own requests.
    """
    if request.endpoint == ASSETS_ENDPOINT and request.args.get("m") and response.status_code in (200, 304):
        response.headers["Cache-Control"] = IMMUTABLE
    return response


#: The module name Dash gives its "page not found" page (``layouts/not_found_404.py``).
NOT_FOUND_MODULE = "not_found_404"


def is_page_address(path: str) -> bool:
    """True when a registered page (other than "page not found") answers ``path``, as Dash's router finds it.

    A page with a path template may register ``path_exists`` (a function of its path variables): then
    ``/metric/<metric_id>`` is a page only for a metric the catalogue has. Should that check fail, the
    address counts as a page; the page itself says what it can.
    """
    page, variables = registered_page(path)
    if not page or page.get("module", "").rpartition(".")[2] == NOT_FOUND_MODULE:
        return False
    exists = page.get("path_exists")
    if not callable(exists) or not variables:
        return True
    try:
        return bool(exists(**variables))
    except Exception:  # noqa: BLE001 - a status is not worth an error page
        log.warning("could not check whether %s exists", page.get("module"), exc_info=True)
        return True


def not_found_status(response: Response) -> Response:
    """Answer 404 for an address no page has, keeping the page Dash serves for it.

    Dash answers every path with its HTML shell (status 200), and its router then shows the friendly
    "page not found" page. The status is what search engines, link checkers and monitoring read, so
    it is set here, after Dash has built the response; the HTML, and so the first view of a real page
    (``layouts/_shared/first_view``), is left as Dash made it. Only Dash's own catch-all addresses
    are looked at, never the app's API, assets or Flask routes.
    """
    if (response.status_code == 200 and request.method == "GET" and request.endpoint in dash_page_endpoints()
            and not is_page_address(request.path)):
        response.status_code = 404
    return response


def register_routes(server: Flask) -> None:
    server.add_url_rule(OBSERVATIONS_PATH, "download_observations", download_observations)
    server.add_url_rule(FOOTPRINT_PATH, "download_footprint", download_footprint)
    server.add_url_rule("/ready", "ready", ready)
    server.after_request(cache_fingerprinted_assets)
    server.after_request(not_found_status)
