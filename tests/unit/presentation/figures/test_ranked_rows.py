"""Ranked rows: a name line above each full-width bar, values at the right, gaps in words, England in the legend."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access.catalogue import get_catalogue
from presentation.figures.ranked import BAR_AT, NAME_AT, ranked_figure

DEATHS = get_catalogue().metric("drug_misuse_deaths")


def frame(n: int, suppressed: int = 0) -> pd.DataFrame:
    values = np.linspace(2.0, 9.0, n)
    out = pd.DataFrame({"area_code": [f"P{i:03d}" for i in range(n)], "area_name": [f"Area {i}" for i in range(n)],
                        "value": values, "lower_ci": values - 0.5, "upper_ci": values + 0.75,
                        "comparison": ["worse" if v > 6 else "similar" for v in values], "suppressed": False})
    out.loc[out.index < suppressed, "value"] = np.nan
    out.loc[out.index < suppressed, "suppressed"] = True
    return out


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_each_row_has_its_name_above_its_bar_highest_first():
    fig = ranked_figure(frame(5), spec=DEATHS, england_value=5.0, title="t", selected_code="P001")
    names = trace(fig, "names")
    assert list(names.customdata) == ["P004", "P003", "P002", "P001", "P000"]
    assert list(names.y) == [i + NAME_AT for i in range(5)]
    bars = sorted((y, x) for t in fig.data if t.type == "bar" for y, x in zip(t.y, t.x, strict=True))
    assert [y for y, _ in bars] == [i + BAR_AT for i in range(5)]
    assert [x for _, x in bars] == sorted((x for _, x in bars), reverse=True)
    assert fig.layout.yaxis.range == (4.5, -0.5) and fig.layout.yaxis.showticklabels is False
    assert "<b>Area 1 ≈</b>" in names.text


def test_values_column_gaps_and_england():
    fig = ranked_figure(frame(6, suppressed=1), spec=DEATHS, england_value=5.0, title="t")
    values = trace(fig, "values")
    assert len(values.text) == 5 and values.text[0] == "9.0 (8.5–9.8)" and values.cliponaxis is False
    assert min(values.x) >= 9.75 and fig.layout.xaxis.range[1] == values.x[0]
    assert list(trace(fig, "Suppressed or no data").text) == ["Suppressed"]
    assert "England 5.0" in [t.name for t in fig.data]


def test_long_charts_put_the_axis_on_top_and_keep_a_constant_row_height():
    short, long = (ranked_figure(frame(n), spec=DEATHS, england_value=5.0, title="t") for n in (6, 60))
    assert long.layout.xaxis.side == "top" and short.layout.xaxis.side is None
    inner = [(f.layout.height - f.layout.margin.t - f.layout.margin.b) / n for f, n in ((short, 6), (long, 60))]
    assert inner[0] == inner[1] >= 30
