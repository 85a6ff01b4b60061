"""The old private name of ``data_access.read.memory``, kept only until its last outside importers move.

Import ``data_access.read.memory`` instead: this module re-exports the same objects (so a cleared
or patched memory is the one every reader uses) and goes once nothing imports it.
"""

from __future__ import annotations

from data_access.read.memory import (
    _MISSING,
    ANSWERS,
    TABLES,
    VIEWS,
    ProcessLRU,
    active,
    clear,
    per_request,
    private,
    recently,
    remembered,
    time,
    today,
)

__all__ = ["ANSWERS", "TABLES", "VIEWS", "ProcessLRU", "_MISSING", "active", "clear", "per_request", "private",
           "recently", "remembered", "time", "today"]
