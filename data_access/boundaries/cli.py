"""``flask --app app data boundaries`` and ``data footprints``: build the map layers, load a footprint.

Both validate before writing and exit non-zero with every problem listed. The heavy geometry
libraries are imported inside the commands: this module is imported by the web app (to register
the commands), which should not pay for geopandas on every start.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from data_access.boundaries.coverage import DEFAULT_TOLERANCE_M
from data_access.boundaries.facts import VINTAGES


def _fail(title: str, problems: list) -> None:
    click.echo(f"{title} ({len(problems)} problem{'s' if len(problems) != 1 else ''}):", err=True)
    for problem in problems:
        click.echo(f"  - {problem}", err=True)
    raise click.exceptions.Exit(1)


def _store_failed(error: SQLAlchemyError) -> None:
    _fail("The store could not be read", [f"{getattr(error, 'orig', None) or error}; "
                                           "run `flask --app app data init` first"])


def _echo_layers(manifest: dict) -> None:
    for name, entry in manifest["layers"].items():
        extra = f", footprint version {entry['footprint_version']}" if entry.get("footprint_version") else ""
        click.echo(f"  {name:<12} {entry['file']:<34} {entry['features']:>4} features  "
                   f"{entry['bytes']:>8,} B  {entry['gzip_bytes']:>7,} B gzip  ({entry['kind']}{extra})")


@click.command("boundaries")
@click.argument("source", required=False)
@click.option("--vintage", type=click.Choice([str(year) for year in VINTAGES]),
              help="Build the authority layer of an earlier vintage (used for periods before April 2023).")
@click.option("--allow-missing", is_flag=True, help="Build even if some authorities have no boundary (partial files).")
@click.option("--tolerance", type=float, default=DEFAULT_TOLERANCE_M, show_default=True,
              help="Simplification tolerance in metres (0 keeps every vertex).")
@click.option("--tiles", is_flag=True, help="Build the tile (hex) map from committed centroids instead.")
def boundaries_command(source: str | None, vintage: str | None, allow_missing: bool, tolerance: float,
                       tiles: bool) -> None:
    """Build the map layers from SOURCE (GeoJSON, Shapefile, zip or GeoPackage; a path or URL).

    SOURCE defaults to CDP_BOUNDARIES, else the ONS download of Counties and Unitary Authorities
    (December 2024) BUC. Layers go to CDP_BOUNDARY_CACHE with content-hashed names.
    """
    from data_access.boundaries.build import build_boundaries
    from data_access.boundaries.source import BoundaryError
    from data_access.boundaries.tiles import build_tile_layers
    from data_access.db import get_engine

    engine = get_engine(read_only=False)
    if tiles:
        click.echo("Tile map built:")
        _echo_layers(build_tile_layers(engine=engine))
        return
    try:
        report = build_boundaries(source, engine=engine, vintage=int(vintage) if vintage else None,
                                  allow_missing=allow_missing, tolerance_m=tolerance)
    except BoundaryError as error:
        _fail("Boundaries not built", error.problems)
    except SQLAlchemyError as error:
        _store_failed(error)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"Boundary layers built in {report.seconds:.2f} s:")
    _echo_layers(report.manifest)
    for layer, quality in report.quality.items():
        click.echo(f"  check {layer}: area change {quality['area_change_pct']}%, overlaps {quality['overlap_m2']} m², "
                   f"holes in the whole {quality['holes_before']} → {quality['holes_after']}, "
                   f"coverage valid {quality['coverage_valid']}")


@click.command("footprints")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--label", help="Label of the new footprint version (default: 'Loaded from FILE').")
def footprints_command(file: Path, label: str | None) -> None:
    """Load FILE (CSV: partnership_code, partnership_name, member_code[, status][, source]) as a new footprint.

    The whole file is checked first; older versions are kept, the new one becomes current, and
    the partnership map layer is redrawn if layers were built.
    """
    from data_access.boundaries.build import refresh_partnership_layer
    from data_access.boundaries.footprints import FootprintError, load_footprint_file
    from data_access.db import get_engine

    engine = get_engine(read_only=False)
    try:
        result = load_footprint_file(file, engine=engine, label=label)
    except FootprintError as error:
        _fail(f"{file} not loaded", error.problems)
    except SQLAlchemyError as error:
        _store_failed(error)
    if not result.created:
        state = "the current version" if result.is_current else "not the current version"
        click.echo(f"{file} is already footprint version {result.version_id} ({state}); nothing changed.")
        return
    click.echo(f"Footprint version {result.version_id} loaded and made current: "
               f"{result.partnerships} partnerships, {result.members} memberships.")
    manifest = refresh_partnership_layer(engine=engine)
    if manifest is not None:
        click.echo(f"Partnership map layer redrawn: {manifest['layers']['partnership']['file']}")
