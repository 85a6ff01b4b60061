"""``flask --app app data …``: the commands that build and fill the store.

Each command validates before it writes and exits non-zero with every problem listed.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import Engine

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
    engine = get_engine(read_only=False)
    summary = init_store(engine)
    click.echo(f"Store ready: {summary['metrics']} metrics, {summary['areas']} areas, "
               f"footprint version {summary['footprint_version']}.")
    _redraw_stale_partnership_layer(engine, summary["footprint_version"])


def _redraw_stale_partnership_layer(engine: Engine, version: int) -> None:
    """A new default footprint version redraws a built partnership layer, as `data footprints` does."""
    from config import get_settings
    from data_access.boundaries.build import refresh_partnership_layer
    from data_access.boundaries.layers import read_manifest

    manifest = read_manifest(get_settings().boundary_cache_dir, quiet=True)
    if manifest is None or manifest["layers"].get("partnership", {}).get("footprint_version") == version:
        return
    manifest = refresh_partnership_layer(engine=engine)
    if manifest is not None:
        click.echo(f"Partnership map layer redrawn: {manifest['layers']['partnership']['file']}")


data.add_command(demo_command)


@data.command("cache-clear")
def cache_clear_command() -> None:
    """Empty the shared cache (filesystem or Redis) every worker reads answers from."""
    from data_access.cache import cache

    if not cache.clear():
        click.echo("Error: the shared cache could not be cleared (is its folder writable, or Redis reachable?).",
                   err=True)
        raise SystemExit(1)
    click.echo("Shared cache cleared.")
