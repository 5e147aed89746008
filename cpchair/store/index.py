"""The caseload's derived columns on a case, refreshed inside every write's transaction.

`search` (reference, family and children's names, lower case) for the filter,
`next_conference` (the earliest conference not yet concluded) and `first_due` (what falls due
first: the next conference, or a review owed before it) for sorting.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

# The date a review is owed by, for sorting only: from the last concluded conference with a
# plan, the review date its plan set, else 3 months on (6 after a review). The flags use the
# exact rule (profile, working days, a pre-birth's birth); this only has to put an overdue
# review where the chair will see it, not behind every case with a conference booked.
REVIEW_OWED = """(
  SELECT CASE WHEN EXISTS (
      SELECT 1 FROM decision WHERE decision.conference_id = last.id AND decision.outcome = 'plan')
    THEN coalesce(
      (SELECT plan.review_conference FROM plan WHERE plan.conference_id = last.id),
      date(last.date, CASE last.kind WHEN 'review' THEN '+6 months' ELSE '+3 months' END))
    END
  FROM conference AS last
  WHERE last.case_id = "case".id AND last.status = 'concluded'
  ORDER BY last.date DESC, last.position DESC LIMIT 1)"""

# Set after `next_conference`, which it reads (SQLite's UPDATE sees the old row in SET).
FIRST_DUE = f"""
UPDATE "case" SET first_due = (SELECT CASE
      WHEN owed IS NULL THEN next_conference
      WHEN next_conference IS NULL OR owed < next_conference THEN owed
      ELSE next_conference END
    FROM (SELECT {REVIEW_OWED} AS owed))"""

NEXT_AND_SEARCH = """
UPDATE "case" SET
  search = lower(reference || ' ' || family_name || ' ' || coalesce((
      SELECT group_concat(first_name || ' ' || last_name, ' ') FROM child
      WHERE child.case_id = "case".id), '')),
  next_conference = (
      SELECT min(date) FROM conference
      WHERE conference.case_id = "case".id AND conference.status != 'concluded')"""

_REINDEX = [text(NEXT_AND_SEARCH + " WHERE id = :case_id"),
            text(FIRST_DUE + " WHERE id = :case_id")]  # fmt: skip


def reindex_case(session: Session, case_id: int) -> None:
    session.flush()
    for statement in _REINDEX:
        session.execute(statement, {"case_id": case_id})
