"""The outcome page's headline (the chosen area's latest figure, above the controls) after a change of measure or area.

The first headline comes with the page (``layouts.outcome.page`` calls the same view), so this callback answers
only later changes: a measure picked, an area picked, or an area clicked on the map or the comparison.
"""

from __future__ import annotations

from dash import Input, Output, State, callback

from layouts.outcome.headline import headline_view
from presentation import ids


@callback(
    Output(ids.OUTCOME_HEADLINES, "children"),
    Input(ids.OUTCOME_METRIC, "value"),
    Input(ids.OUTCOME_AREA, "value"),
    State(ids.OUTCOME_PAGE, "data"),
    prevent_initial_call=True,  # the first headline comes with the page
)
def update_headline(metric_id, area, page):
    """The measure's latest figure for the area, against England and the baseline."""
    return headline_view(metric_id, area, page)
