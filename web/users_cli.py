"""``flask --app app users …``: add, list, remove and unlock the people who may sign in to an internal instance.

Passwords are typed twice at a hidden prompt, or read from standard input with ``--password-stdin``
(for scripts: ``printf '%s\\n' "$PW" | flask --app app users add NAME --password-stdin``); they are
never taken as command-line arguments, which other users of the machine could read.
"""

from __future__ import annotations

import sys

import click
import pandas as pd
from flask.cli import AppGroup
from sqlalchemy.exc import OperationalError, ProgrammingError

from data_access.db import get_engine
from data_access.users import UserError, add_user, list_users, remove_user, unlock_user

users = AppGroup("users", help="Manage who may sign in to an internal instance.")


def _engine():
    return get_engine(read_only=False)


def _fail(error: Exception) -> None:
    if isinstance(error, (OperationalError, ProgrammingError)):
        raise click.ClickException("the store has no user tables yet, or cannot be reached: run "
                                   "`flask --app app data init` first") from error
    raise click.ClickException(str(error)) from error


@users.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def add_command(name: str, password_stdin: bool) -> None:
    """Add user NAME; the password is asked for twice (at least 12 characters)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")
    try:
        stored = add_user(_engine(), name, password)
    except (UserError, OperationalError, ProgrammingError) as error:
        _fail(error)
    click.echo(f"Added user {stored}.")


@users.command("list")
def list_command() -> None:
    """List users: name, created, last sign-in, and any lock."""
    try:
        frame = list_users(_engine())
    except (OperationalError, ProgrammingError) as error:
        _fail(error)
    if frame.empty:
        click.echo("No users.")
        return
    for row in frame.itertuples():
        last = f"{row.last_sign_in_at:%Y-%m-%d %H:%M} UTC" if pd.notna(row.last_sign_in_at) else "never"
        lock = f"; LOCKED until {row.locked_until:%H:%M} UTC" if pd.notna(row.locked_until) else ""
        failed = f"; {row.failed_count} failed attempt(s)" if row.failed_count else ""
        click.echo(f"{row.name}\tcreated {row.created_at:%Y-%m-%d}\tlast sign-in {last}{failed}{lock}")


@users.command("remove")
@click.argument("name")
def remove_command(name: str) -> None:
    """Remove user NAME; their open sessions end at once."""
    try:
        remove_user(_engine(), name)
    except (UserError, OperationalError, ProgrammingError) as error:
        _fail(error)
    click.echo(f"Removed user {name.strip().lower()}.")


@users.command("unlock")
@click.argument("name")
def unlock_command(name: str) -> None:
    """Clear NAME's failed sign-in attempts and lift any lock-out."""
    try:
        was_locked = unlock_user(_engine(), name)
    except (OperationalError, ProgrammingError) as error:
        _fail(error)
    click.echo(f"Unlocked {name.strip().lower()}." if was_locked else f"{name.strip().lower()} was not locked; "
               "failed attempts cleared.")
