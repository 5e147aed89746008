"""The caseload's derived columns on a case, refreshed inside every write's transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

# One statement for both columns; the migration that added them runs the same for every case.
_REINDEX = text(
    """
UPDATE "case" SET
  search = lower(reference || ' ' || family_name || ' ' || coalesce((
      SELECT group_concat(first_name || ' ' || last_name, ' ') FROM child
      WHERE child.case_id = "case".id), '')),
  next_conference = (
      SELECT min(date) FROM conference
      WHERE conference.case_id = "case".id AND conference.status != 'concluded')
WHERE id = :case_id
"""
)


def reindex_case(session: Session, case_id: int) -> None:
    session.flush()
    session.execute(_REINDEX, {"case_id": case_id})
