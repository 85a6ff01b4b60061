"""The area search: a text box with the browser's own suggestion list, for choosing one of ~450 areas.

Every partnership and local authority is too long a list to scroll, and a scripted dropdown left a
focusable element hidden from screen readers in the page and put focus on its first option, so typing
a name did nothing. A native ``<input list=…>`` with a ``<datalist>`` is a combobox every browser,
screen reader and phone keyboard already knows: typing filters the suggestions at once, arrow keys and
Enter (or a tap) pick one.

The box holds words, but the pages' callbacks and links work with area codes, so the chosen code lives
in a hidden native select under the picker's own id (with the same ``value`` and ``options`` as
before): callbacks read and set its ``value``, fill its ``options``, and ``assets/area_search.js``
keeps the box, the suggestions and the code in step (``callbacks.area_search``). Options may share a
code (the compare page's highlight lists each member authority under its partnership's code); the box
then names the code by its first option.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

#: Words under the label, so the control's purpose and its examples are read before it.
HINT = "Type a partnership or local authority name, e.g. Bolton or Cleveland, then choose it from the list."


def area_search(value_id: str, search_id: str, list_id: str, *, options: list[dict[str, str]] | None = None,
                value: str | None = None, placeholder: str = "Type an area name") -> list:
    """The search box (``search_id``), its suggestions (``list_id``) and the hidden code holder (``value_id``).

    The caller puts the visible ``<label for=search_id>`` before these; the box starts on the label of
    ``value`` when ``options`` name it, else empty until the options arrive.
    """
    options = list(options or [])
    label = next((option["label"] for option in options if option["value"] == value), "")
    if label == value:  # an option named by its own code until the list arrives: no name to show yet
        label = ""
    return [
        dcc.Input(id=search_id, type="text", list=list_id, value=label, placeholder=placeholder,
                  autoComplete="off", spellCheck="false", className="area-search"),
        html.Datalist(id=list_id, children=[html.Option(value=option["label"]) for option in options]),
        # Not displayed: it only carries the chosen code for the callbacks (assistive technology skips it).
        dbc.Select(id=value_id, options=options, value=value, style={"display": "none"}),
    ]
