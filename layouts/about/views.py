"""The About page's data sections as a view: the footprint in force and the data releases.

The callback that fills them calls this and nothing else, so what the page shows is read in one
place, through the read layer's public functions.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from data_access.read import partnerships, releases
from data_access.read.footprints import current_footprint, partnership_sources
from layouts.about.data import footprint_section, releases_section


class AboutData(NamedTuple):
    """The children of the About page's two data sections."""

    footprint: Any
    releases: Any


def about_data_view() -> AboutData:
    """The footprint in force (with its sources) and the data releases, ready to place."""
    return AboutData(footprint_section(current_footprint(), partnerships(), partnership_sources()),
                     releases_section(releases()))
