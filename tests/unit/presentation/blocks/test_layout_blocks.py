"""Blocks: chart card accessibility wiring, accessible tables, tiles, banners, definitions, provenance."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import plotly
from dash import dcc

from data_access.catalogue.schedule import ScheduleEntry, answer
from presentation import ids
from presentation.blocks import (
    Column,
    area_values_table,
    chart_card,
    data_table,
    definition_panel,
    demo_banner,
    headline_tile,
    provenance_footer,
)
from presentation.blocks.static import block_markup
from presentation.figures import sparkline_svg
from tests.support.layout_samples import area_values, baseline_summary, series, spec
from tests.support.layout_tree import find, text

DEATHS = "drug_misuse_deaths"
TODAY = date(2026, 12, 4)


def release_on(released: date, precision: str = "day"):
    """What the schedule says on TODAY about a release of ``DEATHS`` announced for ``released``."""
    return answer(ScheduleEntry(DEATHS, released, precision, "2025 registrations", "ONS release calendar",
                                date(2026, 11, 30)), TODAY)


def serialises(component) -> bool:
    """Dash can send it to the browser (every prop is JSON-serialisable and valid)."""
    return bool(json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder))


class TestChartCard:
    def card(self, **kwargs):
        defaults = {"name": "outcome-trend", "summary_text": "In Cleveland …", "source_line": "Source: ONS",
                    "updated_line": "Data up to 2021-23", "definition_link": "/definitions#definition-x"}
        defaults.update(kwargs)
        return chart_card("Deaths related to drug misuse", dcc.Graph(id=ids.OUTCOME_TREND), **defaults)

    def test_graph_described_by_summary(self):
        """Given a card, then the chart region's aria-describedby names the summary paragraph's DOM id."""
        card = self.card()
        region = find(card, "Div", role="figure")[0]
        summary = find(card, "P", id=ids.chart_summary("outcome-trend"))[0]
        assert getattr(region, "aria-describedby") == ids.dom_id(summary.id)
        assert getattr(region, "aria-label") == "Deaths related to drug misuse"
        assert summary.children == "In Cleveland …"

    def test_heading_level_configurable(self):
        assert find(self.card(), "H2")[0].children == "Deaths related to drug misuse"
        assert find(self.card(heading_level=3), "H3") and not find(self.card(heading_level=3), "H2")

    def test_table_in_native_details(self):
        card = self.card(table_component=data_table(area_values(), [("area_name", "Area")], "Areas"))
        details = find(card, "Details")[0]
        assert find(details, "Summary")[0].children == "Show as table"
        assert find(details, "Div", id=ids.chart_table("outcome-trend"))
        assert find(details, "Table")

    def test_download_definition_and_provenance(self):
        card = self.card()
        assert find(card, "Button", id=ids.chart_download_button("outcome-trend"))
        assert find(card, "Download", id=ids.chart_download("outcome-trend"))
        assert find(card, "A", href="/definitions#definition-x")
        meta = find(card, "Div", id=ids.chart_meta("outcome-trend"))[0]
        assert text(meta) == "Source: ONS Data up to 2021-23"
        assert serialises(card)

    def test_hidden_summary_option(self):
        summary = find(self.card(summary_visible=False), "P", id=ids.chart_summary("outcome-trend"))[0]
        assert "visually-hidden" in summary.className


class TestDataTable:
    def test_caption_headers_and_row_headers(self):
        table = area_values_table(area_values(), spec(DEATHS), "Deaths related to drug misuse, 2021-23")
        assert find(table, "Caption")[0].children == "Deaths related to drug misuse, 2021-23"
        headers = find(table, "Th", scope="col")
        assert [h.children for h in headers][:2] == ["Area", "Value (per 100,000 (age-standardised))"]
        assert headers[1].className == "num"
        row_headers = [h.children for h in find(table, "Th", scope="row")]
        assert row_headers[0] == "England"

    def test_suppressed_and_missing_cells(self):
        """Given a suppressed row and a missing row, then cells read 'Suppressed' and 'No data', never 0."""
        table = area_values_table(area_values(), spec(DEATHS), "Caption")
        rows = {text(r.children[0]): r for r in find(table, "Tr")[1:]}
        assert rows["Rutland"].children[1].children == "Suppressed"
        assert rows["Rutland"].children[4].children == "Suppressed"
        assert rows["Rutland"].children[5].children == "100,000"
        assert "No data" in text(rows["Isles"].children[1])
        assert text(rows["Cleveland"].children[1]) == "9.8"
        assert "0.0" not in text(rows["Rutland"])

    def test_tuple_columns_and_highlight(self):
        frame = area_values()[["area_code", "area_name", "value", "suppressed"]]
        table = data_table(frame, [Column("area_name", "Area"), ("value", "Value", True)], "C", highlight_code="P2")
        selected = [r for r in find(table, "Tr") if getattr(r, "className", None) == "is-selected"]
        assert len(selected) == 1 and text(selected[0]).startswith("Avon")
        assert serialises(table)


class TestTileBannerDefinition:
    def test_headline_tile(self):
        cleveland = series()
        spark = sparkline_svg(cleveland[cleveland["area_code"] == "P1"])
        tile = headline_tile(spec(DEATHS), {"value": 9.8, "period": "2021-23", "suppressed": False},
                             baseline_summary(), "worse", spark, release_on(date(2027, 10, 22)),
                             href="/outcome/deaths-and-harm")
        words = text(tile)
        assert "9.8 per 100,000" in words and "2021-23" in words
        assert "Worse than England" in words
        assert "▲ Worsened since baseline (significant)" in words
        assert "+2.1 per 100,000 (+27.3%) since 2019-21 baseline" in words
        assert "Next release: 22 October 2027 (covering 2025 registrations)" in words
        sparkline = find(tile, "Div", className="tile__sparkline")[0]
        assert getattr(sparkline, "aria-hidden") == "true" and block_markup(sparkline).startswith("<svg")
        assert tile.id == ids.headline_tile(DEATHS)
        assert serialises(tile)

    def test_tile_never_shows_a_past_date_as_the_next_release(self):
        latest = {"value": 9.8, "period": "2021-23"}
        tile = headline_tile(spec(DEATHS), latest, None, None, None, release_on(date(2023, 11, 30), "season"))
        assert "Next release not yet announced" in text(tile) and "2023" not in text(tile)
        unannounced = headline_tile(spec(DEATHS), latest, None, None, None, answer(None, TODAY))
        assert "Next release" not in text(unannounced)

    def test_tile_suppressed_and_no_baseline(self):
        tile = headline_tile(spec("drug_hospital_admissions"), {"value": np.nan, "suppressed": True}, None, None)
        assert "Suppressed" in text(tile) and "No baseline set" in text(tile)

    def test_improvement_can_point_down(self):
        """Given a lower-is-better metric that fell, then ▼ is paired with 'Improved' (words carry the judgement)."""
        tile = headline_tile(spec(DEATHS), {"value": 6.7, "period": "2021-23"},
                             baseline_summary(change=-1.0, latest_value=6.7, significance="improved"), "similar")
        assert "▼ Improved since baseline (significant)" in text(tile)

    def test_demo_banner(self):
        banner = demo_banner()
        assert banner.role == "status"
        assert text(banner).startswith("Demonstration data — not real figures.")

    def test_definition_panel_confidence(self):
        assert ("Confidence in this definition: low — only the title is published; the definition, source and "
                "geography are not yet confirmed") in text(definition_panel(spec("homelessness_drug_dependency_need")))
        panel = definition_panel(spec(DEATHS))
        assert ("Confidence in this definition: high — the definition and source are confirmed from published "
                "documents") in text(panel)
        assert "Lower is better" in text(panel) and "2019-21" in text(panel)
        assert panel.id == ids.definition_anchor(DEATHS)
        assert "Next release" not in text(panel)
        passed = text(definition_panel(spec(DEATHS), next_release=release_on(date(2023, 11, 30), "season")))
        assert "Not yet announced (the last announced date, Autumn 2023, has passed)" in passed
        assert "ONS release calendar" in passed

    def test_provenance_footer(self):
        footer = provenance_footer(source="ONS", data_up_to="2021-23", release="ONS 2023", published="17 Oct 2023",
                                   is_demo=True, pooled=True)
        words = text(footer)
        assert "Source: ONS" in words and "Data up to: 2021-23" in words
        assert "Release: ONS 2023 (published 17 Oct 2023)" in words
        assert "not official statistics" in words and "Demonstration data" in words
