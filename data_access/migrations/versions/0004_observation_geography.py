"""Every observation records the geography vintage its areas are on.

Rows stored before this revision were checked against the authorities in force at their period's
end, so that is the vintage they are given.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: (vintage, first day): the vintage in force on a day is the last one starting on or before it.
_STARTS = (("2019", "2019-04-01"), ("2020", "2020-04-01"), ("2021", "2021-04-01"), ("2023", "2023-04-01"))


def upgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("geography", sa.String(length=8), nullable=False, server_default="2009"))
    period_end = sa.select(sa.column("end")).select_from(sa.table("period", sa.column("id"), sa.column("end"))) \
        .where(sa.column("id") == sa.column("period_id")).scalar_subquery()
    observation = sa.table("observation", sa.column("geography"), sa.column("period_id"))
    for code, first_day in _STARTS:
        op.execute(observation.update().where(period_end >= sa.cast(sa.literal(first_day), sa.Date))
                   .values(geography=code))


def downgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_column("geography")
