"""Revisions never reveal: "what changed" and pinned releases publish only what disclosure control allows.

A copy of the demonstration store gets a second release, loaded after the date, that revises the
latest quarter of prison continuity of care for one partnership's region:

- a withheld small count revised to another small count (e.g. 4 of 14 → 3 of 14);
- a shown count revised to a small one (→ 2 of its cohort);
- a shown count revised so that all but 2 of its cohort are counted (a small complement).

Printing either side of those revisions, or a change computed from them, would disclose a handful
of people: each must read "Suppressed".
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from data_access.db import make_engine
from data_access.models import Area, Observation, Period, Release
from tests.support.disclosure_solver import published_groups, recoverable_cells
from tests.support.layout_tree import text
from tests.support.revised_store import COLUMNS, FIRST_LOADED, SINCE, clear_caches

METRIC = "prison_continuity_of_care"
PERIOD = "Q4 2024/25"
REGION = "E12000002"  # North West


def _cells(engine) -> pd.DataFrame:
    query = (select(Observation.area_code, Observation.numerator, Observation.denominator)
             .join(Period, Period.id == Observation.period_id).join(Area, Area.code == Observation.area_code)
             .where(Observation.metric_id == METRIC, Period.label == PERIOD, Observation.breakdown == "all",
                    Area.parent_code == REGION, Area.type == "utla")
             .order_by(Observation.area_code))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["area_code", "numerator", "denominator"])


def _revisions(cells: pd.DataFrame) -> pd.DataFrame:
    """Three revised cells of the region: small → small, shown → small, shown → small complement."""
    small = cells[(cells["numerator"] >= 1) & (cells["numerator"] <= 4) & (cells["denominator"] >= 6)].iloc[0]
    shown = cells[(cells["numerator"] >= 10) & (cells["denominator"] - cells["numerator"] >= 10)]
    rows = [(small["area_code"], 5 - small["numerator"], small["denominator"]),
            (shown.iloc[0]["area_code"], 2.0, shown.iloc[0]["denominator"]),
            (shown.iloc[1]["area_code"], shown.iloc[1]["denominator"] - 2, shown.iloc[1]["denominator"])]
    frame = pd.DataFrame(rows, columns=["area_code", "numerator", "denominator"])
    frame = frame.assign(metric=METRIC, period=PERIOD, value=100 * frame["numerator"] / frame["denominator"])
    for column in ("lower_ci", "upper_ci", "note"):
        frame[column] = None
    return frame[COLUMNS]


@pytest.fixture(scope="module")
def revised(web_env, demo_store_url, tmp_path_factory) -> Iterator[pd.DataFrame]:
    """The app reading a demo-store copy with the second release; yields the revised rows."""
    import app  # noqa: F401
    import config
    from data_access import db
    from data_access.ingest.load import load_frame

    target = tmp_path_factory.mktemp("revealing") / "store.sqlite3"
    shutil.copy(make_url(demo_store_url).database, target)
    url = f"sqlite:///{target}"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(update(Release).values(loaded_at=FIRST_LOADED))
    rows = _revisions(_cells(engine))
    load_frame(rows, engine, source="Revision of small counts", file_hash="revision-small-counts",
               publisher="Test publisher", extracted_date=date.today())
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        patch.setenv("CDP_SHOW_DEMO", "1")
        config.get_settings.cache_clear()
        db.reset_engines()
        clear_caches()
        yield rows
    config.get_settings.cache_clear()
    db.reset_engines()
    clear_caches()


def _region_codes() -> list[str]:
    from data_access import read

    authorities = read.authorities(include_abolished=True)
    return list(authorities.loc[authorities["region_code"] == REGION, "code"])


def test_a_revision_of_a_withheld_cell_reads_suppressed(revised):
    from data_access.read import changes

    frame = changes.revised_values(SINCE, _region_codes())
    listed = frame[(frame["metric_id"] == METRIC) & (frame["period"] == PERIOD)].set_index("area_code")
    assert set(revised["area_code"]) <= set(listed.index)
    small, to_small, to_complement = revised["area_code"]
    assert listed.loc[small, "old_suppressed"] and listed.loc[small, "new_suppressed"]
    assert listed.loc[to_small, "new_suppressed"] and listed.loc[to_complement, "new_suppressed"]
    hidden = pd.concat([listed.loc[listed["old_suppressed"], "old_value"], listed.loc[listed["new_suppressed"], "new_value"]])
    assert hidden.isna().all(), "no withheld value is printed, old or new"


def test_every_revision_prints_what_the_releases_publish(revised):
    from data_access.read import changes
    from data_access.read.pinned import metric_table_as_of

    frame = changes.revised_values(SINCE, _region_codes())
    before, now = changes.release_before(SINCE), changes.newest_release_id()
    for side, release in (("old", before), ("new", now)):
        table = metric_table_as_of(METRIC, release).set_index(["area_code", "period"])
        for row in frame[frame["metric_id"] == METRIC].itertuples():
            published = table.loc[(row.area_code, row.period)]
            assert getattr(row, f"{side}_suppressed") == bool(published["suppressed"])
            value = getattr(row, f"{side}_value")
            assert (math.isnan(value) and math.isnan(published["value"])) or value == published["value"]


def test_the_page_shows_suppressed_never_the_raw_values(revised):
    from data_access import read
    from layouts.changes.parts import revisions_section
    from layouts.changes.views import changes_sections

    partnership = read.resolve_area(revised["area_code"].iloc[0])
    page = text(changes_sections({"code": partnership["partnership_code"], "name": partnership["name"]}, SINCE))
    assert "Revised values" in page
    from data_access.read import changes

    section = text(revisions_section(changes.revised_values(SINCE, list(revised["area_code"])), {}, SINCE))
    assert section.count("Suppressed") >= 4
    for row in revised.itertuples():
        shown = f"{100 * row.numerator / row.denominator:.1f}%"
        assert shown not in section, f"{row.area_code}: the revised small value {shown} is printed"


@pytest.mark.parametrize("which", ["before", "now"])
def test_pinned_tables_leave_nothing_recoverable(revised, which):
    from data_access import read
    from data_access.read import changes
    from data_access.read.pinned import metric_table_as_of

    release = changes.release_before(SINCE) if which == "before" else changes.newest_release_id()
    table = metric_table_as_of(METRIC, release)
    rows = table.assign(count=table["numerator"].where(~table["suppressed"]))
    assert recoverable_cells(rows, published_groups(read.authorities(include_abolished=True))) == []
