"""People who may sign in to an internal instance, their password checks and the sign-in lock-out.

Passwords are kept only as werkzeug scrypt hashes. Failed sign-ins are counted per typed name in the
store, not in a worker's memory, so every gunicorn worker (and every machine behind a load
balancer) agrees: after ``MAX_FAILURES`` consecutive failures the name is locked for ``LOCKOUT``,
whatever its password. Names that do not exist are counted and locked the same way, and a missing
user costs the same hash work as a wrong password, so the answers never reveal which names exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from data_access.db import session_scope
from data_access.models import SignInAttempt, SignInThrottle, User

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,119}$")
HASH_METHOD = "scrypt"
#: The Flask session key that holds the signed-in user's name (shared by auth and the upload page).
SESSION_USER = "cdp_user"
# Checked against when the name is unknown, so an unknown name costs as much as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method=HASH_METHOD)


class UserError(ValueError):
    """A user command cannot be carried out (bad name, weak password, unknown or duplicate user)."""


@dataclass(frozen=True)
class SignInResult:
    """How a sign-in ended: ``ok``, or why not (``failure`` or ``locked``) and until when."""

    ok: bool
    outcome: str  # success | failure | locked
    name: str
    locked_until: datetime | None = None


def now() -> datetime:
    """Naive UTC, as every timestamp in these tables is stored (the same on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def normalise_name(name: str) -> str:
    """Names are case-insensitive and trimmed: ``Alice`` and ``alice `` are one user."""
    return (name or "").strip().lower()


def check_name(name: str) -> str:
    """The normalised name, or ``UserError`` when it is not a usable user name."""
    clean = normalise_name(name)
    if not NAME_PATTERN.match(clean):
        raise UserError("a user name is 1-120 characters: letters, digits and . _ @ - (starting with a letter or digit)")
    return clean


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def add_user(engine: Engine, name: str, password: str) -> str:
    """Create a user with a hashed password; returns the stored (normalised) name."""
    clean = check_name(name)
    check_password(password)
    try:
        with session_scope(engine) as session:
            session.add(User(name=clean, password_hash=generate_password_hash(password, method=HASH_METHOD),
                             created_at=now()))
    except IntegrityError as error:
        raise UserError(f"user {clean!r} already exists") from error
    return clean


def remove_user(engine: Engine, name: str) -> None:
    """Delete a user; their existing sessions stop working at their next request."""
    clean = normalise_name(name)
    with session_scope(engine) as session:
        deleted = session.execute(delete(User).where(User.name == clean)).rowcount
        session.execute(delete(SignInThrottle).where(SignInThrottle.name == clean))
    if not deleted:
        raise UserError(f"no user {clean!r}")


def unlock_user(engine: Engine, name: str) -> bool:
    """Clear a name's failed-attempt count and lock; True when it was locked."""
    clean = normalise_name(name)
    with session_scope(engine) as session:
        row = session.get(SignInThrottle, clean)
        was_locked = bool(row and row.locked_until and row.locked_until > now())
        session.execute(delete(SignInThrottle).where(SignInThrottle.name == clean))
    return was_locked


def list_users(engine: Engine) -> pd.DataFrame:
    """name, created_at, last_sign_in_at, failed_count, locked_until — one row per user, by name."""
    query = (select(User.name, User.created_at, User.last_sign_in_at, SignInThrottle.failed_count,
                    SignInThrottle.locked_until)
             .outerjoin(SignInThrottle, SignInThrottle.name == User.name).order_by(User.name))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=["name", "created_at", "last_sign_in_at", "failed_count", "locked_until"])
    frame["failed_count"] = [int(count) if pd.notna(count) else 0 for count in frame["failed_count"]]
    frame["locked_until"] = frame["locked_until"].where(frame["locked_until"] > now())
    return frame


def user_exists(engine: Engine, name: str) -> bool:
    with engine.connect() as conn:
        return conn.scalar(select(User.id).where(User.name == normalise_name(name))) is not None


def sign_in(engine: Engine, name: str, password: str, *, remote_addr: str | None = None) -> SignInResult:
    """Check a name and password, honouring and updating the lock-out; records the attempt."""
    clean = normalise_name(name)[:120]
    moment = now()
    with session_scope(engine) as session:
        throttle = session.get(SignInThrottle, clean)
        if throttle is not None and throttle.locked_until is not None and throttle.locked_until > moment:
            result = SignInResult(False, "locked", clean, throttle.locked_until)
        else:
            user = session.scalar(select(User).where(User.name == clean)) if clean else None
            valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password or "")
            if valid and user is not None:
                user.last_sign_in_at = moment
                session.execute(delete(SignInThrottle).where(SignInThrottle.name == clean))
                result = SignInResult(True, "success", clean)
            else:
                result = SignInResult(False, "failure", clean)
        session.add(SignInAttempt(name=clean, at=moment, outcome=result.outcome, remote_addr=(remote_addr or "")[:64]))
    if result.outcome == "failure":
        locked_until = _count_failure(engine, clean, moment)
        if locked_until is not None:
            return SignInResult(False, "locked", clean, locked_until)
    return result


def _count_failure(engine: Engine, name: str, moment: datetime) -> datetime | None:
    """Add one failure atomically (concurrent workers must not lose counts); lock at the limit."""
    with session_scope(engine) as session:
        counted = session.execute(update(SignInThrottle).where(SignInThrottle.name == name).values(
            failed_count=SignInThrottle.failed_count + 1, last_failure_at=moment)).rowcount
    if not counted:
        try:
            with session_scope(engine) as session:
                session.add(SignInThrottle(name=name, failed_count=1, last_failure_at=moment))
        except IntegrityError:  # another worker inserted it first: count on its row
            return _count_failure(engine, name, moment)
    with session_scope(engine) as session:
        locked = session.execute(update(SignInThrottle).where(
            SignInThrottle.name == name, SignInThrottle.failed_count >= MAX_FAILURES).values(
            failed_count=0, locked_until=moment + LOCKOUT)).rowcount
    return moment + LOCKOUT if locked else None
