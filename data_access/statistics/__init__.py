"""Pure statistics for the dashboard, computed the way Fingertips / OHID compute them.

Responsibility: numbers in, numbers and labels out — pooling members into areas with confidence
intervals (``values``), comparison with a benchmark and quintiles (``compare``), change since
baseline (``change``), recent trend (``trend``), disclosure control (``suppression``) and funnel
plots (``funnel``). Nothing here reads a database, a file or a request: callers in
``data_access`` fetch the rows and pass pandas frames or arrays, so every method can be tested
against hand calculations and PHStatsMethods.
"""

from .change import change_since_baseline, change_since_baseline_frame
from .compare import QuintileLabel, compare_with_benchmark, quintile_label, quintiles
from .funnel import funnel_limits
from .suppression import apply_suppression
from .trend import recent_trend
from .values import compute_values, esp2013_weights

__all__ = [
    "QuintileLabel",
    "apply_suppression",
    "change_since_baseline",
    "change_since_baseline_frame",
    "compare_with_benchmark",
    "compute_values",
    "esp2013_weights",
    "funnel_limits",
    "quintile_label",
    "quintiles",
    "recent_trend",
]
