"""The demonstration dataset: every framework metric generated from a seed, and its loader.

``generate_demo_frame(seed)`` builds the data as a DataFrame (pure, no database);
``load_demo(engine, seed, replace=False)`` stores it as one release flagged ``is_demo`` (refusing a store
that holds real data unless ``alongside_real=True``).
"""

from data_access.demo.frame import DEFAULT_SEED, MISSING_NOTE, generate_demo_frame
from data_access.demo.load import (
    GENERATOR_VERSION,
    DemoBesideRealError,
    DemoLoadError,
    demo_fingerprint,
    load_demo,
)

__all__ = ["DEFAULT_SEED", "GENERATOR_VERSION", "MISSING_NOTE", "DemoBesideRealError", "DemoLoadError",
           "demo_fingerprint", "generate_demo_frame", "load_demo"]
