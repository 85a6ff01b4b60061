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
    assert "Period Cleveland North East England" in words  # the chart's lines: the partnership, its region, England
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
            assert codes <= ({"cleveland", "E12000001", "E92000001"} if metric.local else {"E92000001"})


def test_local_measures_carry_the_region_the_outcome_page_draws(gathered):
    """Given Cleveland's region (North East), then each local measure's series holds the rows the outcome page's
    trend chart reads for it (``comparator_codes``: the partnership, its region, England)."""
    import pandas as pd

    from data_access.read import series
    from layouts.outcome.checks import comparator_codes

    assert (gathered.region_code, gathered.region_name) == ("E12000001", "North East")
    codes = comparator_codes({"code": "cleveland", "type": "partnership"})
    local = [m for o in gathered.outcomes for m in o.metrics if m.local]
    assert local
    for metric in local:
        web = series(metric.spec.id, area_codes=codes)
        region = metric.series[metric.series["area_type"] == "region"]
        assert set(region["area_code"]) == {"E12000001"}, metric.spec.id
        expected = web[web["area_code"] == "E12000001"].sort_values("period_start", ignore_index=True)
        pd.testing.assert_series_equal(region["value"].reset_index(drop=True), expected["value"], check_names=False)


@pytest.fixture(scope="module")
def manchester(web_env):
    import app  # noqa: F401
    from data_access.read.pinned import newest_release_id
    from presentation.boardpack.gather import gather_pack

    return gather_pack("greater-manchester", newest_release_id())


def _metric(pack, metric_id):
    return next((o, m) for o in pack.outcomes for m in o.metrics if m.spec.id == metric_id)


def _chart_svg(pack, metric_id) -> str:
    """The SVG the pack embeds for ``metric_id``'s trend chart."""
    import base64
    import re

    from presentation.boardpack.charts import trend_drawing
    from presentation.boardpack.html_sections import chart

    outcome, metric = _metric(pack, metric_id)
    html = chart(metric, pack, outcome, trend_drawing)
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    return base64.b64decode(data).decode("utf-8")


def test_the_chart_draws_the_region_and_the_ambition_as_the_web_does(manchester):
    """Given Greater Manchester (North West) and numbers in treatment (a numeric ambition), then the pack's chart
    names North West and England's ambition in the web chart's words, and draws the web's trajectory."""
    import html

    from data_access.read.ambition import england_ambition
    from presentation.figures.ambition import trace_name

    svg = _chart_svg(manchester, "numbers_in_treatment")
    _, metric = _metric(manchester, "numbers_in_treatment")
    web = england_ambition("numbers_in_treatment")  # what the outcome page's chart draws (newest release)
    assert web.trajectory and metric.ambition == web
    assert ">North West<" in svg
    assert f">{trace_name(web)}<" in html.unescape(svg)
    no_target = _chart_svg(manchester, "successful_completions_adults")
    assert ">North West<" in no_target and "England's ambition" not in no_target


def test_the_pack_says_whether_england_is_on_track_in_the_status_summary_words(manchester):
    """Given a drawn trajectory, then the words under the chart are the dashboard's status summary sentence."""
    from data_access.read.status import status_summary
    from presentation.boardpack import compose
    from presentation.status_words import ambition_sentence

    live = {row.spec.id: row for row in status_summary("greater-manchester").rows}
    for metric_id in ("numbers_in_treatment", "county_lines_closed"):
        _, metric = _metric(manchester, metric_id)
        assert compose.ambition_status(metric, manchester) == ambition_sentence(live[metric_id])
    _, none = _metric(manchester, "drug_use_last_year")
    assert compose.ambition_status(none, manchester) is None


def test_the_region_and_ambition_labels_are_in_the_pdf(manchester):
    from presentation.boardpack.pdf import render_pack

    words = pdf_text(render_pack(manchester))
    assert "Greater Manchester North West England" in words  # a chart's legend, in drawing order
    assert "England's ambition: 54,500 more people in treatment by 2024/25" in words
