"""A copy of the demonstration store with a second release loaded "later", and the app pointed at it.

Release 1 (the demonstration data) is back-dated to 1 June 2025; release 2, loaded now through the
real loader (``load_frame``), revises a few values and publishes a new period:

- successful completions, 2024/25, Cleveland's four members: numerators cut to 12% of the
  denominator, so Cleveland moves from better than England to worse;
- drug-related homicides, England, 2024/25: 330 → 345;
- numbers in treatment: a new period, 2025/26, for every area that had 2024/25.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from data_access.db import make_engine
from data_access.geography import ENGLAND
from data_access.models import Observation, Period, Release

SINCE = date(2025, 7, 1)
FIRST_LOADED = datetime(2025, 6, 1, 9, 0)
CLEVELAND_MEMBERS = ("E06000001", "E06000002", "E06000003", "E06000004")
COLUMNS = ["metric", "area_code", "period", "value", "numerator", "denominator", "lower_ci", "upper_ci", "note"]


def _rows(engine, metric_id: str, period: str, area_codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    query = (select(Observation.area_code, Observation.numerator, Observation.denominator, Observation.value)
             .join(Period, Period.id == Observation.period_id)
             .where(Observation.metric_id == metric_id, Period.label == period, Observation.breakdown == "all"))
    if area_codes:
        query = query.where(Observation.area_code.in_(area_codes))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["area_code", "numerator", "denominator", "value"])


def second_release(engine) -> pd.DataFrame:
    """The long-layout rows of release 2."""
    completions = _rows(engine, "successful_completions_adults", "2024/25", CLEVELAND_MEMBERS)
    completions["numerator"] = (completions["denominator"] * 0.12).round()
    completions["value"] = 100 * completions["numerator"] / completions["denominator"]
    completions = completions.assign(metric="successful_completions_adults", period="2024/25")
    treatment = _rows(engine, "numbers_in_treatment", "2024/25").dropna(subset=["numerator", "denominator"])
    treatment["numerator"] = (treatment["numerator"] * 1.05).round()
    treatment["value"] = 1000 * treatment["numerator"] / treatment["denominator"]
    treatment = treatment.assign(metric="numbers_in_treatment", period="2025/26")
    homicides = pd.DataFrame([{"metric": "drug_related_homicides", "area_code": ENGLAND, "period": "2024/25",
                               "value": 345.0, "numerator": 345.0, "denominator": float("nan")}])
    frame = pd.concat([completions, treatment, homicides], ignore_index=True)
    for column in ("lower_ci", "upper_ci", "note"):
        frame[column] = None
    return frame[COLUMNS]


def build_revised_store(demo_store_url: str, folder: Path) -> str:
    """Copy the demo store to ``folder``, back-date release 1 and load release 2; returns the new URL."""
    from data_access.ingest.load import load_frame

    target = folder / "revised.sqlite3"
    shutil.copy(make_url(demo_store_url).database, target)
    url = f"sqlite:///{target}"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(update(Release).values(loaded_at=FIRST_LOADED))
    load_frame(second_release(engine), engine, source="Revision test release", file_hash="revision-test-release-2",
               publisher="Test publisher", extracted_date=date.today())
    engine.dispose()
    return url


def clear_caches() -> None:
    """Forget every cached answer (shared cache and per-process memory) so no other store's data leaks in."""
    from data_access.cache import cache
    from data_access.read import memory

    memory.clear()
    if getattr(cache, "app", None) is not None:
        with cache.app.app_context():
            cache.clear()


@pytest.fixture(scope="module")
def revised_env(web_env, demo_store_url, tmp_path_factory) -> Iterator[str]:
    """The app (imported, so caches are live) reading the revised store with demonstration data shown beside
    real data; the demo store again afterwards."""
    import app  # noqa: F401
    import config
    from data_access import db

    url = build_revised_store(demo_store_url, tmp_path_factory.mktemp("revised"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        # Release 2 is real data revising the demonstration release: shown together only when asked for.
        patch.setenv("CDP_SHOW_DEMO", "1")
        config.get_settings.cache_clear()
        db.reset_engines()
        clear_caches()
        yield url
    config.get_settings.cache_clear()
    db.reset_engines()
    clear_caches()
