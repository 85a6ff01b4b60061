"""Plain Flask routes beside the Dash pages: CSV downloads, the readiness probe, and caching of fingerprinted assets."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from data_access.catalogue import UnknownMetric, get_catalogue
from data_access.db import get_engine
from data_access.read import AREA_TYPES, metric_periods
from data_access.read.csv_safety import safe_csv
from data_access.read.downloads import observations_download
from web.routes_boundaries import CACHE_CONTROL as IMMUTABLE

log = logging.getLogger(__name__)


def _bad_request(message: str) -> Response:
    return Response(message + "\n", status=400, mimetype="text/plain")


def download_observations() -> Response:
    """``/download/observations.csv?metric=…&area_type=…&period=…`` — a tidy CSV of one metric."""
    metric_id = request.args.get("metric", "")
    area_type = request.args.get("area_type") or None
    period = request.args.get("period") or None
    try:
        spec = get_catalogue().metric(metric_id)
    except UnknownMetric:
        known = ", ".join(sorted(get_catalogue().metrics))
        return _bad_request(f"Unknown metric {metric_id!r}. Use one of: {known}.")
    if area_type is not None and area_type not in AREA_TYPES:
        return _bad_request(f"Unknown area_type {area_type!r}. Use one of: {', '.join(AREA_TYPES)}.")
    if period is not None and period not in metric_periods(spec.id):
        return _bad_request(f"No period {period!r} for {spec.id}. Periods with data: {', '.join(metric_periods(spec.id))}.")
    frame = observations_download(spec.id, area_type=area_type, period=period)
    name = "_".join(part for part in (spec.id, area_type, (period or "").replace("/", "-")) if part)
    return Response(safe_csv(frame), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


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


def register_routes(server: Flask) -> None:
    server.add_url_rule("/download/observations.csv", "download_observations", download_observations)
    server.add_url_rule("/ready", "ready", ready)
    server.after_request(cache_fingerprinted_assets)
