"""Every break in the area's trend line carries its reason: not published, suppressed, no data, boundary change."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from presentation.figures import trend_figure
from presentation.figures.gaps import (
    BOUNDARY_CHANGE,
    NO_DATA,
    NOT_PUBLISHED,
    Gap,
    line_gaps,
)
from presentation.figures.timeline import period_slots
from presentation.formatting import SUPPRESSED

TREATMENT = "numbers_in_treatment"
CUMBRIA = "E10000006"  # replaced in April 2023 by Cumberland and by Westmorland and Furness


def rows(code: str, name: str, values: dict[str, object], **extra) -> list[dict]:
    """Financial-year rows; a value of "suppressed" is a suppressed row, None a row without a value."""
    out = []
    for label, value in values.items():
        first = int(label[:4])
        out.append({"area_code": code, "area_name": name, "area_type": "partnership" if code != ENGLAND else "country",
                    "period": label, "period_type": "financial_year", "period_start": date(first, 4, 1),
                    "period_end": date(first + 1, 3, 31), "value": np.nan if value in (None, "suppressed") else value,
                    "lower_ci": np.nan, "upper_ci": np.nan, "numerator": np.nan if value is None else 400.0,
                    "suppressed": value == "suppressed", "note": None, **extra.get(label, {})})
    return out


def figure(area: dict, england: dict, *, code: str = "P1", summary=None):
    frame = pd.DataFrame(rows(code, "Cleveland", area) + rows(ENGLAND, "England", england))
    return trend_figure(frame, spec=get_catalogue().metric(TREATMENT), selected_code=code, baseline_summary=summary)


def gap_labels(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if a.name == "gap"]


ENGLAND_YEARS = {"2018/19": 6.0, "2019/20": 6.1, "2020/21": 6.2, "2021/22": 6.3, "2022/23": 6.4}


def test_suppressed_period_is_labelled_suppressed():
    fig = figure({**ENGLAND_YEARS, "2020/21": "suppressed"}, ENGLAND_YEARS)
    assert gap_labels(fig) == [SUPPRESSED]
    cleveland = next(t for t in fig.data if t.name == "Cleveland")
    assert cleveland.y[2] is None and 0 not in cleveland.y


def test_missing_row_while_england_has_one_is_no_data():
    area = {k: v for k, v in ENGLAND_YEARS.items() if k != "2019/20"}
    assert gap_labels(figure(area, ENGLAND_YEARS)) == [NO_DATA]


def test_period_skipped_for_every_area_is_not_published():
    years = {k: v for k, v in ENGLAND_YEARS.items() if k != "2020/21"}
    fig = figure(years, years)
    assert gap_labels(fig) == [NOT_PUBLISHED]
    assert next(t for t in fig.data if t.name == "England").y[2] is None


def test_neighbouring_gaps_share_one_label_with_each_reason():
    area = {**ENGLAND_YEARS, "2019/20": "suppressed", "2020/21": None}
    assert gap_labels(figure(area, ENGLAND_YEARS)) == [f"{SUPPRESSED}<br>{NO_DATA}"]


def test_each_gap_is_shaded_across_its_own_periods_only():
    fig = figure({**ENGLAND_YEARS, "2020/21": "suppressed"}, ENGLAND_YEARS)
    shade = next(s for s in fig.layout.shapes if s.name == "gap")
    assert pd.Timestamp(shade.x0) > pd.Timestamp(2020, 4, 1) - pd.Timedelta(days=200)
    assert pd.Timestamp(2019, 9, 30) < pd.Timestamp(shade.x0) < pd.Timestamp(2020, 9, 30) < pd.Timestamp(shade.x1)
    assert pd.Timestamp(shade.x1) < pd.Timestamp(2021, 9, 30)


def test_a_gap_at_the_baseline_is_labelled_and_the_baseline_still_marked():
    summary = {"baseline_period": "2021/22", "baseline_value": None, "latest_period": "2022/23", "latest_value": 6.4}
    fig = figure({**ENGLAND_YEARS, "2021/22": "suppressed"}, ENGLAND_YEARS, summary=summary)
    assert gap_labels(fig) == [SUPPRESSED]
    assert [a.text for a in fig.layout.annotations if a.name == "baseline"] == ["Baseline 2021/22"]


def test_boundary_change_breaks_the_line_between_two_values():
    """Given Cumbria's values on the 2021 geography up to 2022/23 and the 2023 geography after, then the line
    stops between them and the break says "Boundary change"."""
    years = {"2021/22": 6.3, "2022/23": 6.4, "2023/24": 6.6, "2024/25": 6.9}
    extra = {label: {"geography": "2021" if label < "2023" else "2023"} for label in years}
    frame = pd.DataFrame(rows(CUMBRIA, "Cumbria", years, **extra) + rows(ENGLAND, "England", years, **extra))
    spec = get_catalogue().metric(TREATMENT)
    fig = trend_figure(frame, spec=spec, selected_code=CUMBRIA)
    assert gap_labels(fig) == [BOUNDARY_CHANGE]
    line = next(t for t in fig.data if t.name == "Cumbria")
    assert list(line.y) == [6.3, 6.4, None, 6.6, 6.9]
    assert pd.Timestamp(2022, 9, 30) < pd.Timestamp(line.x[2]) < pd.Timestamp(2023, 9, 30)
    # England is the same area whatever the geography: no break.
    assert None not in next(t for t in fig.data if t.name == "England").y


def test_same_geography_or_unchanged_area_has_no_boundary_break():
    years = {"2021/22": 6.3, "2022/23": 6.4, "2023/24": 6.6}
    extra = {label: {"geography": "2021" if label < "2023" else "2023"} for label in years}
    aligned = pd.DataFrame(rows("E06000047", "County Durham", years, **extra)).set_index("period")
    slots = period_slots(aligned.reset_index())
    assert line_gaps(aligned, slots, get_catalogue().metric(TREATMENT), "E06000047") == []


@pytest.mark.parametrize("missing", ["2018/19", "2022/23"])
def test_gaps_at_the_ends_are_labelled_too(missing):
    area = {k: v for k, v in ENGLAND_YEARS.items() if k != missing}
    fig = figure(area, ENGLAND_YEARS)
    assert gap_labels(fig) == [NO_DATA]


def test_gap_runs_are_reported_as_index_ranges():
    frame = pd.DataFrame(rows("P1", "A", {**ENGLAND_YEARS, "2019/20": "suppressed", "2020/21": "suppressed"}))
    aligned = frame.set_index("period")
    assert line_gaps(aligned, period_slots(frame), get_catalogue().metric(TREATMENT), "P1") == [
        Gap(1, 3, SUPPRESSED)]


def test_hovering_a_gap_tells_each_period_and_the_publishers_note():
    area = {**ENGLAND_YEARS, "2019/20": "suppressed", "2020/21": None}
    frame = pd.DataFrame(rows("P1", "Cleveland", area, **{"2020/21": {"note": "Not available: a member authority "
                                                                               "has no published value"}})
                         + rows(ENGLAND, "England", ENGLAND_YEARS))
    fig = trend_figure(frame, spec=get_catalogue().metric(TREATMENT), selected_code="P1")
    (hover,) = [t for t in fig.data if t.name == "Gaps"]
    assert hover.showlegend is False and hover.marker.opacity == 0
    assert list(hover.text) == [f"2019/20: {SUPPRESSED}<br>2020/21: {NO_DATA} (Not available: a member authority "
                                "has no published value)"]


def quarters(suppressed: set[int]) -> pd.DataFrame:
    out = []
    for i, (year, q) in enumerate((y, q) for y in range(2015, 2025) for q in range(1, 5)):
        label = f"Q{q} {year}/{(year + 1) % 100:02d}"
        for code, name in (("P1", "Cleveland"), (ENGLAND, "England")):
            hidden = code == "P1" and i in suppressed
            out.append({"area_code": code, "area_name": name, "area_type": "partnership", "period": label,
                        "period_type": "quarter", "value": np.nan if hidden else 40.0, "suppressed": hidden,
                        "numerator": 20.0, "lower_ci": np.nan, "upper_ci": np.nan, "note": None})
    return pd.DataFrame(out)


def test_labels_too_close_to_print_are_left_to_the_hover_and_the_note_says_so():
    """Given 40 quarters with single suppressed quarters two apart, then at a phone's width not every gap can carry
    upright words: those printed are at least a label's width apart, every gap keeps its hover, and a note
    explains the grey bands."""
    fig = trend_figure(quarters({20, 22, 24, 26, 30}), spec=get_catalogue().metric("prison_continuity_of_care"),
                       selected_code="P1")
    printed = [a for a in fig.layout.annotations if a.name == "gap"]
    assert 1 <= len(printed) < 5
    assert len(next(t for t in fig.data if t.name == "Gaps").x) == 5
    assert [a.name for a in fig.layout.annotations if a.name == "gaps"] == ["gaps"]
    xs = sorted(pd.Timestamp(a.x) for a in printed)
    assert all((b - a).days > 365 * 10 * 14 / 290 for a, b in zip(xs, xs[1:], strict=False))


def test_gaps_far_apart_are_all_printed_without_the_note():
    fig = trend_figure(quarters({5, 20, 35}), spec=get_catalogue().metric("prison_continuity_of_care"),
                       selected_code="P1")
    assert len([a for a in fig.layout.annotations if a.name == "gap"]) == 3
    assert not [a for a in fig.layout.annotations if a.name == "gaps"]
