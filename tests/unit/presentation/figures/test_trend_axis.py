"""The trend chart's time axis: periods placed by their dates, labelled in their own wording."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from presentation.figures import trend_figure
from presentation.figures.sparkline import sparkline_svg
from presentation.figures.timeline import period_slots, tick_positions

OCU = "ocu_prevalence"  # estimates for 2016/17, 2018/19, 2019/20 and 2022/23 only


def financial_years(values: dict[str, float | None], *, code: str = "P1", name: str = "Barnet") -> list[dict]:
    rows = []
    for label, value in values.items():
        first = int(label[:4])
        rows.append({"area_code": code, "area_name": name, "area_type": "partnership", "period": label,
                     "period_type": "financial_year", "period_start": date(first, 4, 1),
                     "period_end": date(first + 1, 3, 31), "value": np.nan if value is None else value,
                     "lower_ci": np.nan, "upper_ci": np.nan, "numerator": 500.0, "suppressed": False, "note": None})
    return rows


def uneven() -> pd.DataFrame:
    values = {"2016/17": 5.3, "2018/19": 6.0, "2019/20": 6.2, "2022/23": 8.1}
    return pd.DataFrame(financial_years(values) + financial_years(
        {k: v - 1 for k, v in values.items()}, code=ENGLAND, name="England"))


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_uneven_estimates_are_unevenly_spaced():
    """Given estimates for 2016/17, 2018/19, 2019/20 and 2022/23, then the distances between their points are
    2, 1 and 3 years, not equal steps."""
    fig = trend_figure(uneven(), spec=get_catalogue().metric(OCU), selected_code="P1")
    points = [(pd.Timestamp(x), y) for x, y in zip(trace(fig, "Barnet").x, trace(fig, "Barnet").y, strict=True)
              if y is not None]
    steps = [(b[0] - a[0]).days / 365.25 for a, b in zip(points, points[1:], strict=False)]
    assert steps == pytest.approx([2, 1, 3], abs=0.01)
    assert fig.layout.xaxis.type == "date"


def test_each_period_sits_at_the_middle_of_its_dates_with_its_own_label():
    fig = trend_figure(uneven(), spec=get_catalogue().metric(OCU), selected_code="P1")
    ticks = dict(zip(fig.layout.xaxis.ticktext, (pd.Timestamp(v) for v in fig.layout.xaxis.tickvals), strict=True))
    assert ticks["2016/17"] == pd.Timestamp(2016, 9, 30)
    assert ticks["2022/23"] == pd.Timestamp(2022, 9, 30)
    assert list(ticks) == ["2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23"]
    low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert low < ticks["2016/17"] and high > ticks["2022/23"]


def test_skipped_periods_are_slots_of_their_own_that_break_every_line():
    slots = period_slots(uneven())
    assert [s.label for s in slots if not s.in_data] == ["2017/18", "2020/21", "2021/22"]
    fig = trend_figure(uneven(), spec=get_catalogue().metric(OCU), selected_code="P1")
    for name in ("Barnet", "England"):
        line = trace(fig, name)
        assert [y is None for y in line.y] == [not s.in_data for s in slots]
        assert line.connectgaps is False


def test_rolling_periods_sit_at_their_middle_year():
    rows = pd.DataFrame([{"area_code": "P1", "area_name": "A", "area_type": "partnership", "period": f"{y}-{(y + 2) % 100:02d}",
                          "period_start": date(y, 1, 1), "period_end": date(y + 2, 12, 31), "value": 1.0}
                         for y in (2017, 2018, 2019)])
    assert [s.mid for s in period_slots(rows)] == [pd.Timestamp(2018, 7, 2), pd.Timestamp(2019, 7, 2),
                                                   pd.Timestamp(2020, 7, 1)]


def test_labels_come_from_the_label_alone_when_the_rows_carry_no_dates():
    rows = pd.DataFrame({"period": ["Q1 2021/22", "Q3 2021/22"], "value": [1.0, 2.0], "area_code": "P1"})
    slots = period_slots(rows)
    assert [s.label for s in slots] == ["Q1 2021/22", "Q2 2021/22", "Q3 2021/22"]
    assert slots[0].start == pd.Timestamp(2021, 4, 1) and slots[2].end == pd.Timestamp(2021, 12, 31)


def test_crowded_ticks_are_thinned_keeping_the_latest():
    rows = pd.DataFrame({"period": [f"Q{q} {y}/{(y + 1) % 100:02d}" for y in range(2015, 2025) for q in range(1, 5)],
                         "area_code": "P1", "value": 1.0})
    slots = period_slots(rows)
    _, labels = tick_positions(slots)
    assert len(slots) == 40 and len(labels) <= 12
    assert labels[-1] == "Q4 2024/25"
    assert labels == [s.label for s in slots][-1::-4][::-1]


def test_sparkline_steps_follow_the_dates():
    """The sparkline's points are placed by date: the 2019/20 → 2022/23 step is three times 2018/19 → 2019/20."""
    svg = sparkline_svg(uneven()[lambda f: f["area_code"] == "P1"])
    runs = [run.split('"')[0] for run in svg.split('points="')[1:]]
    xs = [float(p.split(",")[0]) for run in runs for p in run.split()]
    # 2016/17 stands alone (2017/18 skipped), then 2018/19-2019/20 is a run; 2022/23 is the last dot.
    assert len(runs) == 1 and len(xs) == 2
    last_x = float(svg.split('d="M')[1].split()[0])
    assert (last_x - xs[1]) == pytest.approx(3 * (xs[1] - xs[0]), rel=0.01)
