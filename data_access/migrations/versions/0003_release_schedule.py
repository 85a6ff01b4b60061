"""release schedule: publishers' next-release dates per metric, kept in versions

Each ``data schedule`` load (and the committed schedule at ``data init``) is one
``release_schedule_version``; the newest version is the schedule the app shows, older ones are kept
so an earlier announcement can still be traced.

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "release_schedule_version",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "release_schedule",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("metric_id", sa.String(length=64), nullable=False),
        sa.Column("release_date", sa.Date(), nullable=False),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("covers", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["release_schedule_version.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "metric_id"),
    )
    with op.batch_alter_table("release_schedule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_release_schedule_version_id"), ["version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("release_schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_schedule_version_id"))
    op.drop_table("release_schedule")
    op.drop_table("release_schedule_version")
