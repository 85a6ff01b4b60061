"""The release schedule's tables: one row per metric with an announced release, in kept versions.

Beside the catalogue rather than in ``data_access.models`` because the schedule is catalogue data
that changes on its own timetable (a publisher announces a date); the tables share the store's
declarative base, so the migrations and every other model see them as usual.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models import Base


class ReleaseScheduleVersion(Base):
    """One complete schedule as loaded; the newest is current, older ones are kept."""

    __tablename__ = "release_schedule_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)  # the file it was loaded from
    file_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ReleaseScheduleRow(Base):
    """A metric's next announced release in one schedule version."""

    __tablename__ = "release_schedule"
    __table_args__ = (UniqueConstraint("version_id", "metric_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("release_schedule_version.id"), index=True)
    metric_id: Mapped[str] = mapped_column(String(64))
    release_date: Mapped[date] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(10))  # day | month | season | year
    covers: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text)
    recorded_on: Mapped[date] = mapped_column(Date)
