"""Keep each area search box, its suggestions and the chosen code in step (home, outcome, partnership, and
the compare page's "Highlight a partnership").

The pages' callbacks read and set the code on the picker's own id (a hidden select, see
``layouts._shared.area_search``); ``cdp.syncAreaSearch`` (assets/area_search.js) turns words typed or
picked into a code and a code set by a callback into the words shown. It runs in the browser, so a
keystroke costs no server trip. ``resolve`` restates its choice rule for tests.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, clientside_callback

from presentation import ids


def _norm(text: str | None) -> str:
    return " ".join(str(text or "").split()).casefold()


def resolve(text: str | None, options: list[dict] | None, *, submitted: bool = False,
            keystroke: bool = False) -> dict | None:
    """The option the words choose: exactly its label (any case and spacing), or on Enter the first label
    containing them; ``None`` while the words name nothing yet (so half-typed words never move the page).

    A letter typed (``keystroke``) that completes one name while a longer name starts with it ("Cheshire"
    on the way to "Cheshire East") chooses nothing yet: Enter, a pick from the list or leaving the box does.
    """
    words = _norm(text)
    if not words:
        return None
    options = options or []
    exact = next((option for option in options if _norm(option.get("label")) == words), None)
    if exact and keystroke and not submitted and any(_norm(option.get("label")) != words
                                   and _norm(option.get("label")).startswith(words) for option in options):
        return None
    if exact or not submitted:
        return exact
    return next((option for option in options if words in _norm(option.get("label"))), None)


def link(value_id: str, search_id: str, list_id: str) -> None:
    """Register the browser-side link between the box ``search_id``, its ``list_id`` and the code on ``value_id``."""
    clientside_callback(
        ClientsideFunction(namespace="cdp", function_name="syncAreaSearch"),
        Output(search_id, "value"),
        Output(value_id, "value", allow_duplicate=True),
        Output(list_id, "children"),
        Input(search_id, "value"),
        Input(search_id, "n_submit"),
        Input(search_id, "n_blur"),
        Input(value_id, "value"),
        Input(value_id, "options"),
        prevent_initial_call="initial_duplicate",  # the first call fills the suggestions from the options
    )


link(ids.HOME_AREA, ids.HOME_AREA_SEARCH, ids.HOME_AREA_LIST)
link(ids.OUTCOME_AREA, ids.OUTCOME_AREA_SEARCH, ids.OUTCOME_AREA_LIST)
link(ids.PARTNERSHIP_AREA, ids.PARTNERSHIP_AREA_SEARCH, ids.PARTNERSHIP_AREA_LIST)
link(ids.COMPARE_HIGHLIGHT, ids.COMPARE_HIGHLIGHT_SEARCH, ids.COMPARE_HIGHLIGHT_LIST)
