"""The caseload sorts on `first_due`: what falls due first on a case, its next conference or a
review owed before it. Kept by the store on every write, like `next_conference`, so sorting
thousands of cases reads one indexed column.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cpchair.migrations.dialect import on_sqlite

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The statement as it stood when this migration was written (store/index.py keeps the live one).
FIRST_DUE = """
UPDATE "case" SET first_due = (SELECT CASE
      WHEN owed IS NULL THEN next_conference
      WHEN next_conference IS NULL OR owed < next_conference THEN owed
      ELSE next_conference END
    FROM (SELECT (
  SELECT CASE WHEN EXISTS (
      SELECT 1 FROM decision WHERE decision.conference_id = last.id AND decision.outcome = 'plan')
    THEN coalesce(
      (SELECT plan.review_conference FROM plan WHERE plan.conference_id = last.id),
      date(last.date, CASE last.kind WHEN 'review' THEN '+6 months' ELSE '+3 months' END))
    END
  FROM conference AS last
  WHERE last.case_id = "case".id AND last.status = 'concluded'
  ORDER BY last.date DESC, last.position DESC LIMIT 1) AS owed))
"""


def upgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("first_due", sa.Date(), nullable=True))
        batch.create_index("ix_case_first_due", ["first_due"])
    if on_sqlite():
        op.execute(FIRST_DUE)


def downgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.drop_index("ix_case_first_due")
        batch.drop_column("first_due")
