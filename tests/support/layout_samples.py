"""Small hand-made frames in the read layer's documented shapes, shared by the layout tests."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND


def spec(metric_id: str):
    """A real catalogue entry (the tests exercise the metadata the app ships)."""
    return get_catalogue().metric(metric_id)


def area_values(rows: list[dict] | None = None, *, period: str = "2021-23") -> pd.DataFrame:
    """Area values for one metric and period; defaults: five partnerships, one suppressed, one missing."""
    rows = rows or [
        {"area_code": "P1", "area_name": "Cleveland", "value": 9.8, "comparison": "worse", "quintile": 5,
         "change_significance": "worsened", "change": 2.1},
        {"area_code": "P2", "area_name": "Avon", "value": 4.1, "comparison": "better", "quintile": 1,
         "change_significance": "improved", "change": -1.0},
        {"area_code": "P3", "area_name": "Dorset", "value": 5.0, "comparison": "similar", "quintile": 2,
         "change_significance": "no_significant_change", "change": 0.2},
        {"area_code": "P4", "area_name": "Rutland", "value": np.nan, "comparison": "not_compared",
         "quintile": pd.NA, "change_significance": "not_tested", "suppressed": True, "note": "Fewer than 5 deaths"},
        {"area_code": "P5", "area_name": "Isles", "value": np.nan, "comparison": "not_compared", "quintile": pd.NA,
         "change_significance": "not_tested"},
        {"area_code": ENGLAND, "area_name": "England", "area_type": "country", "value": 5.2,
         "comparison": "not_compared", "quintile": pd.NA, "change_significance": "not_tested"},
    ]
    frame = pd.DataFrame(rows)
    defaults = {"area_type": "partnership", "suppressed": False, "note": None, "period": period,
                "numerator": 10.0, "denominator": 100000.0, "change": np.nan}
    for column, default in defaults.items():
        if column not in frame:
            frame[column] = default
        else:
            frame[column] = frame[column].where(frame[column].notna(), default) if column != "change" else frame[column]
    frame["suppressed"] = frame["suppressed"].astype(bool)
    frame["lower_ci"] = frame["value"] - 1.0
    frame["upper_ci"] = frame["value"] + 1.0
    frame["lower_998"] = frame["value"] - 1.6
    frame["upper_998"] = frame["value"] + 1.6
    frame["quintile"] = frame["quintile"].astype("Int64")
    return frame


PERIODS = [("2017-19", 2017), ("2018-20", 2018), ("2019-21", 2019), ("2020-22", 2020), ("2021-23", 2021)]


def series(*, with_ci: bool = True, suppressed_period: str | None = "2018-20", provisional_period: str | None = None,
           region: bool = True) -> pd.DataFrame:
    """A trend for Cleveland, England and (optionally) its region, listed out of time order on purpose."""
    rows = []
    areas = [("P1", "Cleveland", "partnership", [7.0, 7.5, 7.7, 8.9, 9.8]),
             (ENGLAND, "England", "country", [4.4, 4.7, 5.0, 5.1, 5.2])]
    if region:
        areas.append(("E12000001", "North East", "region", [6.5, 7.0, 7.2, 7.9, 8.6]))
    for code, name, kind, values in areas:
        for (label, year), value in zip(reversed(PERIODS), reversed(values), strict=True):
            suppressed = code == "P1" and label == suppressed_period
            rows.append({
                "area_code": code, "area_name": name, "area_type": kind, "period": label,
                "period_start": date(year, 1, 1), "period_end": date(year + 2, 12, 31),
                "value": np.nan if suppressed else value,
                "lower_ci": (np.nan if suppressed else value - 0.8) if with_ci else np.nan,
                "upper_ci": (np.nan if suppressed else value + 0.8) if with_ci else np.nan,
                "numerator": np.nan if suppressed else 50.0, "denominator": 500000.0, "suppressed": suppressed,
                "note": None, "provisional": label == provisional_period,
            })
    return pd.DataFrame(rows)


def baseline_summary(**overrides) -> dict:
    """Cleveland's change from the 2019-21 baseline to 2021-23: a significant worsening."""
    summary = {"baseline_period": "2019-21", "baseline_value": 7.7, "latest_period": "2021-23", "latest_value": 9.8,
               "change": 2.1, "change_pct": 27.27, "significance": "worsened", "trend": "increasing",
               "trend_judgement": "getting_worse"}
    summary.update(overrides)
    return summary
