"""`first_due` never falls after the review's limit: a review date set later than the limit no
longer counts, the months are clamped as the rules clamp them, and a month after an unborn
child's birth counts when sooner. Recomputed once for every case; the store keeps it since.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

from cpchair.migrations.dialect import on_sqlite

revision = "0007"
down_revision = "0006"
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
    THEN min(
      coalesce((SELECT plan.review_conference FROM plan WHERE plan.conference_id = last.id),
               last.limit_),
      last.limit_,
      coalesce(date(CASE WHEN strftime('%d', date(last.birth, '+1 months')) = strftime('%d', last.birth) THEN date(last.birth, '+1 months') ELSE date(last.birth, 'start of month', '+2 months', '-1 day') END, '-4 days'), last.limit_))
    END
  FROM (SELECT last.id, last.date,
          date(CASE last.kind WHEN 'review' THEN (CASE WHEN strftime('%d', date(last.date, '+6 months')) = strftime('%d', last.date) THEN date(last.date, '+6 months') ELSE date(last.date, 'start of month', '+7 months', '-1 day') END)
                              ELSE (CASE WHEN strftime('%d', date(last.date, '+3 months')) = strftime('%d', last.date) THEN date(last.date, '+3 months') ELSE date(last.date, 'start of month', '+4 months', '-1 day') END) END,
               '-4 days') AS limit_,
          (SELECT min(CASE WHEN child.date_of_birth IS NULL THEN child.expected_birth_date
                         WHEN child.date_of_birth > last.date THEN child.date_of_birth END)
    FROM child WHERE child.case_id = last.case_id AND child.subject) AS birth
        FROM conference AS last
        WHERE last.case_id = "case".id AND last.status = 'concluded'
        ORDER BY last.date DESC, last.position DESC LIMIT 1) AS last) AS owed))
"""  # noqa: E501


def upgrade() -> None:
    if on_sqlite():
        op.execute(FIRST_DUE)


def downgrade() -> None:
    pass  # the old values were only a sort order; the store recomputes them on every write
