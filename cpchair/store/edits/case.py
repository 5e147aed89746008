"""Edits of the case itself: its reference and family name, its children, its family and
network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, func, update
from sqlmodel import Session, SQLModel, col, select

from cpchair import models as m
from cpchair.caseio.schema import ChildDoc, PersonDoc
from cpchair.rules.child_names import needs_first_name
from cpchair.rules.edit_rules import future_date_problem, next_key
from cpchair.rules.references import reference_problem
from cpchair.store.errors import EditError
from cpchair.store.index import reindex_case
from cpchair.store.rows import (
    case_row,
    check_fields,
    field_words,
    find_case,
    held_reference,
    keyed_row,
    refuse_unknown,
    require_text,
    touch,
    version_now,
)

CASE_FIELDS = {
    "reference",
    "family_name",
    "profile",
    "lead_social_worker",
    "lead_social_worker_team",
}
CHILD_FIELDS = set(ChildDoc.model_fields) - {"key"}
PERSON_FIELDS = set(PersonDoc.model_fields) - {"key"}


def _today() -> dt.date:
    return dt.date.today()  # a function, so tests can fix the day


def refuse_future(values: Mapping[str, Any]) -> None:
    """Only the values being written are checked: an imported case is not re-judged."""
    problem = future_date_problem(values, _today())
    if problem is not None:
        raise EditError(problem)


def _check_reference(reference: str) -> None:
    if (problem := reference_problem(reference)) is not None:
        raise EditError(problem)


def create_case(session: Session, reference: str, family_name: str, profile: str) -> None:
    reference = reference.strip()
    _check_reference(reference)
    require_text(family_name, "family name")
    if (held := held_reference(session, reference)) is not None:
        raise EditError(f"A case with reference {held} is already held.")
    now = version_now(session)
    case = m.Case(
        reference=reference, family_name=family_name.strip(), profile=profile,
        created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(case)
    session.flush()
    reindex_case(session, m.stored(case.id))


def update_case(session: Session, reference: str, changes: Mapping[str, Any]) -> None:
    refuse_unknown(changes, CASE_FIELDS)
    case = case_row(session, reference)
    if "reference" in changes:
        new = str(changes["reference"]).strip()
        _check_reference(new)
        held = find_case(session, new)
        if held is not None and held.id != case.id:
            raise EditError(f"Another case already has reference {new}.")
        changes = {**changes, "reference": new}
    for field in ("family_name",):
        if field in changes:
            require_text(changes[field], field_words(field))
    for name, value in changes.items():
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    touch(session, case)
    session.add(case)


def next_place(session: Session, table: type[SQLModel], owner: Any) -> int:
    highest = session.exec(select(func.max(table.position)).where(owner)).one()  # type: ignore[attr-defined]
    return 0 if highest is None else highest + 1


def _child_values(values: Mapping[str, Any]) -> None:
    check_fields(ChildDoc, {"key": "x", **values})
    if needs_first_name(values.get("date_of_birth")) and not values["first_name"].strip():
        raise EditError(
            "A child who has been born needs a first name (only an unborn child may have none yet)."
        )
    if values.get("date_of_birth") is None and values.get("expected_birth_date") is None:
        raise EditError("Give a date of birth, or an expected birth date for an unborn child.")
    if values.get("date_of_birth") is not None and values.get("expected_birth_date") is not None:
        raise EditError("A child with a date of birth has no expected birth date.")


def add_child(session: Session, reference: str, values: Mapping[str, Any]) -> str:
    refuse_unknown(values, CHILD_FIELDS)
    case = case_row(session, reference)
    values = {"first_name": "", **values}  # an unborn child may come without one
    _child_values(values)
    refuse_future(values)
    return _add_to_case(session, case, m.Child, "c", values)


def update_child(session: Session, reference: str, key: str, changes: Mapping[str, Any]) -> None:
    refuse_unknown(changes, CHILD_FIELDS)
    case = case_row(session, reference)
    child = keyed_row(session, m.Child, m.Child.case_id == case.id, key, "child")
    merged = {f: getattr(child, f) for f in CHILD_FIELDS} | dict(changes)
    _child_values(merged)
    refuse_future(changes)
    for name, value in changes.items():
        setattr(child, name, value)
    session.add(child)
    touch(session, case)


def child_links(session: Session, reference: str, key: str) -> dict[str, int]:
    """What else in the case names this child: shown before it is removed."""
    case = case_row(session, reference)
    child = keyed_row(session, m.Child, m.Child.case_id == case.id, key, "child")
    counts = {
        "views": session.exec(select(func.count()).where(m.View.child_id == child.id)).one(),
        "votes": session.exec(select(func.count()).where(m.Vote.child_id == child.id)).one(),
        "decisions": session.exec(
            select(func.count()).where(m.Decision.child_id == child.id)
        ).one(),
        "scores": session.exec(select(func.count()).where(m.Score.child_id == child.id)).one(),
    }
    return {k: v for k, v in counts.items() if v}


def remove_child(session: Session, reference: str, key: str) -> None:
    case = case_row(session, reference)
    child = keyed_row(session, m.Child, m.Child.case_id == case.id, key, "child")
    session.exec(delete(m.Child).where(col(m.Child.id) == child.id))
    touch(session, case)


def _person_values(values: Mapping[str, Any]) -> None:
    check_fields(PersonDoc, {"key": "x", **values})
    require_text(values.get("name"), "name")


def add_person(session: Session, reference: str, values: Mapping[str, Any]) -> str:
    refuse_unknown(values, PERSON_FIELDS)
    case = case_row(session, reference)
    _person_values(values)
    return _add_to_case(session, case, m.Person, "p", values)


def _add_to_case(
    session: Session,
    case: m.Case,
    table: type[m.Child] | type[m.Person],
    prefix: str,
    values: Mapping[str, Any],
) -> str:
    """A new child or person at the end of the case's list, under the next free key."""
    owner = table.case_id == case.id
    key = next_key(session.exec(select(table.key).where(owner)).all(), prefix)
    position = next_place(session, table, owner)
    session.add(table(case_id=m.stored(case.id), key=key, position=position, **values))
    touch(session, case)
    return key


def update_person(session: Session, reference: str, key: str, changes: Mapping[str, Any]) -> None:
    refuse_unknown(changes, PERSON_FIELDS)
    case = case_row(session, reference)
    person = keyed_row(session, m.Person, m.Person.case_id == case.id, key, "person")
    _person_values({f: getattr(person, f) for f in PERSON_FIELDS} | dict(changes))
    for name, value in changes.items():
        setattr(person, name, value)
    session.add(person)
    if "name" in changes:
        attendees_follow(session, person)
    touch(session, case)


def attendees_follow(session: Session, person: m.Person) -> None:
    """One name per family member: every attendee row linked to them, at every conference,
    carries the person's name. The row keeps its copy so that it still names them if they
    are removed from the family and network (their attendance stays on the record)."""
    session.exec(
        update(m.Attendee).where(col(m.Attendee.person_id) == person.id).values(name=person.name)
    )


def remove_person(session: Session, reference: str, key: str) -> None:
    case = case_row(session, reference)
    person = keyed_row(session, m.Person, m.Person.case_id == case.id, key, "person")
    session.exec(delete(m.Person).where(col(m.Person.id) == person.id))
    touch(session, case)
