"""What a migration needs to know of the database it runs on.

PostgreSQL came with revision 0012: a server's database is made by that version or a later one
and starts empty. So the earlier migrations' backfills of rows already held (written in
SQLite's dialect) run on SQLite only; their tables and columns are made on both.
"""

from __future__ import annotations

from alembic import op


def on_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"
