"""Estimates, publisher notes and the geography vintage reach every output.

A real-shaped store: drug misuse deaths (a directly standardised rate) for the ten Greater Manchester
authorities with their published rates, counts and populations but no age-specific counts, so the
partnership's rate is an estimate; Cornwall with the publisher's note "Includes Isles of Scilly"; one
authority marked provisional; England as published. Each output is then read as a person would see it:
the CSV download, the area and trend tables, the map and trend hover labels, the chart provenance lines,
the partnership profile, the metric page and the board pack's text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from html import escape

import pandas as pd
import pytest

from data_access.db import make_engine
from data_access.ingest import load_bytes
from data_access.setup import init_store
from data_access.statistics.dsr_estimate import METHOD_NOTE
from presentation.blocks.static import block_markup
from tests.support.layout_tree import text
from tests.support.pdf_text import pdf_text

DEATHS = "drug_misuse_deaths"
MANCHESTER = "greater-manchester"
CORNWALL = "E06000052"
SCILLY = "Includes Isles of Scilly"
PERIODS = ("2019-21", "2020-22")
VINTAGE_WORDS = "Authorities: upper-tier local authorities as they were April 2021 to March 2023"


def _csv() -> bytes:
    lines = ["metric,area_code,period,value,numerator,denominator,lower_ci,upper_ci,note"]
    for shift, period in enumerate(PERIODS):
        for i in range(1, 11):
            deaths, population = 20 + i + shift, 200_000 + 10_000 * i
            rate = round(deaths / population * 100_000, 2)
            note = "Provisional" if i == 2 and period == PERIODS[-1] else ""
            lines.append(f"{DEATHS},E080000{i:02d},{period},{rate},{deaths},{population},{round(rate * 0.6, 2)},"
                         f"{round(rate * 1.5, 2)},{note}")
        lines.append(f"{DEATHS},{CORNWALL},{period},9.1,50,570000,6.7,12.0,{SCILLY}")
        lines.append(f"{DEATHS},E92000001,{period},5.1,8000,170000000,5.0,5.2,")
    return "\n".join(lines).encode()


@pytest.fixture(scope="module")
def estimate_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('estimates') / 'store.sqlite3'}"
    engine = make_engine(url)
    init_store(engine)
    load_bytes(_csv(), engine, source="deaths.csv")
    engine.dispose()
    return url


@pytest.fixture
def shown(estimate_store, web_env) -> Iterator[None]:
    """The app pointed at the store for one test."""
    import app  # noqa: F401  (the callbacks and their caches, as when serving)
    import config
    from data_access import db
    from data_access.read.memory import clear

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", estimate_store)
        config.get_settings.cache_clear()
        db.reset_engines()
        clear()
        yield
    config.get_settings.cache_clear()
    db.reset_engines()
    clear()


def _spec():
    from data_access.catalogue import get_catalogue

    return get_catalogue().metric(DEATHS)


def test_the_table_marks_the_estimate_keeps_notes_and_flags_provisional(shown):
    from data_access.read import metric_table

    table = metric_table(DEATHS).set_index(["area_code", "period"])
    manchester = table.loc[(MANCHESTER, PERIODS[-1])]
    assert bool(manchester["estimated"]) and manchester["note"] == METHOD_NOTE and manchester["value"] > 0
    # A partnership of one authority shows that authority's published figure and note, not an estimate.
    cornwall = table[table["area_name"].str.contains("Cornwall", na=False) & (table["area_type"] == "partnership")]
    assert not cornwall["estimated"].any() and set(cornwall["note"]) == {SCILLY}
    assert bool(table.loc[("E08000002", PERIODS[-1]), "provisional"])
    assert not bool(table.loc[("E08000002", PERIODS[0]), "provisional"])


def test_the_csv_carries_estimated_note_and_geography(shown, client):
    response = client.get(f"/download/observations.csv?metric={DEATHS}")
    assert response.status_code == 200
    frame = pd.read_csv(io.StringIO(response.get_data(as_text=True)), dtype={"geography": str})
    manchester = frame[(frame["area_code"] == MANCHESTER) & (frame["period"] == PERIODS[-1])].iloc[0]
    assert bool(manchester["estimated"]) and manchester["note"] == METHOD_NOTE
    assert set(frame["geography"]) == {"2021"}
    assert manchester["geography_label"] == VINTAGE_WORDS.removeprefix("Authorities: ")
    cornwall = frame[(frame["area_code"] == CORNWALL)]
    assert set(cornwall["note"]) == {SCILLY} and not cornwall["estimated"].any()


def test_the_area_tables_mark_the_estimate_and_show_notes(shown):
    from layouts.outcome.map_views import map_description

    table, meta, _ = map_description(_spec(), "partnership", PERIODS[-1], None)
    markup = block_markup(table)
    assert "(estimate)" in markup and "Notes" in markup
    assert "Estimate: see the note below the table" in markup and escape(METHOD_NOTE) in markup
    assert SCILLY in markup
    assert VINTAGE_WORDS in text(meta)
    authorities, _, _ = map_description(_spec(), "utla", PERIODS[-1], None)
    assert SCILLY in block_markup(authorities) and "Provisional" in block_markup(authorities)
    assert "(estimate)" not in block_markup(authorities)


def test_map_hover_labels_say_estimate_and_carry_notes(shown):
    from callbacks.outcome.map import categorised

    hover = categorised(_spec(), "partnership", PERIODS[-1], "comparison").set_index("area_code")["hover"]
    assert "(estimate)" in hover[MANCHESTER] and METHOD_NOTE in hover[MANCHESTER]
    assert all("(estimate)" not in label for code, label in hover.items() if code != MANCHESTER)
    authorities = categorised(_spec(), "utla", PERIODS[-1], "value").set_index("area_code")["hover"]
    assert f"Note: {SCILLY}" in authorities[CORNWALL]


def test_the_trend_marks_estimates_in_hover_marker_table_and_provenance(shown):
    from layouts.outcome.views import build_trend

    chosen = {"code": MANCHESTER, "name": "Greater Manchester", "type": "partnership",
              "partnership_code": MANCHESTER}
    figure, sentence, table, meta, _ = build_trend(_spec(), chosen)
    line = next(t for t in figure.data if t.name == "Greater Manchester")
    assert all("(estimate)" in label and METHOD_NOTE in label for label in line.text)
    assert set(line.marker.symbol) == {"circle-open"}
    assert any(a.name == "estimate" for a in figure.layout.annotations)
    assert "(estimate)" in sentence
    assert "(estimate)" in block_markup(table) and escape(METHOD_NOTE) in block_markup(table)
    assert VINTAGE_WORDS in text(meta)
    _, _, cornwall_table, _, _ = build_trend(_spec(), {"code": CORNWALL, "name": "Cornwall", "type": "utla",
                                                       "partnership_code": None})
    assert SCILLY in block_markup(cornwall_table)


def test_the_partnership_profile_marks_the_estimate(shown):
    from data_access.read import area_profile
    from layouts.partnership.profile import profile_table

    profile = area_profile(MANCHESTER, area_type="partnership")
    row = profile[profile["metric_id"] == DEATHS].iloc[0]
    assert bool(row["estimated"]) and row["note"] == METHOD_NOTE
    words = text(profile_table(profile, area_code=MANCHESTER, area_name="Greater Manchester", spreads={}))
    assert "(estimate)" in words


def test_the_metric_page_states_the_estimate_method(shown):
    from layouts.metric.page import metric_detail

    words = text(metric_detail(_spec()))
    assert "population-weighted mean of the member authorities' published rates" in words
    assert "Dobson et al. (1991)" in words
    assert "exact and not labelled as an estimate" in words


def test_the_board_pack_says_estimate_and_carries_notes(shown):
    from data_access.read.pinned import newest_release_id
    from presentation.boardpack.gather import gather_pack
    from presentation.boardpack.pdf import render_pack

    release = newest_release_id()
    words = pdf_text(render_pack(gather_pack(MANCHESTER, release)))
    assert "(estimate)" in words
    assert f"Note: Greater Manchester: {METHOD_NOTE}" in words
    assert "Greater Manchester (open circles: estimates)" in words
    assert VINTAGE_WORDS in words
    cornwall = pdf_text(render_pack(gather_pack(CORNWALL, release)))
    assert SCILLY in cornwall and "(estimate)" not in cornwall


def test_the_compare_table_and_its_csv_mark_the_estimate(shown):
    from data_access.read import area_values, partnerships
    from layouts.compare.table import compare_frame, download_frame, heatmap_table

    values = area_values(DEATHS, area_type="partnership", period=PERIODS[-1])
    frame = compare_frame(partnerships(), {DEATHS: values}, level="95")
    table = heatmap_table(frame, [_spec()], periods={DEATHS: PERIODS[-1]}, england={DEATHS: 5.1}, level="95",
                          caption="Partnerships")
    markup = block_markup(table) or text(table)
    assert "(estimate)" in markup and escape(METHOD_NOTE) in markup
    csv = download_frame(frame, [_spec()], periods={DEATHS: PERIODS[-1]}, england={DEATHS: 5.1}, level="95",
                         release=None).set_index("area_code")
    assert bool(csv.loc[MANCHESTER, "estimated"]) and csv.loc[MANCHESTER, "note"] == METHOD_NOTE


def test_a_headline_tile_marks_the_estimate(shown):
    from presentation.blocks import headline_tile

    latest = {"value": 10.0, "period": PERIODS[-1], "suppressed": False, "estimated": True}
    assert "(estimate)" in text(headline_tile(_spec(), latest, None, None))
    assert "(estimate)" not in text(headline_tile(_spec(), {**latest, "estimated": False}, None, None))
