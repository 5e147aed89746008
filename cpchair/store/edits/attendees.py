"""Edits of a conference's attendance list, from the case file or the meeting."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.schema import AttendeeDoc
from cpchair.rules.decisions import may_vote
from cpchair.rules.edit_rules import next_key
from cpchair.rules.participation import is_family_interpreter
from cpchair.rules.scaling import may_scale
from cpchair.store.edits.case import attendees_follow, next_place, refuse_future
from cpchair.store.errors import EditError
from cpchair.store.rows import (
    case_row,
    check_fields,
    conference_row,
    keyed_row,
    refuse_unknown,
    require_text,
    touch,
)
from cpchair.vocab import AGENCY_LABELS

UNCHANGED: Any = object()  # an optional argument that was not given
ATTENDEE_FIELDS = set(AttendeeDoc.model_fields) - {"key", "direct_contact", "person"}


# --- attendees -------------------------------------------------------------------------------


def default_votes(agency: str) -> bool:
    """Professionals vote; family, the child, advocates, supporters, solicitors, interpreters
    and observers do not (`rules.decisions.may_vote`)."""
    return may_vote(agency)


NOT_A_VOTER = (
    "Only a professional agency votes on the decision: family, the child, advocates, "
    "supporters, solicitors, interpreters and observers give a view but do not vote."
)


def _attendee_values(values: Mapping[str, Any]) -> None:
    check_fields(AttendeeDoc, {"key": "x", "attendance": "present", **values})
    require_text(values.get("name"), "name")
    if values.get("votes") and not may_vote(values.get("agency") or ""):
        raise EditError(NOT_A_VOTER)


def _with_votes_for_agency(row: m.Attendee, changes: Mapping[str, Any]) -> dict[str, Any]:
    """A new agency brings its own say on voting unless the change says otherwise: one that
    does not vote clears the vote; a professional agency after one that did not votes."""
    out = dict(changes)
    if "agency" in changes and "votes" not in changes:
        agency = str(changes["agency"] or "")
        if not may_vote(agency):
            out["votes"] = False
        elif not may_vote(row.agency):
            out["votes"] = True
    return out


def _keeps_what_they_gave(session: Session, row: m.Attendee, merged: Mapping[str, Any]) -> None:
    """Refuse a change that would leave this person's views or scores where the format
    refuses them (a view from someone who does not vote, a score from an observer)."""
    if row.votes and not merged.get("votes"):
        views = session.exec(select(func.count()).where(m.Vote.attendee_id == row.id)).one()
        dissents = session.exec(select(func.count()).where(m.Dissent.attendee_id == row.id)).one()
        if views or dissents:
            raise EditError(
                "Their views on the decision are recorded, and they would no longer vote: "
                "clear their views in the Decision stage first."
            )
    agency = str(merged.get("agency") or "")
    if agency != row.agency and not may_scale(agency):
        scores = session.exec(select(func.count()).where(m.Score.attendee_id == row.id)).one()
        if scores:
            words = AGENCY_LABELS.get(agency, agency).lower()
            raise EditError(
                f"They have given a score, and {words}s do not scale: clear their scores in "
                "the Scaling stage first."
            )


FAMILY_INTERPRETER = (
    "A family member cannot be the interpreter (004): invite an independent interpreter, "
    "or choose another agency."
)


def _refuse_family_interpreter(agency: str | None, person_id: int | None) -> None:
    if is_family_interpreter(agency, None if person_id is None else str(person_id)):
        raise EditError(FAMILY_INTERPRETER)


def _set_contacts(session: Session, case: m.Case, attendee_id: int, child_keys: list[str]) -> None:
    rows = session.exec(select(m.Child.key, m.Child.id).where(m.Child.case_id == case.id))
    ids = {key: m.stored(child_id) for key, child_id in rows}
    unknown = [k for k in child_keys if k not in ids]
    if unknown:
        raise EditError("One of those children is no longer in this case.")
    session.exec(delete(m.DirectContact).where(col(m.DirectContact.attendee_id) == attendee_id))
    session.add_all(
        m.DirectContact(attendee_id=attendee_id, child_id=ids[k], position=i)
        for i, k in enumerate(dict.fromkeys(child_keys))
    )


def _person_id(session: Session, case: m.Case, person: str | None) -> int | None:
    return None if person is None else _person(session, case, person).id


def _person(session: Session, case: m.Case, person: str) -> m.Person:
    return keyed_row(session, m.Person, m.Person.case_id == case.id, person, "person")


def add_attendee(
    session: Session,
    reference: str,
    conference: str,
    values: Mapping[str, Any],
    direct_contact: list[str] | None = None,
    person: str | None = None,
) -> str:
    refuse_unknown(values, ATTENDEE_FIELDS)
    case = case_row(session, reference)
    conf = conference_row(session, case, conference)
    values = {"votes": default_votes(values.get("agency", "")), **values}
    if person is not None:  # a family member is named as the family and network names them
        values["name"] = _person(session, case, person).name
    _attendee_values(values)
    refuse_future(values)
    person_id = _person_id(session, case, person)
    _refuse_family_interpreter(values.get("agency"), person_id)
    owner = m.Attendee.conference_id == conf.id
    key = next_key(session.exec(select(m.Attendee.key).where(owner)).all(), "a")
    row = m.Attendee(
        conference_id=m.stored(conf.id),
        key=key,
        position=next_place(session, m.Attendee, owner),
        person_id=person_id,
        **values,
    )
    session.add(row)
    session.flush()
    _set_contacts(session, case, m.stored(row.id), direct_contact or [])
    touch(session, case)
    return key


def update_attendee(
    session: Session,
    reference: str,
    conference: str,
    key: str,
    changes: Mapping[str, Any],
    direct_contact: list[str] | None = None,
    person: Any = UNCHANGED,
) -> None:
    refuse_unknown(changes, ATTENDEE_FIELDS)
    case = case_row(session, reference)
    conf = conference_row(session, case, conference)
    row = keyed_row(session, m.Attendee, m.Attendee.conference_id == conf.id, key, "attendee")
    changes = _with_votes_for_agency(row, changes)
    if person is not UNCHANGED and person is not None:  # linked: named as the family member
        changes["name"] = _person(session, case, person).name
    merged = {f: getattr(row, f) for f in ATTENDEE_FIELDS} | changes
    _attendee_values(merged)
    refuse_future(changes)
    _keeps_what_they_gave(session, row, merged)
    person_id = row.person_id if person is UNCHANGED else _person_id(session, case, person)
    _refuse_family_interpreter(merged.get("agency"), person_id)
    for name, value in changes.items():
        setattr(row, name, value)
    row.person_id = person_id
    session.add(row)
    if person is UNCHANGED and "name" in changes and person_id is not None:
        _rename_person(session, person_id, row.name)
    if direct_contact is not None:
        _set_contacts(session, case, row.id, direct_contact)
    if {"agency", "attendance", "votes"} & set(changes):
        from cpchair.store.method_sync import sync_methods

        sync_methods(session, case, conf)  # how the views count may have changed
    touch(session, case)


def _rename_person(session: Session, person_id: int, name: str) -> None:
    """A family member renamed from their attendee row: the name is theirs, so the family
    and network, and their rows at every other conference, take it too."""
    person = session.get(m.Person, person_id)
    assert person is not None
    person.name = name
    session.add(person)
    attendees_follow(session, person)


def remove_attendee(session: Session, reference: str, conference: str, key: str) -> None:
    case = case_row(session, reference)
    conf = conference_row(session, case, conference)
    row = keyed_row(session, m.Attendee, m.Attendee.conference_id == conf.id, key, "attendee")
    session.exec(delete(m.Attendee).where(col(m.Attendee.id) == row.id))
    from cpchair.store.method_sync import sync_methods

    sync_methods(session, case, conf)  # their views, if any, no longer count
    touch(session, case)
