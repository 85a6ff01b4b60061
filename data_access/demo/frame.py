"""The whole demonstration dataset as one DataFrame: pure, seeded, no database.

Each metric gets England rows and, where it exists by authority, rows for every authority valid
at the period's end. Then a small seeded fraction of authority cells is blanked (value, numerator
and denominator NULL, with a note), as real publications have gaps; England rows were computed from
every authority first, because a published England figure does include areas whose local figure
is missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data_access.catalogue import Catalogue, get_catalogue
from data_access.demo.denominators import depends_on
from data_access.demo.geography import load_geography
from data_access.demo.local import LocalGenerator
from data_access.demo.national import national_frame

DEFAULT_SEED = 2022
MISSING_FRACTION = 0.005
MISSING_NOTE = "Data not available (demonstration)"
COLUMNS = ["metric_id", "area_code", "period_label", "period_type", "breakdown", "value", "numerator",
           "denominator", "note"]


def _generation_order(catalogue: Catalogue) -> list[str]:
    """Metrics whose denominator is another metric's numerator come after that metric."""
    def depth(metric_id: str) -> int:
        base = depends_on(catalogue.metrics[metric_id])
        return 0 if base not in catalogue.metrics else depth(base) + 1
    return sorted(catalogue.metrics, key=depth)


def _blank_some(frame: pd.DataFrame, england: str, seed: int, fraction: float) -> pd.DataFrame:
    """Blank about ``fraction`` of authority cells (all breakdowns of a chosen cell together)."""
    cell = ["metric_id", "area_code", "period_label", "period_type"]
    local = frame.loc[(frame["area_code"] != england) & (frame["breakdown"] == "all"), cell]
    chosen = local[np.random.default_rng([seed, 1]).random(len(local)) < fraction]
    hit = pd.MultiIndex.from_frame(frame[cell]).isin(pd.MultiIndex.from_frame(chosen))
    frame.loc[hit, ["value", "numerator", "denominator"]] = np.nan
    frame.loc[hit, "note"] = MISSING_NOTE
    return frame


def generate_demo_frame(seed: int = DEFAULT_SEED, catalogue: Catalogue | None = None, *,
                        missing_fraction: float = MISSING_FRACTION) -> pd.DataFrame:
    """Every metric at every geography it exists at; the same ``seed`` always gives the same frame.

    Columns: metric_id, area_code, period_label, period_type, breakdown, value, numerator,
    denominator, note. Rows come in catalogue order, then period, England first, then authorities.
    ``missing_fraction`` is the share of authority cells blanked (0 gives every cell, for checks).
    """
    catalogue = catalogue or get_catalogue()
    geo = load_geography()
    local = LocalGenerator(geo, seed)
    parts = {}
    for metric_id in _generation_order(catalogue):
        spec = catalogue.metrics[metric_id]
        parts[metric_id] = local.frame(spec) if spec.is_local else national_frame(spec, geo.england, seed)
    frame = pd.concat([parts[m] for m in catalogue.metrics], ignore_index=True)
    frame["note"] = pd.Series([None] * len(frame), dtype=object)
    return _blank_some(frame, geo.england, seed, missing_fraction)[COLUMNS]
