"""The caseload's first page as last shown, so that the app draws it before the store loads
(first_page.py). A copy only: an empty table is simply read the slow way. And an index on
the cases' `updated_at`: the latest change to any case is asked at every caseload read and
at start-up, and without it that is a scan of every case.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "first_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("stamp", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rows", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_first_page"),
    )
    op.create_index("ix_case_updated_at", "case", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_case_updated_at", table_name="case")
    op.drop_table("first_page")
