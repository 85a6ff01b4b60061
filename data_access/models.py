"""The store's tables as SQLAlchemy 2.0 typed models.

Observations are kept per release and never overwritten: the current value of a cell
(metric, area, period, breakdown) is the one in the newest visible release that has it, so a
revision is a new row and history stays answerable ("what changed since the last board?").
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base shared by every table."""


class Outcome(Base):
    __tablename__ = "outcome"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100))
    group: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    metrics: Mapped[list[Metric]] = relationship(back_populates="outcome")


class Metric(Base):
    __tablename__ = "metric"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome_id: Mapped[str] = mapped_column(ForeignKey("outcome.id"))
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(120))
    tier: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    definition: Mapped[str] = mapped_column(Text)
    measure: Mapped[str] = mapped_column(String(20))
    multiplier: Mapped[float] = mapped_column(Float)
    value_unit: Mapped[str] = mapped_column(String(80))
    polarity: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    frequency: Mapped[str] = mapped_column(String(200))
    geography: Mapped[str] = mapped_column(String(20))
    period_type: Mapped[str] = mapped_column(String(30))
    ci_method: Mapped[str] = mapped_column(String(20))
    suppression_threshold: Mapped[int] = mapped_column(Integer, default=0)
    confidence: Mapped[str] = mapped_column(String(20))
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    outcome: Mapped[Outcome] = relationship(back_populates="metrics")


class Area(Base):
    """England, a region or an upper-tier local authority, valid between two dates."""

    __tablename__ = "area"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(20), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(12), nullable=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    population: Mapped[dict] = mapped_column(JSON, default=dict)


class FootprintVersion(Base):
    """One complete assignment of authorities to partnerships; older versions are kept."""

    __tablename__ = "footprint_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    label: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64), unique=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)

    memberships: Mapped[list[Membership]] = relationship(back_populates="footprint", cascade="all, delete-orphan")


class Membership(Base):
    """An authority's place in a partnership within one footprint version."""

    __tablename__ = "area_membership"
    __table_args__ = (UniqueConstraint("footprint_version_id", "member_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    footprint_version_id: Mapped[int] = mapped_column(ForeignKey("footprint_version.id"), index=True)
    partnership_code: Mapped[str] = mapped_column(String(80))
    partnership_name: Mapped[str] = mapped_column(String(200))
    member_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    status: Mapped[str] = mapped_column(String(20))  # sourced | assumed
    source: Mapped[str] = mapped_column(Text, default="")

    footprint: Mapped[FootprintVersion] = relationship(back_populates="memberships")


class Period(Base):
    __tablename__ = "period"
    __table_args__ = (UniqueConstraint("label", "type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    label: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(30))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)


class Release(Base):
    """One load of data: every observation belongs to exactly one release."""

    __tablename__ = "release"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str] = mapped_column(String(200))
    published_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    extracted_date: Mapped[date] = mapped_column(Date)
    loaded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    visibility: Mapped[str] = mapped_column(String(20), default="published")  # published | internal
    file_hash: Mapped[str] = mapped_column(String(64), unique=True)
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    loaded_by: Mapped[str] = mapped_column(String(120), default="cli")
    description: Mapped[str] = mapped_column(Text, default="")


class Observation(Base):
    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint("release_id", "metric_id", "area_code", "period_id", "breakdown"),
        Index("ix_observation_metric_period", "metric_id", "period_id"),
        Index("ix_observation_metric_area", "metric_id", "area_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("release.id"), index=True)
    metric_id: Mapped[str] = mapped_column(ForeignKey("metric.id"))
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"))
    breakdown: Mapped[str] = mapped_column(String(60), default="all")
    #: The geography vintage the area is on (``data_access.vintages``): "2023" for April 2023 authorities.
    geography: Mapped[str] = mapped_column(String(8), default="2023", server_default="2009")
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    lower_ci: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper_ci: Mapped[float | None] = mapped_column(Float, nullable=True)
    suppressed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class Baseline(Base):
    __tablename__ = "baseline"

    metric_id: Mapped[str] = mapped_column(ForeignKey("metric.id"), primary_key=True)
    rule: Mapped[str] = mapped_column(String(20))  # period | average | none
    period_labels: Mapped[list] = mapped_column(JSON, default=list)
    england_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class User(Base):
    """Someone who may sign in to an internal instance; only a password hash is kept."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SignInThrottle(Base):
    """Consecutive failed sign-ins per name and the lock they trigger, shared by every worker.

    Keyed by the typed name (not a user id) so guessing at names that do not exist is locked out too,
    and the answer never reveals whether a name exists.
    """

    __tablename__ = "sign_in_throttle"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SignInAttempt(Base):
    """Every sign-in attempt, for the record: who tried, when, from where, and how it ended."""

    __tablename__ = "sign_in_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(20))  # success | failure | locked
    remote_addr: Mapped[str | None] = mapped_column(String(64), nullable=True)


class UserSession(Base):
    """One signed-in browser, kept in the store so signing out or removing the user ends it at once.

    The session cookie carries a random id; only its SHA-256 is kept here, so a copy of this table
    signs nobody in. A row lives until sign-out, the user's removal or ``expires_at`` (8 hours).
    """

    __tablename__ = "user_session"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class UploadAudit(Base):
    """One web upload that was confirmed: who, when, which bytes, how many rows, which release."""

    __tablename__ = "upload_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(120))
    file_name: Mapped[str] = mapped_column(String(255))
    file_hash: Mapped[str] = mapped_column(String(64), index=True)
    file_size: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    release_id: Mapped[int | None] = mapped_column(ForeignKey("release.id"), nullable=True)
    outcome: Mapped[str] = mapped_column(String(20))  # loaded | already_loaded
