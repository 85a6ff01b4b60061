"""People who may sign in to an internal instance, their password checks and the sign-in lock-out.

Passwords are kept only as werkzeug scrypt hashes. Sign-in attempts are counted per typed name in
the store, not in a worker's memory, so every gunicorn worker (and every machine behind a load
balancer) agrees: after ``MAX_FAILURES`` attempts without a success the name is locked for
``LOCKOUT``, whatever its password. An attempt is counted *before* its password is checked, in one
``UPDATE … RETURNING`` statement (a row lock on PostgreSQL, the write lock on SQLite), and only the
first ``MAX_FAILURES`` of a window are checked at all: 40 guesses sent at once get at most 5
password checks (they got 8–12 when the count was read, checked and written in separate steps).
Names that do not exist are counted and locked the same way, and a missing user costs the same hash
work as a wrong password, so the answers never reveal which names exist. How many names one address
can try (and so lock) is bounded in front of this, per address (``web.auth``, Flask-Limiter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, and_, case, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from data_access.db import session_scope
from data_access.models import SignInAttempt, SignInThrottle, User, UserSession

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,119}$")
HASH_METHOD = "scrypt"
#: The ``flask.g`` attribute that holds the signed-in user's name for the request (set by auth, read by the
#: upload page's callbacks).
REQUEST_USER = "cdp_user"
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
    """Delete a user and end their sessions: every one stops working at its next request."""
    clean = normalise_name(name)
    with session_scope(engine) as session:
        user_id = session.scalar(select(User.id).where(User.name == clean))
        session.execute(delete(UserSession).where(UserSession.user_id == user_id))
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
    may_check, locked_until = _take_turn(engine, clean, moment)
    with session_scope(engine) as session:
        if not may_check:
            result, outcome = SignInResult(False, "locked", clean, locked_until), "locked"
        else:
            user = session.scalar(select(User).where(User.name == clean)) if clean else None
            valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password or "")
            if valid and user is not None:
                user.last_sign_in_at = moment
                session.execute(delete(SignInThrottle).where(SignInThrottle.name == clean))
                result, outcome = SignInResult(True, "success", clean), "success"
            else:  # the attempt that reached the limit is still a failure on record, answered "locked"
                result = SignInResult(False, "locked" if locked_until else "failure", clean, locked_until)
                outcome = "failure"
        session.add(SignInAttempt(name=clean, at=moment, outcome=outcome, remote_addr=(remote_addr or "")[:64]))
    return result


def _take_turn(engine: Engine, name: str, moment: datetime) -> tuple[bool, datetime | None]:
    """Count one attempt for ``name`` atomically; (may its password be checked, the lock it is under or set).

    The count is raised in the same statement that checks the lock, so parallel attempts each see
    their own number: only attempts 1…``MAX_FAILURES`` of a window are checked, and the last of them
    sets the lock. A lock that has run out starts the count again at 1.
    """
    table = SignInThrottle.__table__
    expired = and_(table.c.locked_until.is_not(None), table.c.locked_until <= moment)
    count = case((expired, 1), else_=table.c.failed_count + 1)
    turn = (update(table)
            .where(table.c.name == name, or_(table.c.locked_until.is_(None), table.c.locked_until <= moment))
            .values(failed_count=count, last_failure_at=moment,
                    locked_until=case((count >= MAX_FAILURES, moment + LOCKOUT), else_=None))
            .returning(table.c.locked_until))
    for _ in range(3):
        with engine.begin() as conn:
            taken = conn.execute(turn).first()
            if taken is not None:
                return True, taken.locked_until
            held = conn.scalar(select(table.c.locked_until).where(table.c.name == name))
        if held is not None:
            return False, held
        first_lock = moment + LOCKOUT if MAX_FAILURES <= 1 else None
        try:
            with engine.begin() as conn:
                conn.execute(insert(table).values(name=name, failed_count=1, last_failure_at=moment,
                                                  locked_until=first_lock))
            return True, first_lock
        except IntegrityError:  # another worker counted this name's first attempt: count on its row
            continue
    return False, moment + LOCKOUT
