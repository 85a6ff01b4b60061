"""A store holding only real-shaped data: every Fingertips vintage loads, then every table and page builds.

The exports are generated in the exact shape the Fingertips API sends (every column, England,
regions and authorities, value notes, Sex and Category Type rows, the area type names of every
vintage; tests/fixtures/fingertips_api). Nothing here is demonstration data, so every path below
has seen data that is not the project's own generator's.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data_access.catalogue import get_catalogue
from data_access.db import make_engine
from data_access.ingest import LoadResult, load_bytes
from data_access.setup import init_store
from tests.fixtures.fingertips_api.areas import AREA_TYPES
from tests.fixtures.fingertips_api.indicators import INDICATORS
from tests.fixtures.fingertips_api.server import all_data_csv

OUTCOME_PAGES = ["/outcome/drug-use", "/outcome/crime", "/outcome/deaths-and-harm", "/outcome/supply",
                 "/outcome/treatment", "/outcome/recovery"]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[int, LoadResult]]]:
    """A SQLite store with the exports of every area type loaded, each as one release."""
    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'real.sqlite3'}"
    engine = make_engine(url)
    init_store(engine)
    results = {area_type: load_bytes(all_data_csv(sorted(INDICATORS), area_type, 6).encode(), engine,
                                     source=f"fingertips-{area_type}.csv", geography=str(area_type))
               for area_type in sorted(AREA_TYPES)}
    engine.dispose()
    yield url, results


@pytest.fixture
def real_app(loaded, web_env) -> Iterator[None]:
    """The app pointed at the real-shaped store for one test."""
    import config
    from data_access import db
    from data_access.read.memory import clear

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", loaded[0])
        config.get_settings.cache_clear()
        db.reset_engines()
        clear()
        yield
    config.get_settings.cache_clear()
    db.reset_engines()
    clear()


def test_every_vintage_loads_and_counts_what_it_skips(loaded):
    _, results = loaded
    for area_type, result in results.items():
        assert result.created and result.rows > 0, area_type
        assert all(count > 0 for count in result.skipped.values()), result.skipped


def test_every_metric_table_builds_on_real_shapes_only(real_app):
    from data_access import read

    assert not any(r["is_demo"] for r in read.releases().to_dict("records"))
    for metric_id in get_catalogue().metrics:
        read.metric_table(metric_id)  # raises if any loaded shape breaks a metric
    deaths = read.metric_table("drug_misuse_deaths")
    assert not deaths.empty
    assert set(deaths["geography"].dropna()) <= {"2009", "2019", "2020", "2021", "2023"}
    latest = deaths["period_start"].max()
    england = deaths[(deaths["area_code"] == "E92000001") & (deaths["period_start"] == latest)]
    assert len(england) == 1
    manchester = deaths[(deaths["area_code"] == "greater-manchester") & (deaths["period_start"] == latest)]
    assert manchester["estimated"].all() and manchester["value"].notna().all()
    assert "Estimate" in manchester["note"].iloc[0]


def test_sex_rows_never_change_the_persons_figures(real_app):
    from data_access import read

    deaths = read.metric_table("drug_misuse_deaths")
    utla = deaths[deaths["area_type"] == "utla"]
    assert utla["value"].notna().any()


@pytest.mark.parametrize("path", ["/", *OUTCOME_PAGES, "/compare", "/partnership", "/partnership/greater-manchester",
                                  "/present/greater-manchester", "/metric/drug_misuse_deaths", "/about"])
def test_every_page_builds_on_real_shapes_only(real_app, client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    text = response.get_data(as_text=True)
    assert "Traceback" not in text


def test_the_board_pack_builds_on_real_shapes_only(real_app, client):
    response = client.get("/partnership/greater-manchester/pack.pdf", follow_redirects=True)
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
