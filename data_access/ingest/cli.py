"""``flask --app app data load|fingertips|releases``: the loaders on the command line.

Exit status is the contract for scripts and CI: 0 when the data is in the store (loaded now or
already there), 1 when nothing was written because of problems or a failed download, 2 for usage
errors. Problems go to stderr, one per line, each with its line and column.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import click
from sqlalchemy import Engine, select

from data_access.db import get_engine, session_scope
from data_access.ingest.fingertips import (
    DEFAULT_AREA_TYPE_ID,
    DEFAULT_PARENT_AREA_TYPE_ID,
    check_indicator_ids,
    describe_request,
    fetch_fingertips,
    response_bytes,
)
from data_access.ingest.load import load_bytes, load_file, sha256
from data_access.ingest.report import FetchFailed, LoadResult, ValidationFailed
from data_access.models import Release
from data_access.vintages import UnknownVintage, vintage
from data_access.warm import warm_cache

_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _engine() -> Engine:
    return get_engine(read_only=False)


def _release_options(command):
    """The options every load shares; applied innermost first, so --publisher is listed first."""
    command = click.option("--max-problems", type=int, default=1000, show_default=True,
                           help="List at most this many problems (0 = all); a count by kind follows.")(command)
    command = click.option("--internal", is_flag=True,
                           help="Mark the release internal: hidden from the public (read-only) site.")(command)
    command = click.option("--published-date", type=_DATE, help="Date the publisher released the data (YYYY-MM-DD).")(
        command)
    return click.option("--publisher", help="Who published the data (default depends on the layout).")(command)


@click.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--geography", help="The geography vintage the figures are on when the file does not say: 2009, "
              "2019, 2020, 2021 or 2023, or a Fingertips area type (102 … 502). Default: the authorities in force "
              "at each period's end.")
@_release_options
def load_command(file: Path, geography: str | None, publisher: str | None, published_date: datetime | None,
                 internal: bool, max_problems: int) -> None:
    """Validate FILE whole, then load it as one release (nothing is written if any row has a problem).

    FILE is a Fingertips data download/API CSV or a long CSV with columns metric, area_code, period,
    value, numerator, denominator, lower_ci, upper_ci, note (optional breakdown, area_name, geography).
    """
    if geography is not None:
        try:
            geography = vintage(geography).code
        except UnknownVintage as error:
            raise click.BadParameter(str(error), param_hint="--geography") from None
    try:
        result = load_file(file, _engine(), publisher=publisher,
                           published_date=published_date.date() if published_date else None,
                           visibility="internal" if internal else "published", geography=geography)
    except ValidationFailed as failed:
        _fail(file.name, failed, max_problems)
    _report(file.name, result)
    warm_cache(echo=click.echo)


@click.command("fingertips")
@click.option("--indicator", "indicators", type=int, multiple=True,
              help="Fingertips indicator id to pull (repeatable; default: every id the catalogue maps).")
@click.option("--area-type-id", type=int, default=DEFAULT_AREA_TYPE_ID, show_default=True,
              help="Fingertips child area type (502 = upper-tier local authorities from April 2023).")
@click.option("--parent-area-type-id", type=int, default=DEFAULT_PARENT_AREA_TYPE_ID, show_default=True,
              help="Fingertips parent area type (6 = regions, so region rows come too).")
@click.option("--from-file", "from_file", type=click.Path(exists=True, path_type=Path),
              help="Read recorded API responses (a CSV file or a folder of them) instead of the network.")
@click.option("--api-url", help="Base URL of the Fingertips API (default: CDP_FINGERTIPS_URL, else the public API).")
@_release_options
def fingertips_command(indicators: tuple[int, ...], area_type_id: int, parent_area_type_id: int,
                       from_file: Path | None, api_url: str | None, publisher: str | None,
                       published_date: datetime | None, internal: bool, max_problems: int) -> None:
    """Pull the catalogue's Fingertips indicators with fingertips_py and load them as one release."""
    try:
        ids = check_indicator_ids(list(indicators))
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    try:
        frame = fetch_fingertips(ids, area_type_id, parent_area_type_id, from_file, api_url)
    except FetchFailed as error:
        click.echo(f"Error: {error}. Nothing was written.", err=True)
        raise SystemExit(1) from error
    content = response_bytes(frame)
    returned = set(frame["Indicator ID"].astype(int))
    absent = [i for i in ids if i not in returned]
    if absent:
        click.echo(f"Note: no rows came back for indicator(s) {', '.join(map(str, absent))}.")
    try:
        result = load_bytes(content, _engine(), source=describe_request(ids, area_type_id, parent_area_type_id,
                                                                        from_file, api_url),
                            publisher=publisher, published_date=published_date.date() if published_date else None,
                            visibility="internal" if internal else "published", loaded_by="cli fingertips")
    except ValidationFailed as failed:
        saved = Path(tempfile.gettempdir()) / f"fingertips-{sha256(content)[:12]}.csv"
        saved.write_bytes(content)
        click.echo(f"The response was saved to {saved}; line numbers below refer to it.", err=True)
        _fail("Fingertips response", failed, max_problems)
    _report("the Fingertips data", result)


@click.command("releases")
def releases_command() -> None:
    """List every release in the store, oldest first."""
    with session_scope(_engine()) as session:
        releases = session.scalars(select(Release).order_by(Release.id)).all()
    if not releases:
        click.echo("No releases yet.")
        return
    header = ("id", "loaded_at", "source", "publisher", "is_demo", "visibility", "rows")
    rows = [(str(r.id), f"{r.loaded_at:%Y-%m-%d %H:%M:%S}" if r.loaded_at else "", r.source, r.publisher,
             "yes" if r.is_demo else "no", r.visibility, f"{r.row_count:,}") for r in releases]
    widths = [min(60, max(len(str(row[i])) for row in [header, *rows])) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(_fit(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _fit(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def _report(name: str, result: LoadResult) -> None:
    if not result.created:
        click.echo(f"{name} was already loaded as release {result.release_id} (same content); nothing changed.")
        return
    click.echo(f"Loaded {name} as release {result.release_id}: {result.rows:,} observations "
               f"({result.layout} layout), {result.new_periods} new period(s).")
    for reason, count in result.skipped.items():
        click.echo(f"Skipped {count:,} row(s): {reason}.")


def _fail(name: str, failed: ValidationFailed, max_problems: int) -> None:
    problems = failed.report.problems
    click.echo(f"{name}: {len(problems):,} problem(s); nothing was written.", err=True)
    shown = problems if max_problems <= 0 else problems[:max_problems]
    for problem in shown:
        click.echo(f"  {problem}", err=True)
    if len(shown) < len(problems):
        click.echo(f"  … and {len(problems) - len(shown):,} more (use --max-problems 0 to list all).", err=True)
    if len(problems) > 10:
        click.echo("Problems by kind:\n" + failed.report.problem_summary(), err=True)
    raise SystemExit(1)
