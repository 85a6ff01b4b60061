"""CSV numbers at the published precision: values rounded as the page shows them, counts whole, every digit on request."""

from __future__ import annotations

import math

import pandas as pd
import pytest
import yaml

from data_access.catalogue import CATALOGUE_FILE, get_catalogue, parse_catalogue
from data_access.read.precision import at_published_precision, count_text, is_value_column, number_text
from presentation.formatting import format_number


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (3.7936494164265535, 1, "3.8"), (26.0, 0, "26"), (2846.4, 0, "2846"), (-0.04, 1, "0.0"), (-0.4, 1, "-0.4"),
    (12.0, 1, "12.0"), (3.7936494164265535, None, "3.7936494164265535"), (26.0, None, "26"), (-0.0, None, "0"),
])
def test_number_text(value, decimals, expected):
    assert number_text(value, decimals) == expected


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA, float("inf"), "text", True])
def test_missing_and_non_numbers_pass_through(missing):
    assert number_text(missing, 1) is missing and count_text(missing, 1) is missing


@pytest.mark.parametrize(("value", "expected"), [(26.0, "26"), (659976.0, "659976"), (12.25, "12.2"), (0.0, "0")])
def test_counts_are_whole_unless_estimated(value, expected):
    assert count_text(value, 1) == expected


def test_column_kinds():
    assert all(map(is_value_column, ["value", "lower_ci_95", "upper_ci_99_8", "lower_limit_95", "england_value",
                                     "baseline_value", "change_since_baseline"]))
    assert not any(map(is_value_column, ["numerator", "area_code", "unit", "period", "valuer"]))


def test_each_row_takes_its_metrics_decimals_as_the_page_formats_it():
    catalogue = get_catalogue()
    rate = next(m for m in catalogue.metrics.values() if m.measure == "dsr")
    count = next(m for m in catalogue.metrics.values() if m.measure == "count")
    frame = pd.DataFrame({"metric_id": [rate.id, count.id], "value": [3.7936494164265535, 2845.6],
                          "numerator": [26.0, None], "unit": ["x", "y"], "suppressed": [False, False]})
    out = at_published_precision(frame)
    assert list(out["value"]) == [format_number(3.7936494164265535, rate), format_number(2845.6, count).replace(",", "")]
    assert list(out["value"]) == ["3.8", "2846"] and out["numerator"].iloc[0] == "26"
    assert pd.isna(out["numerator"].iloc[1]) and list(out["unit"]) == ["x", "y"]
    assert frame["value"].iloc[0] == 3.7936494164265535  # the input is not changed
    full = at_published_precision(frame, full=True)
    assert list(full["value"]) == ["3.7936494164265535", "2845.6"] and full["numerator"].iloc[0] == "26"


def test_a_catalogue_entry_can_set_its_decimals_and_a_bad_one_is_refused():
    data = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    data["metrics"][0]["decimals"] = 2
    assert parse_catalogue(data).metric(data["metrics"][0]["id"]).published_decimals == 2
    data["metrics"][0]["decimals"] = 1.5
    with pytest.raises(ValueError, match="decimals"):
        parse_catalogue(data)
