"""Users, password hashes and the sign-in lock-out in the store (SQLite and PostgreSQL), and the users CLI."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from data_access import users
from data_access.models import SignInAttempt, User
from data_access.users import MAX_FAILURES, UserError, add_user, list_users, remove_user, sign_in, unlock_user

PASSWORD = "correct horse battery"


def test_passwords_are_stored_only_as_scrypt_hashes(store):
    assert add_user(store, "  Alice ", PASSWORD) == "alice"
    with store.connect() as conn:
        stored = conn.scalar(select(User.password_hash))
    assert stored.startswith("scrypt:") and PASSWORD not in stored
    assert sign_in(store, "ALICE", PASSWORD).ok


@pytest.mark.parametrize(("name", "password"), [("alice", "short"), ("", PASSWORD), ("a b", PASSWORD),
                                                ("x" * 121, PASSWORD), ("-alice", PASSWORD)])
def test_bad_names_and_weak_passwords_are_refused(store, name, password):
    with pytest.raises(UserError):
        add_user(store, name, password)


def test_duplicates_and_unknown_users_are_reported(store):
    add_user(store, "alice", PASSWORD)
    with pytest.raises(UserError, match="already exists"):
        add_user(store, "Alice", PASSWORD)
    with pytest.raises(UserError, match="no user"):
        remove_user(store, "bob")


def test_five_failures_lock_the_name_for_fifteen_minutes(store, monkeypatch):
    add_user(store, "alice", PASSWORD)
    results = [sign_in(store, "alice", "wrong", remote_addr="203.0.113.9") for _ in range(MAX_FAILURES)]
    assert [r.outcome for r in results] == ["failure"] * (MAX_FAILURES - 1) + ["locked"]
    locked = sign_in(store, "alice", PASSWORD)
    assert not locked.ok and locked.outcome == "locked"
    assert list_users(store)["locked_until"].notna().all()
    start = users.now()
    monkeypatch.setattr(users, "now", lambda: start + timedelta(minutes=16))
    assert sign_in(store, "alice", PASSWORD).ok  # the lock expires by itself
    with store.connect() as conn:
        outcomes = conn.scalars(select(SignInAttempt.outcome).order_by(SignInAttempt.id)).all()
    assert outcomes == ["failure"] * MAX_FAILURES + ["locked", "success"]


def test_unlock_and_success_reset_the_count(store):
    add_user(store, "alice", PASSWORD)
    for _ in range(MAX_FAILURES - 1):
        sign_in(store, "alice", "wrong")
    assert sign_in(store, "alice", PASSWORD).ok
    for _ in range(MAX_FAILURES - 1):  # counting starts again after a success
        assert sign_in(store, "alice", "wrong").outcome == "failure"
    for _ in range(2):
        sign_in(store, "alice", "wrong")
    assert unlock_user(store, "alice") is True
    assert sign_in(store, "alice", PASSWORD).ok


def test_unknown_names_are_locked_too_and_answer_alike(store):
    outcomes = [sign_in(store, "nobody", "guess").outcome for _ in range(MAX_FAILURES + 1)]
    assert outcomes[:MAX_FAILURES - 1] == ["failure"] * (MAX_FAILURES - 1) and outcomes[-1] == "locked"


def test_concurrent_failures_from_many_workers_are_all_counted(store):
    add_user(store, "alice", PASSWORD)
    barrier = threading.Barrier(8)

    def attack() -> None:
        barrier.wait()
        sign_in(store, "alice", "wrong")

    threads = [threading.Thread(target=attack) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sign_in(store, "alice", PASSWORD).outcome == "locked"
    with store.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(SignInAttempt)) == 9


@pytest.fixture
def cli(store, monkeypatch):
    """``flask users …`` on a bare Flask app whose store is ``store``."""
    from web import users_cli

    monkeypatch.setattr(users_cli, "_engine", lambda: store)
    app = Flask("cli-test")
    app.cli.add_command(users_cli.users)
    runner = app.test_cli_runner()
    return lambda *args, **kwargs: runner.invoke(args=["users", *args], **kwargs)


def test_users_cli_add_list_remove_unlock(cli, store):
    added = cli("add", "Alice", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0 and "Added user alice" in added.output and PASSWORD not in added.output
    mismatch = cli("add", "bob", input=f"{PASSWORD}\nsomething else entirely\n{PASSWORD}\n{PASSWORD}\n")
    assert mismatch.exit_code == 0 and "do not match" in mismatch.output.lower()
    piped = cli("add", "carol", "--password-stdin", input=f"{PASSWORD}\n")
    assert piped.exit_code == 0
    weak = cli("add", "dave", "--password-stdin", input="short\n")
    assert weak.exit_code != 0 and "at least 12 characters" in weak.output
    for _ in range(MAX_FAILURES):
        sign_in(store, "carol", "wrong")
    listing = cli("list")
    assert listing.exit_code == 0 and "alice" in listing.output and "bob" in listing.output
    assert "LOCKED" in listing.output.split("carol")[1]
    assert "Unlocked carol" in cli("unlock", "carol").output
    assert "was not locked" in cli("unlock", "alice").output
    assert cli("remove", "bob").exit_code == 0
    assert "bob" not in cli("list").output
    missing = cli("remove", "bob")
    assert missing.exit_code != 0 and "no user" in missing.output


def test_users_cli_explains_a_store_without_user_tables(tmp_path, monkeypatch):
    from data_access.db import make_engine
    from web import users_cli

    monkeypatch.setattr(users_cli, "_engine", lambda: make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    app = Flask("cli-test")
    app.cli.add_command(users_cli.users)
    result = app.test_cli_runner().invoke(args=["users", "list"])
    assert result.exit_code != 0 and "data init" in result.output


def test_migration_0002_goes_down_and_up_again(store):
    from alembic import command
    from sqlalchemy import inspect

    from data_access.schema import alembic_config, upgrade

    new_tables = {"app_user", "sign_in_throttle", "sign_in_attempt", "upload_audit", "user_session"}
    with store.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert not new_tables & set(inspect(store).get_table_names())
    upgrade(store)
    assert new_tables <= set(inspect(store).get_table_names())
