"""Whole views a callback draws (figures, summaries, tables), kept per worker for the current release.

A view is a function of its checked inputs and the data release only, so a worker builds it once
and serves the same objects to every request: Dash serialises them and never changes them. A page's
layout builds its first view with the same functions its callbacks call (``first_view``), so the
first chart comes with the page and no request is made for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from data_access.read import release_key
from data_access.read.memory import VIEWS, remembered
from layouts._shared.bad_input import BadInput

T = TypeVar("T")
log = logging.getLogger(__name__)


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


def first_view(view: Callable[..., T], *arguments: Any) -> T | None:
    """``view(*arguments)`` for the first view a page layout sends; None when it fails.

    The page still arrives: its layout keeps the placeholders where the view would go, and the
    failure is logged (a store that is down is reported by the page's banner).
    """
    try:
        return view(*arguments)
    except Exception:  # noqa: BLE001 - the page arrives without this view rather than not at all
        log.exception("could not build %s with its page", getattr(view, "__name__", view))
        return None
