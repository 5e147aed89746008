"""Edits of the register as the meeting keeps it: who is here, and who was excluded.

The case file edits the same attendance list (store/edits/attendees.py) whatever the
conference's status; here each edit is refused once the conference is concluded.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cpchair.store.edits import attendees
from cpchair.store.edits.history import add_exclusion
from cpchair.store.rows import open_conference


def add_attendee(
    session: Session,
    reference: str,
    conference: str,
    *,
    direct_contact: list[str] | None = None,
    person: str | None = None,
    **values: Any,
) -> str:
    open_conference(session, reference, conference)
    return attendees.add_attendee(session, reference, conference, values, direct_contact, person)


def update_attendee(
    session: Session, reference: str, conference: str, key: str, **changes: Any
) -> None:
    open_conference(session, reference, conference)
    attendees.update_attendee(session, reference, conference, key, changes)


def exclude(session: Session, reference: str, conference: str, **values: Any) -> int:
    """An exclusion recorded from the register: the person is marked excluded with it, in
    one change, so the register never says "excluded" without the reason."""
    row_id = add_exclusion(session, reference, conference, **values)
    attendees.update_attendee(
        session, reference, conference, values["attendee"], {"attendance": "excluded"}
    )
    return row_id
