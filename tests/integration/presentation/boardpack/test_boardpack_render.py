"""Rendering the pack from gathered data: deterministic bytes, the chart fallback, and the shared summary rules."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from tests.support.pdf_text import pdf_text


@pytest.fixture(scope="module")
def gathered(web_env):
    import app  # noqa: F401  (live caches: the tables are built once)
    from data_access.read.pinned import newest_release_id
    from presentation.boardpack.gather import gather_pack

    return gather_pack("cleveland", newest_release_id())


def test_the_same_data_renders_the_same_bytes(gathered):
    """Given the document is built invariant (no timestamps, fixed id), then two renders are byte-identical."""
    from presentation.boardpack.pdf import render_pack

    assert render_pack(gathered, pack_url="/x") == render_pack(gathered, pack_url="/x")


def test_a_chart_that_cannot_be_drawn_falls_back_to_its_table(gathered, monkeypatch, caplog):
    """Given the chart drawing fails, then the pack still builds, says so, shows the values and logs a line."""
    from presentation.boardpack import pdf

    def broken(*args, **kwargs):
        raise RuntimeError("no drawing today")

    monkeypatch.setattr(pdf, "trend_drawing", broken)
    with caplog.at_level(logging.WARNING, logger="presentation.boardpack.pdf"):
        words = pdf_text(pdf.render_pack(gathered))
    assert "The chart could not be drawn; its values are in this table." in words
    assert "Period Cleveland England" in words
    assert any("could not be drawn" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(("metric_id", "code", "level"), [
    ("drug_misuse_deaths", "cleveland", "partnership"), ("successful_completions_adults", "E06000001", "utla"),
    ("numbers_in_treatment", "E92000001", "country"), ("drug_use_last_year", "E92000001", "country"),
    ("prison_continuity_of_care", "barnet", "partnership"),
])
def test_summary_from_a_table_matches_the_live_summary(web_env, metric_id, code, level):
    """Given the live table, then the pinned summary rule gives exactly the live ``baseline_summary``."""
    import app  # noqa: F401
    from data_access.read import baseline_summary, metric_table
    from data_access.read.pinned import summary_from_table

    live = baseline_summary(metric_id, code, area_type=level)
    pinned = summary_from_table(metric_id, metric_table(metric_id), code, area_type=level)
    assert pinned.keys() == live.keys()
    for key, value in live.items():
        other = pinned[key]
        if isinstance(value, float) or isinstance(other, float):
            assert value == pytest.approx(other, nan_ok=True), key
        else:
            assert value == other or (pd.isna(value) and pd.isna(other)), key


def test_the_cover_cites_the_footprint_source(gathered):
    from presentation.boardpack.pdf import render_pack

    words = pdf_text(render_pack(gathered, pack_url="/x"))
    assert "Sourced grouping. Source: From Harm to Hope: First Annual Report 2022-23" in words
    assert "Cleveland Combating Drugs Partnership (cleveland.pcc.police.uk)" in words


def test_six_outcomes_with_their_headline_metrics(gathered):
    from data_access.catalogue import get_catalogue

    catalogue = get_catalogue()
    assert [o.outcome.id for o in gathered.outcomes] == [o.id for o in catalogue.outcomes]
    for outcome in gathered.outcomes:
        assert [m.spec.id for m in outcome.metrics] == list(outcome.outcome.headline_metric_ids)
        for metric in outcome.metrics:
            codes = set(metric.series["area_code"])
            assert codes <= ({"cleveland", "E92000001"} if metric.local else {"E92000001"})
