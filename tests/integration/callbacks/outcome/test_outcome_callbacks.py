"""Outcome-page callbacks as plain functions over the demonstration store.

The map is drawn once and then patched (no geometry re-sent); national-only measures show England's
trend and hide the map and comparison; nonsense inputs fall back to defaults with a message.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import dash
import plotly.graph_objects as go
import pytest

from data_access.geography import ENGLAND
from presentation import ids
from presentation.blocks.static import block_markup
from tests.support.layout_tree import find, text
from web.dash_private import run_as_triggered

DEATHS = "drug_misuse_deaths"
ADMISSIONS = "drug_hospital_admissions"
NATIONAL = "hepatitis_c_pwid"
PAGE = {"slug": "deaths-and-harm", "period": None, "area": None}


@pytest.fixture(scope="module")
def cb(web_env):
    """The outcome callbacks, with the app imported so the read layer's cache is live (as when serving)."""
    import app  # noqa: F401
    from callbacks import outcome
    from callbacks.outcome import charts as outcome_charts
    from callbacks.outcome import map as outcome_map

    return SimpleNamespace(period=outcome.choose_period, period_choice=outcome.period_choice,
                           area=outcome.choose_area, area_choice=outcome.area_choice,
                           load_area_options=outcome.load_area_options, measure=outcome.show_measure,
                           map=outcome_map.update_map,
                           describe_map=outcome_map.describe_map,
                           trend=outcome_charts.update_trend, compare=outcome_charts.update_compare)


@pytest.fixture(scope="module")
def demo(web_env):
    """Facts about the demonstration data the tests pick their areas from."""
    from data_access.read import area_values, metric_periods, partnerships

    values = area_values(DEATHS, area_type="partnership")
    valued = values[values["value"].notna() & ~values["suppressed"]]
    shared = partnerships()
    multi = shared[(shared["n_members"] > 1) & shared["code"].isin(valued["area_code"])].iloc[0]
    suppressed = values[values["suppressed"]]
    return SimpleNamespace(latest=metric_periods(DEATHS)[-1], periods=metric_periods(DEATHS),
                           partnership=str(multi["code"]), partnership_name=str(multi["name"]),
                           region_name=str(multi["region_name"]),
                           suppressed=str(suppressed["area_code"].iloc[0]) if not suppressed.empty else None,
                           suppressed_name=str(suppressed["area_name"].iloc[0]) if not suppressed.empty else None)


def triggered(prop_id: str, func, *args):
    """Call ``func`` as Dash would after ``prop_id`` changed (so ``dash.ctx.triggered_id`` is set)."""
    return run_as_triggered(prop_id, func, *args)


def patch_json(patch: dash.Patch) -> str:
    return json.dumps(patch.to_plotly_json())


def patched_keys(patch: dash.Patch) -> set[str]:
    return {str(op["location"][-1]) for op in patch.to_plotly_json()["operations"]}


class TestMap:
    def first_map(self, cb, **overrides):
        args = {"metric_id": DEATHS, "period": None, "level": "partnership", "colour": "comparison",
                "map_kind": "boundaries", "area": ENGLAND, "geometry": None, "page": PAGE} | overrides
        return cb.map(*args.values())

    def test_first_call_is_a_whole_figure_with_a_geojson_url(self, cb, demo):
        """Given the first call, then a whole figure whose geometry is a content-hashed URL string, not shapes."""
        figure, key, legend, summary = self.first_map(cb)
        assert isinstance(figure, go.Figure)
        trace = figure.data[0]
        assert trace.type == "choropleth"  # SVG (geo): draws without WebGL
        assert isinstance(trace.geojson, str) and trace.geojson.startswith("/geo/partnership.")
        assert key == f"boundaries:{trace.geojson}"
        assert len(trace.locations) == len(trace.z) and len(trace.locations) > 100
        assert "Key: compared with England" in text(legend)
        assert summary.startswith("Coloured compared with England: of ") and demo.latest in summary

    def test_table_provenance_and_download_link(self, cb, demo):
        table, meta, href = cb.describe_map(DEATHS, None, "partnership", ENGLAND, PAGE)
        assert block_markup(table).startswith('<table class="data-table"><caption>')
        assert "Data up to " + demo.latest in text(meta) and "updated " in text(meta)
        assert href == f"/download/observations.csv?metric={DEATHS}&area_type=partnership&period={demo.latest}"

    @pytest.mark.parametrize("prop_id, change", [
        (f"{ids.OUTCOME_METRIC}.value", {"metric_id": ADMISSIONS, "period": None}),
        (f"{ids.OUTCOME_PERIOD}.value", {"period": "2019-21"}),
        (f"{ids.OUTCOME_COLOUR_BY}.value", {"colour": "value"}),
        (f"{ids.OUTCOME_AREA}.value", {"area": "E08000016"}),
    ])
    def test_later_changes_are_patches_without_geometry(self, cb, prop_id, change):
        """Given the map drawn, when measure, period, colouring or area changes, then only values are patched."""
        key = self.first_map(cb)[1]
        args = {"metric_id": DEATHS, "period": None, "level": "partnership", "colour": "comparison",
                "map_kind": "boundaries", "area": ENGLAND, "geometry": key, "page": PAGE} | change
        result = triggered(prop_id, cb.map, *args.values())
        patch = result[0]
        assert isinstance(patch, dash.Patch)
        body = patch_json(patch)
        assert "geojson" not in body and "coordinates" not in body
        assert {"z", "locations", "text", "colorscale"} <= patched_keys(patch)
        assert result[1] == key

    def test_level_change_redraws_with_the_authority_layer_for_the_period(self, cb, demo):
        """Given the map drawn, when the level changes, then a whole figure with the authority layer in force."""
        key = self.first_map(cb)[1]
        now = triggered(f"{ids.OUTCOME_AREA_TYPE}.value", cb.map, DEATHS, demo.latest, "utla", "comparison",
                        "boundaries", ENGLAND, key, PAGE)
        assert isinstance(now[0], go.Figure) and now[0].data[0].geojson.startswith("/geo/utla.")
        before = triggered(f"{ids.OUTCOME_PERIOD}.value", cb.map, DEATHS, "2019-21", "utla", "comparison",
                           "boundaries", ENGLAND, now[1], PAGE)
        # 2019-21 ends before the April 2023 reorganisation: its authorities are drawn on the 2021 layer.
        assert isinstance(before[0], go.Figure) and before[0].data[0].geojson.startswith("/geo/utla_2021.")

    def test_tile_map_is_drawn_once_then_patched_without_positions(self, cb):
        figure, key, *_ = self.first_map(cb, map_kind="tiles")
        assert isinstance(figure, go.Figure) and figure.data[0].type == "scatter"
        assert key == "tiles:partnership" and len(figure.data[0].x) >= 150  # one hexagon per member authority
        patch = triggered(f"{ids.OUTCOME_METRIC}.value", cb.map, ADMISSIONS, None, "partnership", "comparison",
                          "tiles", ENGLAND, key, PAGE)[0]
        assert isinstance(patch, dash.Patch)
        assert "marker" in patched_keys(patch) and not {"x", "y"} & patched_keys(patch)

    def test_selected_partnership_is_outlined_and_drawn_last(self, cb, demo):
        figure = self.first_map(cb, area=demo.partnership)[0]
        trace = figure.data[0]
        assert trace.locations[-1] == demo.partnership
        assert trace.marker.line.width[-1] > trace.marker.line.width[0]

    def test_suppressed_areas_are_never_coloured_as_values(self, cb, demo):
        if demo.suppressed is None:
            pytest.skip("no suppressed partnership in the demonstration data")
        trace = self.first_map(cb, colour="value")[0].data[0]
        last_class = round(trace.zmax - 0.5)
        assert trace.z[list(trace.locations).index(demo.suppressed)] == last_class

    def test_nonsense_falls_back_with_a_message(self, cb, demo):
        """Given an unknown measure, period "banana", area "ZZZ" and bad choices, then defaults and messages.

        The period and area fall back quietly: their pickers give that notice (``TestPeriod``, ``TestArea``).
        """
        figure, key, legend, summary = cb.map("nope", "banana", "county", "rainbow", "globe", "ZZZ", None, PAGE)
        assert isinstance(figure, go.Figure) and figure.data[0].geojson.startswith("/geo/partnership.")
        assert demo.latest in figure.layout.title.text
        notice = find(legend, "Div", role="status")
        assert notice and "Key: compared with England" in text(legend)
        for words in ("There is no measure “nope”", "“county”", "“rainbow”", "“globe”"):
            assert words in text(notice)
        assert "“banana”" not in text(notice) and "“ZZZ”" not in text(notice)
        assert "“county”" in summary and "“banana”" not in summary and summary.endswith("or no data.")

    def test_national_measure_leaves_the_hidden_map_alone(self, cb):
        assert self.first_map(cb, metric_id=NATIONAL) == (dash.no_update,) * 4
        assert cb.describe_map(NATIONAL, None, "partnership", ENGLAND, PAGE) == (dash.no_update,) * 3


class TestPeriod:
    def test_first_call_keeps_the_period_the_url_asked_for(self, cb):
        options, value, status = cb.period_choice(DEATHS, "2019-21", dict(PAGE, period="2019-21"), first_call=True)
        assert value == "2019-21" and status == []
        assert options[0]["label"].endswith("(latest)") and [o["value"] for o in options][-1] == "2013-15"

    def test_unknown_period_falls_back_to_latest_with_a_status_message(self, cb, demo):
        _, value, status = cb.period_choice(DEATHS, "banana", dict(PAGE, period="banana"), first_call=True)
        assert value == demo.latest
        assert status[0].role == "status" and "“banana”" in text(status)

    def test_new_measure_keeps_the_period_or_takes_its_latest_quietly(self, cb):
        _, value, status = cb.period_choice(ADMISSIONS, "2019-21", PAGE, first_call=False)
        assert value != "2019-21" and status == []

    def test_unknown_measure_uses_the_outcome_default(self, cb, demo):
        _, value, status = cb.period_choice("nonsense", None, PAGE, first_call=True)
        assert value == demo.latest and "There is no measure “nonsense”" in text(status)

    def test_the_picker_moves_by_a_side_update_only_when_its_period_has_no_data(self, cb, demo, moves):
        options, status = cb.period(DEATHS, "2019-21", dict(PAGE, period="2019-21"))
        assert moves == [] and options and status == []
        cb.period(DEATHS, "", PAGE)  # no period in the URL: the picker shows the latest
        assert moves == [(ids.OUTCOME_PERIOD, {"value": demo.latest})]


@pytest.fixture
def moves(monkeypatch):
    """The side updates (``set_props``) a callback makes."""
    from callbacks import outcome

    made: list = []
    monkeypatch.setattr(outcome, "set_props", lambda component_id, props: made.append((component_id, props)))
    return made


class TestArea:
    def test_first_call_checks_the_url_area_and_fills_the_picker(self, cb, demo):
        options, value, status = cb.area_choice(dict(PAGE, area=demo.partnership))
        assert value == demo.partnership and status == []
        assert options[0] == {"label": "England", "value": ENGLAND}
        assert {o["value"] for o in options} >= {demo.partnership, "E08000016"}

    def test_unknown_area_falls_back_to_england_with_a_message(self, cb):
        _, value, status = cb.area_choice(dict(PAGE, area="ZZZ"))
        assert value == ENGLAND and status[0].role == "status" and "“ZZZ”" in text(status)

    def test_the_picker_is_corrected_by_a_side_update_only_when_the_area_is_unknown(self, cb, demo, moves):
        cb.load_area_options(dict(PAGE, area=demo.partnership))
        cb.load_area_options(PAGE)  # no area: the picker starts on England
        assert moves == []
        options, status = cb.load_area_options(dict(PAGE, area="ZZZ"))
        assert moves == [(ids.OUTCOME_AREA, {"value": ENGLAND})] and "“ZZZ”" in text(status) and len(options) > 100

    def test_clicks_on_the_map_and_the_bars_select_the_area(self, cb, demo):
        click = {"points": [{"location": demo.partnership, "customdata": demo.partnership}]}
        assert triggered(f"{ids.OUTCOME_MAP}.clickData", cb.area, click, None, ENGLAND)[0] == demo.partnership
        bar = {"points": [{"y": "E08000016", "x": 5.0}]}
        assert triggered(f"{ids.OUTCOME_COMPARE}.clickData", cb.area, None, bar, ENGLAND)[0] == "E08000016"

    def test_picker_echo_changes_nothing(self, cb, demo):
        assert triggered(f"{ids.OUTCOME_AREA}.value", cb.area, None, None, demo.partnership) == (dash.no_update,) * 2

    def test_the_layout_starts_the_picker_on_the_asked_area(self, web_env):
        from layouts.outcome.page import outcome_layout

        picker = find(outcome_layout("deaths-and-harm", {"area": "E08000016"}), "Select", id=ids.OUTCOME_AREA)[0]
        assert picker.value == "E08000016" and picker.options == [{"label": "E08000016", "value": "E08000016"}]
        picker = find(outcome_layout("deaths-and-harm", {}), "Select", id=ids.OUTCOME_AREA)[0]
        assert picker.value == ENGLAND and picker.options == [{"label": "England", "value": ENGLAND}]


class TestTrend:
    def test_partnership_against_its_region_and_england_with_baseline(self, cb, demo):
        figure, summary, table, meta, href = cb.trend(DEATHS, demo.partnership, PAGE)
        names = {t.name for t in figure.data}
        assert {demo.partnership_name, demo.region_name, "England"} <= names
        assert demo.partnership_name in figure.layout.title.text
        assert any(s.name == "baseline" for s in figure.layout.shapes)
        assert "Change since baseline" in " ".join(a.text for a in figure.layout.annotations)
        assert summary.startswith(f"In {demo.partnership_name},")
        assert demo.region_name in text(table) and "Period" in text(table)
        query = parse_qs(urlparse(href).query)  # the CSV of the lines drawn: the area, its region, England
        assert query == {"metric": [DEATHS], "area": [demo.partnership, query["area"][1], ENGLAND]}
        assert query["area"][1].startswith("E12")
        assert "Source: " in text(meta)

    def test_suppressed_values_are_gaps_in_the_line_and_words_in_the_table(self, cb, demo):
        if demo.suppressed is None:
            pytest.skip("no suppressed partnership in the demonstration data")
        figure, _, table, *_ = cb.trend(DEATHS, demo.suppressed, PAGE)
        line = next(t for t in figure.data if t.name == demo.suppressed_name)
        # The last period sits at the last tick of the date axis, labelled in its own wording, with no value.
        assert figure.layout.xaxis.ticktext[-1] == demo.latest and line.y[-1] is None
        assert str(line.x[-1])[:10] == str(figure.layout.xaxis.tickvals[-1])[:10]
        assert "Suppressed" in [a.text for a in figure.layout.annotations if a.name == "gap"][-1]
        assert "Suppressed" in text(table)

    def test_national_measure_shows_england_with_the_ambition(self, cb):
        figure, summary, table, meta, href = cb.trend(NATIONAL, "E08000016", PAGE)
        assert figure.layout.title.text.endswith("England")
        assert "Ambition" in summary and "Ambition" in figure.layout.title.subtitle.text
        assert href == f"/download/observations.csv?metric={NATIONAL}&area={ENGLAND}"

    def test_nonsense_falls_back_to_england_with_a_message(self, cb):
        figure, summary, *_ = cb.trend("nope", "ZZZ", PAGE)
        assert isinstance(figure, go.Figure) and figure.layout.title.text.endswith("England")
        assert "There is no measure “nope”" in summary and "“ZZZ”" not in summary  # the picker says so


class TestCompare:
    def test_all_partnerships_sorted_with_the_selected_one_highlighted(self, cb, demo):
        figure, summary, table, meta, href = cb.compare(DEATHS, None, "partnership", demo.partnership, PAGE)
        assert any(t.name.endswith("(selected)") for t in figure.data)
        assert len(figure.layout.yaxis.categoryarray) >= 100
        assert demo.partnership_name in summary
        assert f'<tr class="is-selected"><th scope="row">{demo.partnership_name}</th>' in block_markup(table)
        assert "area_type=partnership" in href

    def test_suppressed_and_missing_are_not_bars_and_are_words_in_the_table(self, cb, demo):
        if demo.suppressed is None:
            pytest.skip("no suppressed partnership in the demonstration data")
        figure, _, table, *_ = cb.compare(DEATHS, None, "partnership", ENGLAND, PAGE)
        bar_codes = {code for t in figure.data if t.type == "bar" for code in t.y}
        assert demo.suppressed not in bar_codes
        row = block_markup(table).split(f'<th scope="row">{demo.suppressed_name}</th>')[1].split("</tr>")[0]
        assert "Suppressed" in row and ">0<" not in row
        assert "No data" in block_markup(table)

    def test_nonsense_falls_back_with_a_message(self, cb, demo):
        figure, summary, *_ = cb.compare("nope", "banana", "county", "ZZZ", PAGE)
        assert isinstance(figure, go.Figure)
        assert "“county”" in summary and "“banana”" not in summary and "“ZZZ”" not in summary

    def test_area_names_are_escaped_in_the_table_markup(self, web_env):
        import pandas as pd

        from data_access.catalogue import get_catalogue
        from layouts.outcome.tables import area_table

        frame = pd.DataFrame([{"area_code": "X", "area_name": "<b>A & B</b>", "value": 1.0, "suppressed": False,
                               "comparison": "better"}])
        markup = block_markup(area_table(frame, get_catalogue().metric(DEATHS), "Caption <i>"))
        assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in markup and "<b>" not in markup and "Caption &lt;i&gt;" in markup

    def test_national_measure_leaves_the_hidden_comparison_alone(self, cb):
        assert cb.compare(NATIONAL, None, "partnership", ENGLAND, PAGE) == (dash.no_update,) * 5


class TestMeasureAndUrl:
    def test_national_measure_hides_map_comparison_and_their_controls(self, cb):
        definition, note, map_class, compare_class, controls_class = cb.measure(NATIONAL, PAGE)
        assert (map_class, compare_class, controls_class) == ("d-none",) * 3
        words = text(note)
        assert "only as a national figure" in words and "no partnership or local authority breakdown" in words
        assert "/metric/hepatitis_c_pwid" in [a.href for a in find(definition, "A")]

    def test_local_measure_shows_everything_and_its_definition(self, cb):
        definition, note, *classes = cb.measure(DEATHS, PAGE)
        assert classes == ["", "", ""] and note == []
        words = text(definition)
        assert "Confidence in this definition" in words and "Baseline" in words and "Next release" in words
