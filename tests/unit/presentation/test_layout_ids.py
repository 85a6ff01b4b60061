"""Component ids: unique, kebab-case, area-prefixed; pattern builders and the DOM form of dict ids."""

from __future__ import annotations

import json
import re

from presentation import ids


def constants() -> dict[str, str]:
    return {name: value for name, value in vars(ids).items()
            if re.fullmatch(r"[A-Z][A-Z0-9_]*", name) and isinstance(value, str)}


class TestStaticIds:
    def test_values_are_unique(self):
        """Given every id constant, then no two share a value (ids collide across pages otherwise)."""
        values = list(constants().values())
        assert len(values) == len(set(values))

    def test_values_are_kebab_case_and_prefixed_by_area(self):
        """Given an id other than the Location and main landmark, then it is kebab-case and its value starts with
        the same area word as its constant (OUTCOME_MAP -> "outcome-…")."""
        for name, value in constants().items():
            if name in ("URL", "MAIN"):
                continue
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", value), name
            assert name.split("_")[0].lower() == value.split("-")[0], name

    def test_required_ids_exist(self):
        assert ids.URL == "url"
        assert ids.MAIN == "main"
        assert ids.OUTCOME_METRIC == "outcome-metric-select"
        for name in ("OUTCOME_PERIOD", "OUTCOME_AREA_TYPE", "OUTCOME_COLOUR_BY", "OUTCOME_MAP", "OUTCOME_MAP_KIND",
                     "OUTCOME_TREND", "OUTCOME_COMPARE", "OUTCOME_TABLE", "OUTCOME_DOWNLOAD", "AREA_PICKER",
                     "SHELL_BANNERS", "HOME_HEADLINES", "PARTNERSHIP_HEADLINES", "COMPARE_CHART"):
            assert hasattr(ids, name), name

    def test_option_values(self):
        assert ids.AREA_TYPE_VALUES == ("partnership", "utla")
        assert ids.COLOUR_BY_VALUES == ("value", "comparison", "change")
        assert ids.MAP_KIND_VALUES == ("boundaries", "tiles")


class TestPatternIds:
    def test_builders_return_typed_dicts(self):
        """Given a chart name, then each builder returns a distinct 'type' keyed by the same chart."""
        builders = [ids.chart_graph, ids.chart_summary, ids.chart_table, ids.chart_download,
                    ids.chart_download_button, ids.chart_meta]
        made = [b("trend") for b in builders]
        assert all(m["chart"] == "trend" for m in made)
        assert len({m["type"] for m in made}) == len(builders)
        assert ids.headline_tile("drug_misuse_deaths") == {"type": "headline-tile", "metric": "drug_misuse_deaths"}

    def test_dom_id_matches_dash_renderer(self):
        """Given a dict id, then dom_id gives Dash's sorted-key JSON without spaces (what aria-describedby needs)."""
        assert ids.dom_id({"type": "chart-summary", "chart": "trend"}) == '{"chart":"trend","type":"chart-summary"}'
        assert ids.dom_id("outcome-map") == "outcome-map"
        assert json.loads(ids.dom_id(ids.chart_table("café"))) == {"chart": "café", "type": "chart-table"}
        assert "café" in ids.dom_id(ids.chart_table("café"))
