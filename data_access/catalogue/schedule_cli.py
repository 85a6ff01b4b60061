"""``flask --app app data schedule``: replace the release schedule from a file, or list the current one.

The publishers' calendars move, so the schedule is updated by command rather than by a code change:
the file is checked in full first (every problem with its line and column, nothing written), then
becomes the current schedule in one transaction; earlier versions are kept in the store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from data_access.catalogue.schedule import COLUMNS, ScheduleError, answer


def _fail(title: str, problems: list) -> None:
    click.echo(f"{title} ({len(problems)} problem{'s' if len(problems) != 1 else ''}):", err=True)
    for problem in problems:
        click.echo(f"  - {problem}", err=True)
    raise click.exceptions.Exit(1)


def _show(today: date) -> None:
    from data_access.catalogue.schedule_store import current_schedule
    from data_access.db import get_engine

    with get_engine().connect() as conn:
        version, entries = current_schedule(conn)
    if version is None:
        click.echo("No release schedule in the store; run `flask --app app data init`.")
        return
    click.echo(f"Release schedule version {version.id} (from {version.source}, loaded {version.loaded_at:%Y-%m-%d %H:%M}), "
               f"as of {today.isoformat()}:")
    for entry in entries:
        click.echo(f"  {entry.metric_id:<34} {entry.release_date.isoformat()}  {answer(entry, today).state:<22} "
                   f"{entry.date_text} (covering {entry.covers}); {entry.source}")
    if not entries:
        click.echo("  (no metric has an announced release)")


@click.command("schedule")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show", is_flag=True, help="List the current schedule and what each date means today.")
def schedule_command(file: Path | None, show: bool) -> None:
    """Make FILE the release schedule, or list the current one with --show.

    FILE is a CSV with the columns metric_id, release_date, date_precision, covers, source,
    recorded_on (see data_access/catalogue/release_schedule.csv). It replaces the whole schedule: a
    metric not in it shows "Not announced". Nothing is written when any row has a problem.
    """
    from data_access.catalogue.schedule_store import load_schedule_file
    from data_access.db import get_engine

    today = date.today()
    if file is None:
        if not show:
            raise click.UsageError("give a schedule FILE to load, or --show")
        try:
            _show(today)
        except SQLAlchemyError as error:
            _fail("The store could not be read", [f"{getattr(error, 'orig', None) or error}"])
        return
    try:
        result = load_schedule_file(file, get_engine(read_only=False), today)
    except ScheduleError as error:
        _fail(f"{file} not loaded (columns: {', '.join(COLUMNS)})", error.problems)
    except SQLAlchemyError as error:
        _fail("The store could not be written", [f"{getattr(error, 'orig', None) or error}; "
                                                 "run `flask --app app data init` first"])
    if result.created:
        noun = "metric has" if result.entries == 1 else "metrics have"
        click.echo(f"Release schedule version {result.version_id} loaded: {result.entries} {noun} an announced "
                   "release; every other metric shows 'Not announced'.")
    else:
        click.echo(f"{file} is already the current release schedule (version {result.version_id}); nothing changed.")
    if show:
        _show(today)
