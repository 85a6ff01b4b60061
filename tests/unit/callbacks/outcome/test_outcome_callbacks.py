"""Outcome-page callbacks as plain functions over the demonstration store.

The map is drawn once and then patched (no geometry re-sent); national-only measures show England's
trend and hide the map and comparison; nonsense inputs fall back to defaults with a message.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import dash
import pytest

from data_access.geography import ENGLAND
from presentation.blocks.static import block_markup
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








    def test_national_measure_leaves_the_hidden_map_alone(self, cb):
        assert self.first_map(cb, metric_id=NATIONAL) == (dash.no_update,) * 4
        assert cb.describe_map(NATIONAL, None, "partnership", ENGLAND, PAGE) == (dash.no_update,) * 3





@pytest.fixture
def moves(monkeypatch):
    """The side updates (``set_props``) a callback makes."""
    from callbacks import outcome

    made: list = []
    monkeypatch.setattr(outcome, "set_props", lambda component_id, props: made.append((component_id, props)))
    return made






class TestCompare:


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



