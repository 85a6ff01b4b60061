"""Bring a store from empty to ready: schema, catalogue, release schedule, areas and the default footprint."""

from __future__ import annotations

from sqlalchemy import Engine

from data_access.catalogue.schedule_store import load_default_schedule
from data_access.catalogue.store import sync_catalogue
from data_access.db import session_scope
from data_access.generation import renew_generation
from data_access.geography import load_areas, load_default_footprint
from data_access.schema import upgrade


def init_store(engine: Engine) -> dict[str, int]:
    """Idempotent: safe to run on every start-up and after every upgrade."""
    upgrade(engine)
    with session_scope(engine) as session:
        metrics = sync_catalogue(session)
        load_default_schedule(session)
        areas = load_areas(session)
        footprint = load_default_footprint(session)
        renew_generation(session)
        return {"metrics": metrics, "areas": areas, "footprint_version": footprint.id}
