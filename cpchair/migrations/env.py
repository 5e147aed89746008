"""Alembic environment: migrations run on the connection cpchair hands in, inside its
transaction, so a failed upgrade leaves the database as it was."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import cpchair.models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("cpchair migrations run through cpchair.db.migrate()")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
