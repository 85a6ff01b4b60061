"""Whole views a callback draws (figures, summaries, tables), kept per worker for the current release.

A view is a function of its checked inputs and the data release only, so a worker builds it once
and serves the same objects to every request: Dash serialises them and never changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from data_access.read import release_key
from data_access.read._local import VIEWS, remembered

T = TypeVar("T")


def remembered_view(key: tuple, build: Callable[[], T]) -> T:
    """``build()`` for ``key``, built once per worker and release.

    ``key`` must name everything ``build`` reads besides the store (checked measure, area, period,
    level…); the release key is added here, so a new release is never answered from an old view.
    """
    return remembered(VIEWS, (*key, release_key()), build)
