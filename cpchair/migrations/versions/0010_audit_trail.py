"""The audit trail: one row per change to a case (when, who, what in plain words), chained by
hash, appended only. It names the case by its reference as text, with no link to the case, so
a line outlives the case it speaks of; triggers refuse any update or delete of a row.

Cases already held start with no lines: their trail begins with their next change.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from cpchair.migrations.dialect import on_sqlite

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


# PostgreSQL has no NOCASE: the same, an ICU collation that ignores capitals, under that name.
PG_NOCASE = (
    'CREATE COLLATION IF NOT EXISTS "NOCASE" '
    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
)
PG_ONLY_ADDED = """CREATE FUNCTION audit_only_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit trail is only ever added to'; END $$"""


def upgrade() -> None:
    if not on_sqlite():
        op.execute(PG_NOCASE)
        op.execute(PG_ONLY_ADDED)
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reference", sa.String(collation="NOCASE"), nullable=False),
        sa.Column("what", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("renamed_from", sa.String(collation="NOCASE"), nullable=True),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_reference", "audit", ["reference"])
    for action in ("UPDATE", "DELETE"):
        if on_sqlite():
            op.execute(
                f"CREATE TRIGGER audit_no_{action.lower()} BEFORE {action} ON audit "
                "BEGIN SELECT RAISE(ABORT, 'the audit trail is only ever added to'); END"
            )
        else:
            op.execute(
                f"CREATE TRIGGER audit_no_{action.lower()} BEFORE {action} ON audit "
                "FOR EACH ROW EXECUTE FUNCTION audit_only_added()"
            )


def downgrade() -> None:
    op.drop_table("audit")  # its triggers go with it
    if not on_sqlite():
        op.execute("DROP FUNCTION audit_only_added()")
