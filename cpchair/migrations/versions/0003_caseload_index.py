"""The caseload reads two derived columns kept on each case: `search` (reference, family and
children's names, lower case) for the filter, and `next_conference` (the earliest date of a
conference not yet concluded) for sorting. The store refreshes them on every write.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cpchair.migrations.dialect import on_sqlite

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

REINDEX = """
UPDATE "case" SET
  search = lower(reference || ' ' || family_name || ' ' || coalesce((
      SELECT group_concat(first_name || ' ' || last_name, ' ') FROM child
      WHERE child.case_id = "case".id), '')),
  next_conference = (
      SELECT min(date) FROM conference
      WHERE conference.case_id = "case".id AND conference.status != 'concluded')
"""


def upgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("search", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("next_conference", sa.Date(), nullable=True))
        batch.create_index("ix_case_next_conference", ["next_conference"])
    if on_sqlite():
        op.execute(REINDEX)


def downgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.drop_index("ix_case_next_conference")
        batch.drop_column("next_conference")
        batch.drop_column("search")
