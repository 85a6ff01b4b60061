"""Bad input someone can send on purpose, told apart from faults, so it is logged as one line.

Anyone can post any value to a callback or put anything in a query string. A value a page refuses
is expected, not a fault: ``BadInput`` (and the catalogue's and period parser's own refusals) are
logged by ``web.security`` as one ``bad input: …`` line, where a fault keeps its traceback — otherwise
each hand-made request wrote a kilobyte of traceback and anyone could flood the log.

``callback_value_problem`` states which kinds of value Dash's renderer sends for each component
property the app's callbacks listen to; a request with any other kind is refused before any
callback runs.
"""

from __future__ import annotations

from data_access.catalogue import UnknownMetric, UnknownOutcome
from data_access.periods import PeriodError
from data_access.vintages import UnknownVintage


class BadInput(ValueError):
    """A value a page or callback refuses (not a fault of the app)."""


EXPECTED = (BadInput, UnknownMetric, UnknownOutcome, PeriodError, UnknownVintage)
_SCALARS = (str, int, float, bool)
_TEXT_PROPERTIES = frozenset({"pathname", "search", "hash", "href", "filename", "contents"})
_COUNT_PROPERTIES = frozenset({"n_clicks", "n_clicks_timestamp", "modified_timestamp", "n_submit", "n_blur"})
_FLAG_PROPERTIES = frozenset({"hidden", "disabled"})
_EVENT_PROPERTIES = frozenset({"clickData", "hoverData", "selectedData", "relayoutData"})


def is_bad_input(error: BaseException | None) -> bool:
    """True when ``error``, or anything it was raised from, is an expected refusal of a value."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, EXPECTED):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def one_line(error: BaseException) -> str:
    """``Type: message`` on one line, at most 200 characters (a value may be huge or hold newlines)."""
    text = " ".join(str(error).split())
    text = text if len(text) <= 160 else text[:157] + "…"
    return f"{error.__class__.__name__}: {text}" if text else error.__class__.__name__


def callback_value_problem(prop: str, value: object) -> str | None:
    """Why ``value`` cannot be what the browser sends for property ``prop``, or None when it can."""
    if value is None:
        return None
    if prop == "pathname" and not (isinstance(value, str) and value.startswith("/")):
        return "'pathname' must be a path beginning with /"
    if prop in _TEXT_PROPERTIES:
        ok = isinstance(value, str) or (prop in ("filename", "contents") and isinstance(value, list)
                                        and all(isinstance(v, str) for v in value))
        return None if ok else f"'{prop}' must be text"
    if prop in _COUNT_PROPERTIES:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and value >= 0
        return None if ok else f"'{prop}' must be a count"
    if prop in _FLAG_PROPERTIES:
        return None if isinstance(value, bool) else f"'{prop}' must be true or false"
    if prop == "value":
        ok = isinstance(value, _SCALARS) or (isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value))
        return None if ok else "'value' must be text, a number or a list of them"
    if prop in _EVENT_PROPERTIES:
        return None if isinstance(value, dict) else f"'{prop}' must be an object"
    if prop == "options":
        return None if isinstance(value, list) else "'options' must be a list"
    return None
