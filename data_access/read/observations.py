"""Fetch the current observations of one metric: the newest visible release wins per cell."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data_access.db import get_engine
from data_access.models import Observation, Period, Release
from data_access.read.releases import visible_release_filter

OBSERVATION_COLUMNS = ["area_code", "period", "period_type", "period_start", "period_end", "breakdown", "value",
                       "numerator", "denominator", "lower_ci", "upper_ci", "suppressed", "note", "release_id",
                       "is_demo", "geography"]
_KEY = ["area_code", "period", "period_type", "breakdown"]


def current_observations(metric_id: str, *, release_id: int | None = None) -> pd.DataFrame:
    """Every cell of ``metric_id`` as of the newest visible release (or as of ``release_id``).

    Bounded: one metric at a time, at most a few tens of thousands of rows.
    """
    query = (
        select(Observation.area_code, Period.label, Period.type, Period.start, Period.end, Observation.breakdown,
               Observation.value, Observation.numerator, Observation.denominator, Observation.lower_ci,
               Observation.upper_ci, Observation.suppressed, Observation.note, Observation.release_id,
               Release.is_demo, Observation.geography)
        .join(Period, Period.id == Observation.period_id)
        .join(Release, Release.id == Observation.release_id)
        .where(Observation.metric_id == metric_id, visible_release_filter())
    )
    if release_id is not None:
        query = query.where(Observation.release_id <= release_id)
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    if frame.empty:
        return frame
    frame = frame.sort_values("release_id").drop_duplicates(_KEY, keep="last")
    for column in ("value", "numerator", "denominator", "lower_ci", "upper_ci"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["suppressed"] = frame["suppressed"].astype(bool)
    return frame.reset_index(drop=True)
