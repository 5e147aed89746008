"""Cases taken offline from a team's server and back (checkout.py): the server records what is
out, the laptop what it holds and the case as it came.

Who last wrote each row of a case (`changed_by`, store/attribution.py): empty on the rows
written before.

And, on a server, the audit trail's highest line number ever given (store/audit.py): SQLite
keeps it in sqlite_sequence, so lines removed from the end of the trail still show.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from cpchair.migrations.dialect import on_sqlite

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


# The tables of a case's rows (models.Attributed), as this migration was written.
ATTRIBUTED = (
    "advocatenotused", "attendee", "case", "child", "conference", "coregroupmember",
    "dangerstatement", "dangerstatementchild", "decision", "decisioncategory", "directcontact",
    "dissent", "exclusion", "incident", "mappingentry", "mappingentrychild", "person", "plan",
    "planaction", "planactionchild", "planoutcome", "planrecommendation", "reopening",
    "safetygoal", "safetygoalchild", "scaling", "score", "view", "viewnotgiven", "vote",
)  # fmt: skip


def upgrade() -> None:
    for table in ATTRIBUTED:  # a column added in place, on SQLite too: no copy of the table
        op.add_column(table, sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString()))
    op.create_table(
        "checkout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(collation="NOCASE"), nullable=False),
        sa.Column("away", sa.Boolean(), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("base", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_checkout"),
        sa.UniqueConstraint("reference", name="uq_checkout_reference"),
    )

    if not on_sqlite():
        op.create_table(
            "audit_head",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("last_id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
        )
        op.execute("INSERT INTO audit_head (id, last_id) SELECT 1, coalesce(max(id), 0) FROM audit")


def downgrade() -> None:
    if not on_sqlite():
        op.drop_table("audit_head")
    op.drop_table("checkout")
    for table in ATTRIBUTED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("changed_by")
