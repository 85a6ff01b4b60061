"""The About page's data sections: the footprint in force and the data releases."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output

from data_access.read import partnerships, releases
from data_access.read.footprints import current_footprint, partnership_sources
from layouts.about.data import footprint_section, releases_section
from presentation import ids


def update_about(_load: Any = None) -> dict[str, Any]:
    """The footprint in force and the data releases, for the About page."""
    return {"footprint": footprint_section(current_footprint(), partnerships(), partnership_sources()),
            "releases": releases_section(releases())}


dash.callback(
    output={"footprint": Output(ids.ABOUT_FOOTPRINT, "children"), "releases": Output(ids.ABOUT_RELEASES, "children")},
    inputs={"_load": Input(ids.ABOUT_LOAD, "data")},
)(update_about)
