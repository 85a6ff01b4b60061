"""Outcome and compare pages: a correction of the period picker does not redraw the charts; a choice does."""

from __future__ import annotations

import pytest

from callbacks.picker_gate import chosen_period
from tests.support.paths import PROJECT_ROOT

OPTIONS = [{"label": "2022-24 (latest)", "value": "2022-24"}, {"label": "2021-23", "value": "2021-23"}]
OTHER_MEASURE = [{"label": "2023/24 (latest)", "value": "2023/24"}]


@pytest.mark.parametrize("value, options, seen, expected", [
    ("2022-24", OPTIONS, "", ("2022-24", None)),            # no period asked: the latest put in, already drawn
    ("2022-24", OPTIONS, "2099-01", ("2022-24", None)),     # a period with no data corrected
    ("2023/24", OTHER_MEASURE, "2022-24", ("2023/24", None)),  # a new measure without the period
    ("2021-23", OPTIONS, "2022-24", ("2021-23", "2021-23")),   # someone chose another period
    ("2022-24", OPTIONS, "2021-23", ("2022-24", "2022-24")),   # ... and back to the latest
    ("2022-24", OPTIONS, "2022-24", ("2022-24", None)),     # the same value again
    ("2022-24", None, "", ("2022-24", None)),
])
def test_rule(value, options, seen, expected):
    assert chosen_period(value, options, seen) == expected


def test_javascript_states_the_same_rule():

    script = (PROJECT_ROOT / "assets" / "picker_gate.js").read_text()
    assert "choosePeriod" in script and "option.value === seen" in script and "value !== seen" in script
