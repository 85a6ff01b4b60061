"""Demonstration rows for metrics that exist only for England (surveys, policing and supply figures).

One England row per period: the published figure at an anchored period, the linear interpolation
between anchors. Counts store the count as numerator too; a survey proportion with ``demo.sample``
stores numerator and denominator from a sample of about that size (varying a little between
non-anchored years, as achieved samples do), so the read layer can compute its interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access.catalogue import MetricSpec
from data_access.demo.local import metric_rng
from data_access.demo.timeline import anchors_of, metric_periods

SAMPLE_SD = 0.05  # survey achieved samples vary a little from year to year


def national_frame(spec: MetricSpec, england: str, seed: int) -> pd.DataFrame:
    """The England rows of one national metric (columns as ``generate_demo_frame``, without note)."""
    rng = metric_rng(seed, spec.id)
    anchors, _ = anchors_of(spec)
    sample = spec.demo.get("sample")
    rows = []
    for period in metric_periods(spec):
        level = anchors.level(period)
        exact = anchors.is_anchor(period)
        numerator = denominator = np.nan
        if spec.measure == "count":
            value = numerator = float(round(level))
        elif spec.measure == "proportion" and sample:
            denominator = float(sample if exact else round(sample * np.exp(rng.normal(0.0, SAMPLE_SD))))
            numerator = float(round(level / spec.multiplier * denominator))
            value = numerator / denominator * spec.multiplier
        else:
            value = round(level, 1)
        rows.append({"metric_id": spec.id, "area_code": england, "period_label": period.label,
                     "period_type": period.type, "breakdown": "all", "value": value,
                     "numerator": numerator, "denominator": denominator})
    return pd.DataFrame(rows)
