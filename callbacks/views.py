"""Whole views a callback draws (figures, summaries, tables), kept per worker for the current release.

A view is a function of its checked inputs and the data release only, so a worker builds it once
and serves the same objects to every request: Dash serialises them and never changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from data_access.read import release_key
from data_access.read._local import VIEWS, remembered
from layouts._components.bad_input import BadInput

T = TypeVar("T")


def remembered_view(key: tuple, build: Callable[[], T]) -> T:
    """``build()`` for ``key``, built once per worker and release.

    ``key`` must name everything ``build`` reads besides the store (checked measure, area, period,
    level…); the release key is added here, so a new release is never answered from an old view.
    """
    try:
        hash(key)
    except TypeError as error:  # a list or object where a checked value belongs: a hand-made request
        raise BadInput(f"a view was asked for with a value of the wrong kind: {error}") from None
    return remembered(VIEWS, (*key, release_key()), build)
