"""Edits of the live conference's own fields (its status, the confidentiality statement...)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cpchair.store.edits.schedule import update_conference
from cpchair.store.rows import case_row, conference_row, open_conference


def update(session: Session, reference: str, conference: str, **changes: Any) -> None:
    """Fields of the conference itself; refused once it is concluded."""
    open_conference(session, reference, conference)
    update_conference(session, reference, conference, changes)


def begin(session: Session, reference: str, conference: str) -> bool:
    """Opening a prepared conference marks it in progress; True if it changed."""
    row = conference_row(session, case_row(session, reference), conference)
    if row.status != "prepared":
        return False
    update_conference(session, reference, conference, {"status": "in_progress"})
    return True
