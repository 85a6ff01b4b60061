"""The "what changed" page's one callback: partnership code + date → heading, note and every section.

The page is a view of its code and date (``layouts.changes.views.changes_view``); the callback only
places it.
"""

from __future__ import annotations

import dash
from dash import Input, Output

from layouts.changes.views import changes_view
from presentation import ids


@dash.callback(
    Output(ids.CHANGES_HEADING, "children"),
    Output(ids.CHANGES_STATUS, "children"),
    Output(ids.CHANGES_BODY, "children"),
    Input(ids.CHANGES_CODE, "data"),
    Input(ids.CHANGES_SINCE, "data"),
)
def render_changes(code: str | None, since_text: str | None) -> tuple:
    """Code and date (already checked by the layout) → heading, note, sections."""
    return tuple(changes_view(code, since_text))
