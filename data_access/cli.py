"""``flask --app app data …``: the commands that build and fill the store.

Each command validates before it writes and exits non-zero with every problem listed.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from data_access.boundaries.cli import boundaries_command, footprints_command
from data_access.catalogue.schedule_cli import schedule_command
from data_access.db import get_engine
from data_access.demo.cli import demo_command
from data_access.ingest.cli import fingertips_command, load_command, releases_command
from data_access.setup import init_store

data = AppGroup("data", help="Build and fill the data store.")
data.add_command(load_command)
data.add_command(fingertips_command)
data.add_command(releases_command)
data.add_command(boundaries_command)
data.add_command(footprints_command)
data.add_command(schedule_command)


@data.command("init")
def init_command() -> None:
    """Create or upgrade the store and load the catalogue, areas and default footprint."""
    summary = init_store(get_engine(read_only=False))
    click.echo(f"Store ready: {summary['metrics']} metrics, {summary['areas']} areas, "
               f"footprint version {summary['footprint_version']}.")


data.add_command(demo_command)
