"""Outcome and compare pages: a correction of the period picker does not redraw the charts; a choice does."""

from __future__ import annotations

import pytest

from presentation import ids


def _dependencies(client) -> list[dict]:
    return client.get("/_dash-dependencies").get_json()


def test_charts_are_triggered_by_the_chosen_period_and_read_the_picker(client):
    """Every chart callback of a period takes the chosen store as input and the picker's value as state."""
    # The map (figure and the sentence under it), its table and links, and the comparison of areas.
    marks = (f"{ids.OUTCOME_MAP}.figure", f"{ids.OUTCOME_COMPARE}.figure", '"outcome-map","type":"chart-table"')
    charts = [d for d in _dependencies(client) if any(mark in d["output"] for mark in marks)]
    assert len(charts) == 3
    for dep in charts:
        inputs = {(i["id"], i["property"]) for i in dep["inputs"]}
        state = {(s["id"], s["property"]) for s in dep["state"]}
        assert (ids.OUTCOME_PERIOD_CHOSEN, "data") in inputs and (ids.OUTCOME_PERIOD, "value") not in inputs
        assert (ids.OUTCOME_PERIOD, "value") in state


def test_compare_table_and_funnel_are_triggered_by_the_chosen_period(client):
    marks = (f"{ids.COMPARE_CHART}.figure", f"{ids.COMPARE_TABLE}.children")
    deps = [d for d in _dependencies(client) if any(mark in d["output"] for mark in marks)]
    assert len(deps) == 2
    for dep in deps:
        assert (ids.COMPARE_PERIOD_CHOSEN, "data") in {(i["id"], i["property"]) for i in dep["inputs"]}
        assert (ids.COMPARE_PERIOD, "value") in {(s["id"], s["property"]) for s in dep["state"]}
        assert f"{ids.COMPARE_PERIOD}.value" not in dep["output"]


@pytest.mark.parametrize("chosen, picker", [(ids.OUTCOME_PERIOD_CHOSEN, ids.OUTCOME_PERIOD),
                                            (ids.COMPARE_PERIOD_CHOSEN, ids.COMPARE_PERIOD)])
def test_gate_never_delays_the_first_call(client, chosen, picker):
    gate = [d for d in _dependencies(client) if chosen in d["output"]]
    assert len(gate) == 1 and gate[0]["prevent_initial_call"] is True
    assert gate[0]["clientside_function"]["function_name"] == "choosePeriod"
    assert gate[0]["inputs"] == [{"id": picker, "property": "value"}]
