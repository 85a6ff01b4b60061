"""The "what changed" queries on both stores (SQLite and PostgreSQL), over two tiny releases loaded by the real loader."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import update

from data_access.models import Release
from tests.support.revised_store import COLUMNS, clear_caches

METRIC = "successful_completions_adults"
SINCE = date(2025, 7, 1)


def _frame(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame([{"metric": METRIC, "area_code": area, "period": period, "numerator": num,
                           "denominator": den, "value": 100 * num / den} for area, period, num, den in rows])
    for column in ("lower_ci", "upper_ci", "note"):
        frame[column] = None
    return frame[COLUMNS]


@pytest.fixture
def two_releases(store, store_url, monkeypatch):
    """Release 1 (loaded 1 June 2025): two authorities, 2023/24. Release 2 (now): one revised, 2024/25 new."""
    import config
    from data_access import db
    from data_access.ingest.load import load_frame

    load_frame(_frame([("E06000001", "2023/24", 100, 500), ("E06000002", "2023/24", 80, 400)]), store,
               source="first", file_hash="changes-backend-1")
    with store.begin() as conn:
        conn.execute(update(Release).values(loaded_at=datetime(2025, 6, 1, 9, 0)))
    load_frame(_frame([("E06000001", "2023/24", 120, 500), ("E06000001", "2024/25", 90, 450)]), store,
               source="second", file_hash="changes-backend-2")
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.setenv("CDP_MODE", "internal")
    config.get_settings.cache_clear()
    db.reset_engines()
    clear_caches()
    yield store
    db.reset_engines()
    config.get_settings.cache_clear()
    clear_caches()


def test_releases_new_periods_and_revisions(two_releases):
    from data_access.read import changes

    assert list(changes.releases_since(SINCE)["source"]) == ["second"]
    assert changes.release_before(SINCE) is not None
    new = changes.new_periods(SINCE)
    assert list(zip(new["metric_id"], new["period"], strict=True)) == [(METRIC, "2024/25")]
    revised = changes.revised_values(SINCE, ["E06000001", "E06000002"])
    assert len(revised) == 1
    row = revised.iloc[0]
    assert (row["area_code"], row["period"]) == ("E06000001", "2023/24")
    assert (row["old_value"], row["new_value"]) == pytest.approx((20.0, 24.0))
