"""Alembic environment: migrate through the connection the caller passes, or the configured URL."""

from __future__ import annotations

from alembic import context

from data_access.db import make_engine
from data_access.models import Base


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _migrate(conn)
        conn.commit()
    engine.dispose()


run_migrations_online()
