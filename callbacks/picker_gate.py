"""Which moves of a period picker the charts must answer (outcome and compare pages).

The charts read the period from the picker (as state) and are triggered by a "chosen" store. The
picker also moves without anyone choosing: the page's options callback corrects a period the URL
asked for that has no data (or gave none), and moves to a new measure's latest period when it lacks
the current one. The charts, which check the period themselves with the same rule, have already
drawn the period it moves to, so drawing them again would only repeat up to a second of work in the
browser. A move is a correction exactly when the value it leaves is not among the picker's options
(nobody can choose a value that is not offered); only other moves reach the charts.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from presentation import ids


def gate(picker: str, seen: str, chosen: str) -> None:
    """Register the clientside gate from ``picker``'s value to the ``chosen`` store (``seen``: its last value)."""
    clientside_callback(
        ClientsideFunction(namespace="cdp", function_name="choosePeriod"),
        Output(seen, "data"),
        Output(chosen, "data"),
        Input(picker, "value"),
        State(picker, "options"),
        State(seen, "data"),
        prevent_initial_call=True,  # so the charts' first call never waits for this one
    )


def chosen_period(value: str | None, options: list[dict] | None, seen: str | None) -> tuple[str | None, str | None]:
    """The rule of ``cdp.choosePeriod`` (assets/picker_gate.js), for tests: ``(seen, chosen or None)``.

    ``None`` for the chosen period means "no update": the move was a correction the charts have drawn.
    """
    known = any(option.get("value") == seen for option in options or [])
    return value, value if known and value != seen else None


gate(ids.OUTCOME_PERIOD, ids.OUTCOME_PERIOD_SEEN, ids.OUTCOME_PERIOD_CHOSEN)
gate(ids.COMPARE_PERIOD, ids.COMPARE_PERIOD_SEEN, ids.COMPARE_PERIOD_CHOSEN)
