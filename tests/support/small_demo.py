"""A hand-made stand-in for the demonstration generator: two metrics, five areas, two years.

Tests of what happens around the demonstration release (which reads see it, when the command
refuses) do not depend on the generated data, so they patch ``generate_demo_frame`` with this.
"""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.demo import load as demo_load
from data_access.demo.frame import COLUMNS

METRIC = "successful_completions_adults"  # a proportion (per cent)
OTHER = "numbers_in_treatment"  # a crude rate per 1,000
AREAS = ("E06000001", "E06000002", "E06000003", "E06000004", "E92000001")
PERIODS = ("2021/22", "2022/23")


def small_demo_frame(seed: int = 0) -> pd.DataFrame:
    """Demonstration rows in the generator's columns (the seed only shifts the numerators)."""
    rows = []
    for metric, scale, denominator in ((METRIC, 100, 1000), (OTHER, 1000, 100_000)):
        for i, code in enumerate(AREAS):
            for j, period in enumerate(PERIODS):
                numerator = 100 + 10 * i + 5 * j + seed % 7
                rows.append({"metric_id": metric, "area_code": code, "period_label": period,
                             "period_type": "financial_year", "breakdown": "all",
                             "value": scale * numerator / denominator, "numerator": float(numerator),
                             "denominator": float(denominator), "note": None})
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture
def small_demo(monkeypatch) -> None:
    """``load_demo`` and ``flask data demo`` store the small frame instead of the generated one."""
    monkeypatch.setattr(demo_load, "generate_demo_frame", small_demo_frame)
