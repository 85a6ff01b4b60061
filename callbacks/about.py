"""The About page's data sections: the footprint in force and the data releases."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output

from layouts.about.views import about_data_view
from presentation import ids


def update_about(_load: Any = None) -> dict[str, Any]:
    """The footprint in force and the data releases, for the About page."""
    return about_data_view()._asdict()


dash.callback(
    output={"footprint": Output(ids.ABOUT_FOOTPRINT, "children"), "releases": Output(ids.ABOUT_RELEASES, "children")},
    inputs={"_load": Input(ids.ABOUT_LOAD, "data")},
)(update_about)
