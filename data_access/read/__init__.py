"""The bounded read functions pages and callbacks call; each answer is memoized per data release.

This package only names the public read API; each function lives in the module that owns its
concern (``tables``: the memoized metric and geography tables; ``values``: maps and series;
``places``: areas and pickers; ``summary``: per-area summaries; ``releases``: which data is
current), and those modules import one another at module level, never back through this package.

Column contracts:
- ``area_values``: area_code, area_name, area_type, period, value, lower_ci, upper_ci, lower_998, upper_998,
  numerator, denominator, suppressed, note, england_value, comparison, comparison_998, quintile, baseline_value,
  change, change_significance, provisional (one row per area of the type, for one period).
- ``series``: the same columns plus period_type, period_start, period_end, for chosen areas across periods.
"""

from __future__ import annotations

from data_access.read.areas import ENGLAND
from data_access.read.places import authorities, partnership_members, partnerships, regions, resolve_area
from data_access.read.releases import current_release, release_key, releases
from data_access.read.similar import similar_groups, similar_inputs, similar_partnerships
from data_access.read.summary import area_profile, baseline_summary
from data_access.read.tables import metric_periods, metric_table
from data_access.read.values import AREA_TYPES as AREA_TYPES  # imported by name by the CSV route
from data_access.read.values import area_values, series

__all__ = ["ENGLAND", "area_profile", "area_values", "baseline_summary", "authorities", "current_release", "metric_periods", "metric_table",
           "partnership_members", "partnerships", "regions", "release_key", "releases", "resolve_area", "series",
           "similar_groups", "similar_inputs", "similar_partnerships"]
