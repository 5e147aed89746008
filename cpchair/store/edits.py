"""Small edits to a held case, each checked against the format's rules before it is written.

The screens send one change at a time (a field left, a row added); each function here runs
inside the caller's transaction and raises EditError, in the chair's words, when the change
would make the case something the format cannot hold. Nothing is written in that case.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, update
from sqlmodel import Session, SQLModel, col, select

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.caseio.schema import AttendeeDoc, ChildDoc, ConferenceDoc, PersonDoc
from cpchair.rules.child_names import needs_first_name
from cpchair.rules.decisions import may_vote
from cpchair.rules.participation import is_family_interpreter
from cpchair.rules.references import reference_problem
from cpchair.rules.scaling import may_scale
from cpchair.store.errors import EditError, NotFoundError
from cpchair.store.index import reindex_case
from cpchair.vocab import AGENCY_LABELS, KIND_LABELS

UNCHANGED: Any = object()  # an optional argument that was not given


CASE_FIELDS = {
    "reference",
    "family_name",
    "profile",
    "lead_social_worker",
    "lead_social_worker_team",
}
CHILD_FIELDS = set(ChildDoc.model_fields) - {"key"}
PERSON_FIELDS = set(PersonDoc.model_fields) - {"key"}
CONFERENCE_FIELDS = {
    "kind", "date", "start_time", "venue", "virtual", "chair", "chair_contact", "minute_taker",
    "trigger_date", "late_reason", "status", "confidentiality_statement_read", "quorum_override",
}  # fmt: skip
ATTENDEE_FIELDS = set(AttendeeDoc.model_fields) - {"key", "direct_contact", "person"}

_FIELD_WORDS = {
    "first_name": "first name", "last_name": "last name", "date_of_birth": "date of birth",
    "expected_birth_date": "expected birth date", "family_name": "family name",
    "lead_social_worker": "lead social worker", "start_time": "start time",
    "trigger_date": "trigger date", "minute_taker": "minute-taker",
}  # fmt: skip


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _today() -> dt.date:
    return dt.date.today()  # a function, so tests can fix the day


# Dates that record something that has happened: none can be later than today.
NOT_IN_FUTURE = {
    "date_of_birth": "A date of birth cannot be in the future; for an unborn child give the "
    "expected birth date.",
    "report_received": "A report cannot have been received on a day still to come.",
    "report_shared_with_family": "A report cannot have been shared on a day still to come.",
}


def future_date_problem(values: Mapping[str, Any], today: dt.date) -> str | None:
    """Why one of these values is refused (a recorded event dated after today), or None."""
    for name, message in NOT_IN_FUTURE.items():
        value = values.get(name)
        if isinstance(value, dt.date) and value > today:
            return message
    return None


def _refuse_future(values: Mapping[str, Any]) -> None:
    """Only the values being written are checked: an imported case is not re-judged."""
    problem = future_date_problem(values, _today())
    if problem is not None:
        raise EditError(problem)


def next_key(existing: Iterable[str], prefix: str) -> str:
    """The next free key like c5 for a new row: short, stable, never reused while held."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [int(mt.group(1)) for k in existing if (mt := pattern.fullmatch(k))]
    taken = set(existing)
    n = max(numbers, default=0) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _check(model: type[Any], values: Mapping[str, Any]) -> None:
    """Validate a merged row against the format's model; refuse in plain words."""
    try:
        model.model_validate(dict(values), strict=False)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = str(err["loc"][0]) if err["loc"] else "value"
        words = _FIELD_WORDS.get(field, field.replace("_", " "))
        if err["type"] in {"missing", "string_too_short"}:
            raise EditError(f"The {words} cannot be empty.") from None
        raise EditError(f"The {words} is not valid here.") from None


def _require_text(value: Any, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"The {what} cannot be empty.")


def _unknown(fields: Iterable[str], allowed: set[str]) -> None:
    bad = sorted(set(fields) - allowed)
    if bad:
        raise EditError(f"cannot change {', '.join(bad)} here")  # a programming error


# --- the case ------------------------------------------------------------------------------


def find_case(session: Session, reference: str) -> m.Case | None:
    """The held case with this reference, however either is capitalised (DEMO-0001 is
    demo-0001): every look-up by reference comes here. A database written before that rule
    may hold both spellings; then the one spelt exactly as asked is the one meant."""
    exact = session.exec(select(m.Case).where(m.Case.reference == reference)).first()
    if exact is not None:
        return exact  # the usual case, found by the reference's index
    # Both sides lowered by SQLite, so a reference it cannot fold compares as it is.
    same = func.lower(m.Case.reference) == func.lower(reference)
    found = session.exec(select(m.Case).where(same).order_by(col(m.Case.id))).first()
    if found is not None:
        return found
    # A reference held from before the rules may hold a control character, which all that is
    # shown leaves out (store/read.py): the reference as shown finds its case too.
    odd = col(m.Case.reference).op("GLOB")("*[^ -~]*")  # anything but printable ASCII
    wanted = reference.casefold()
    return next(
        (
            case
            for case in session.exec(select(m.Case).where(odd).order_by(col(m.Case.id)))
            if printable(case.reference).casefold() == wanted
        ),
        None,
    )


def case_row(session: Session, reference: str) -> m.Case:
    case = find_case(session, reference)
    if case is None:
        raise NotFoundError(f"There is no case with reference {reference}.")
    return case


def case_version(session: Session, reference: str) -> dt.datetime | None:
    """When the case last changed (None once it is gone): what a watcher compares."""
    case = find_case(session, reference)
    return None if case is None else case.updated_at


def touch(session: Session, case: m.Case) -> None:
    """Mark the case changed and refresh what the caseload reads from it."""
    case.updated_at = _now()
    session.add(case)
    reindex_case(session, case.id)  # type: ignore[arg-type]


def _check_reference(reference: str) -> None:
    if (problem := reference_problem(reference)) is not None:
        raise EditError(problem)


def held_reference(session: Session, reference: str) -> str | None:
    """The reference of a case already held that is the same as this one, case aside: the
    spelling the case is held under, as the screens show it (see store/read.py)."""
    case = find_case(session, reference)
    return None if case is None else printable(case.reference)


def create_case(session: Session, reference: str, family_name: str, profile: str) -> None:
    reference = reference.strip()
    _check_reference(reference)
    _require_text(family_name, "family name")
    if (held := held_reference(session, reference)) is not None:
        raise EditError(f"A case with reference {held} is already held.")
    now = _now()
    case = m.Case(
        reference=reference, family_name=family_name.strip(), profile=profile,
        created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(case)
    session.flush()
    reindex_case(session, case.id)  # type: ignore[arg-type]


def update_case(session: Session, reference: str, changes: Mapping[str, Any]) -> None:
    _unknown(changes, CASE_FIELDS)
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
            _require_text(changes[field], _FIELD_WORDS[field])
    for name, value in changes.items():
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    touch(session, case)
    session.add(case)


# --- children and people -------------------------------------------------------------------


def _keyed(session: Session, table: type[SQLModel], owner: Any, key: str, what: str) -> Any:
    row = session.exec(select(table).where(owner, table.key == key)).first()  # type: ignore[attr-defined]
    if row is None:
        raise NotFoundError(f"That {what} is no longer in this case.")
    return row


def _next_position(session: Session, table: type[SQLModel], owner: Any) -> int:
    highest = session.exec(select(func.max(table.position)).where(owner)).one()  # type: ignore[attr-defined]
    return 0 if highest is None else highest + 1


def _child_values(values: Mapping[str, Any]) -> None:
    _check(ChildDoc, {"key": "x", **values})
    if needs_first_name(values.get("date_of_birth")) and not values["first_name"].strip():
        raise EditError(
            "A child who has been born needs a first name (only an unborn child may have none yet)."
        )
    if values.get("date_of_birth") is None and values.get("expected_birth_date") is None:
        raise EditError("Give a date of birth, or an expected birth date for an unborn child.")
    if values.get("date_of_birth") is not None and values.get("expected_birth_date") is not None:
        raise EditError("A child with a date of birth has no expected birth date.")


def add_child(session: Session, reference: str, values: Mapping[str, Any]) -> str:
    _unknown(values, CHILD_FIELDS)
    case = case_row(session, reference)
    values = {"first_name": "", **values}  # an unborn child may come without one
    _child_values(values)
    _refuse_future(values)
    owner = m.Child.case_id == case.id
    keys = session.exec(select(m.Child.key).where(owner)).all()
    key = next_key(keys, "c")
    session.add(
        m.Child(
            case_id=case.id, key=key, position=_next_position(session, m.Child, owner), **values
        )
    )  # type: ignore[arg-type]
    touch(session, case)
    return key


def update_child(session: Session, reference: str, key: str, changes: Mapping[str, Any]) -> None:
    _unknown(changes, CHILD_FIELDS)
    case = case_row(session, reference)
    child = _keyed(session, m.Child, m.Child.case_id == case.id, key, "child")
    merged = {f: getattr(child, f) for f in CHILD_FIELDS} | dict(changes)
    _child_values(merged)
    _refuse_future(changes)
    for name, value in changes.items():
        setattr(child, name, value)
    session.add(child)
    touch(session, case)


def child_links(session: Session, reference: str, key: str) -> dict[str, int]:
    """What else in the case names this child: shown before it is removed."""
    case = case_row(session, reference)
    child = _keyed(session, m.Child, m.Child.case_id == case.id, key, "child")
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
    child = _keyed(session, m.Child, m.Child.case_id == case.id, key, "child")
    session.exec(delete(m.Child).where(col(m.Child.id) == child.id))  # type: ignore[call-overload]
    touch(session, case)


def _person_values(values: Mapping[str, Any]) -> None:
    _check(PersonDoc, {"key": "x", **values})
    _require_text(values.get("name"), "name")


def add_person(session: Session, reference: str, values: Mapping[str, Any]) -> str:
    _unknown(values, PERSON_FIELDS)
    case = case_row(session, reference)
    _person_values(values)
    owner = m.Person.case_id == case.id
    key = next_key(session.exec(select(m.Person.key).where(owner)).all(), "p")
    session.add(
        m.Person(
            case_id=case.id, key=key, position=_next_position(session, m.Person, owner), **values
        )
    )  # type: ignore[arg-type]
    touch(session, case)
    return key


def update_person(session: Session, reference: str, key: str, changes: Mapping[str, Any]) -> None:
    _unknown(changes, PERSON_FIELDS)
    case = case_row(session, reference)
    person = _keyed(session, m.Person, m.Person.case_id == case.id, key, "person")
    _person_values({f: getattr(person, f) for f in PERSON_FIELDS} | dict(changes))
    for name, value in changes.items():
        setattr(person, name, value)
    session.add(person)
    if "name" in changes:
        _attendees_follow(session, person)
    touch(session, case)


def _attendees_follow(session: Session, person: m.Person) -> None:
    """One name per family member: every attendee row linked to them, at every conference,
    carries the person's name. The row keeps its copy so that it still names them if they
    are removed from the family and network (their attendance stays on the record)."""
    session.exec(
        update(m.Attendee).where(col(m.Attendee.person_id) == person.id).values(name=person.name)
    )  # type: ignore[call-overload]


def remove_person(session: Session, reference: str, key: str) -> None:
    case = case_row(session, reference)
    person = _keyed(session, m.Person, m.Person.case_id == case.id, key, "person")
    session.exec(delete(m.Person).where(col(m.Person.id) == person.id))  # type: ignore[call-overload]
    touch(session, case)


# --- conferences -----------------------------------------------------------------------------


def conference_row(session: Session, case: m.Case, key: str) -> m.Conference:
    return _keyed(session, m.Conference, m.Conference.case_id == case.id, key, "conference")


def _conference_values(values: Mapping[str, Any]) -> None:
    base = {"key": "x", "chair": "", "status": "prepared"}
    _check(ConferenceDoc, base | dict(values))


def _reposition_conferences(session: Session, case_id: int) -> None:
    """Conferences stay oldest first, as the format lists them."""
    rows = session.exec(
        select(m.Conference)
        .where(m.Conference.case_id == case_id)
        .order_by(col(m.Conference.date), col(m.Conference.position), col(m.Conference.id))
    ).all()
    for i, row in enumerate(rows):
        if row.position != i:
            row.position = i
            session.add(row)


def same_conference(
    held: Iterable[tuple[str, str, dt.date]], kind: str, date: dt.date, exclude: str | None = None
) -> str | None:
    """The key of a conference (key, kind, date) of this kind on this date, if one is held.

    Two of one kind on one day is the same conference booked twice, whatever their status.
    """
    return next((k for k, kd, d in held if kd == kind and d == date and k != exclude), None)


def _refuse_twice(
    session: Session, case: m.Case, kind: str, date: Any, exclude: str | None
) -> None:
    held = session.exec(
        select(m.Conference.key, m.Conference.kind, m.Conference.date).where(
            m.Conference.case_id == case.id
        )
    ).all()
    if isinstance(date, dt.date) and same_conference(held, kind, date, exclude) is not None:
        words = KIND_LABELS.get(kind, kind).lower()
        raise EditError(f"This case already has a {words} conference on that date.")


def add_conference(session: Session, reference: str, values: Mapping[str, Any]) -> str:
    from cpchair.store.carry import carry_forward

    _unknown(values, CONFERENCE_FIELDS)
    case = case_row(session, reference)
    _conference_values(values)
    _refuse_twice(session, case, values["kind"], values["date"], None)
    owner = m.Conference.case_id == case.id
    key = next_key(session.exec(select(m.Conference.key).where(owner)).all(), "conf")
    previous = session.exec(
        select(m.Conference)
        .where(owner, m.Conference.date <= values["date"])
        .order_by(col(m.Conference.date).desc(), col(m.Conference.position).desc())
    ).first()
    row = m.Conference(case_id=case.id, key=key, position=10_000, **values)  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    if values.get("kind") == "review" and previous is not None:
        carry_forward(session, previous, row)
    _reposition_conferences(session, case.id)  # type: ignore[arg-type]
    touch(session, case)
    return key


def update_conference(
    session: Session, reference: str, key: str, changes: Mapping[str, Any]
) -> None:
    _unknown(changes, CONFERENCE_FIELDS)
    case = case_row(session, reference)
    row = conference_row(session, case, key)
    merged = {f: getattr(row, f) for f in CONFERENCE_FIELDS} | dict(changes)
    _conference_values(merged)
    if "kind" in changes or "date" in changes:
        _refuse_twice(session, case, merged["kind"], merged["date"], key)
    for name, value in changes.items():
        setattr(row, name, value)
    session.add(row)
    if "date" in changes:
        session.flush()
        _reposition_conferences(session, case.id)  # type: ignore[arg-type]
    touch(session, case)


def remove_conference(session: Session, reference: str, key: str) -> None:
    case = case_row(session, reference)
    row = conference_row(session, case, key)
    session.exec(delete(m.Conference).where(col(m.Conference.id) == row.id))  # type: ignore[call-overload]
    session.flush()
    _reposition_conferences(session, case.id)  # type: ignore[arg-type]
    touch(session, case)


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
    _check(AttendeeDoc, {"key": "x", "attendance": "present", **values})
    _require_text(values.get("name"), "name")
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
    ids = dict(
        session.exec(select(m.Child.key, m.Child.id).where(m.Child.case_id == case.id)).all()
    )
    unknown = [k for k in child_keys if k not in ids]
    if unknown:
        raise EditError("One of those children is no longer in this case.")
    session.exec(delete(m.DirectContact).where(col(m.DirectContact.attendee_id) == attendee_id))  # type: ignore[call-overload]
    session.add_all(
        m.DirectContact(attendee_id=attendee_id, child_id=ids[k], position=i)
        for i, k in enumerate(dict.fromkeys(child_keys))
    )


def _person_id(session: Session, case: m.Case, person: str | None) -> int | None:
    return None if person is None else _person(session, case, person).id


def _person(session: Session, case: m.Case, person: str) -> m.Person:
    return _keyed(session, m.Person, m.Person.case_id == case.id, person, "person")


def add_attendee(
    session: Session,
    reference: str,
    conference: str,
    values: Mapping[str, Any],
    direct_contact: list[str] | None = None,
    person: str | None = None,
) -> str:
    _unknown(values, ATTENDEE_FIELDS)
    case = case_row(session, reference)
    conf = conference_row(session, case, conference)
    values = {"votes": default_votes(values.get("agency", "")), **values}
    if person is not None:  # a family member is named as the family and network names them
        values["name"] = _person(session, case, person).name
    _attendee_values(values)
    _refuse_future(values)
    person_id = _person_id(session, case, person)
    _refuse_family_interpreter(values.get("agency"), person_id)
    owner = m.Attendee.conference_id == conf.id
    key = next_key(session.exec(select(m.Attendee.key).where(owner)).all(), "a")
    row = m.Attendee(
        conference_id=conf.id,
        key=key,
        position=_next_position(session, m.Attendee, owner),
        person_id=person_id,
        **values,
    )  # type: ignore[arg-type]
    session.add(row)
    session.flush()
    _set_contacts(session, case, row.id, direct_contact or [])  # type: ignore[arg-type]
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
    _unknown(changes, ATTENDEE_FIELDS)
    case = case_row(session, reference)
    conf = conference_row(session, case, conference)
    row = _keyed(session, m.Attendee, m.Attendee.conference_id == conf.id, key, "attendee")
    changes = _with_votes_for_agency(row, changes)
    if person is not UNCHANGED and person is not None:  # linked: named as the family member
        changes["name"] = _person(session, case, person).name
    merged = {f: getattr(row, f) for f in ATTENDEE_FIELDS} | changes
    _attendee_values(merged)
    _refuse_future(changes)
    _keeps_what_they_gave(session, row, merged)
    person_id = row.person_id if person is UNCHANGED else _person_id(session, case, person)
    _refuse_family_interpreter(merged.get("agency"), person_id)
    for name, value in changes.items():
        setattr(row, name, value)
    row.person_id = person_id  # type: ignore[assignment]
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
    _attendees_follow(session, person)


def remove_attendee(session: Session, reference: str, conference: str, key: str) -> None:
    case = case_row(session, reference)
    conf = conference_row(session, case, conference)
    row = _keyed(session, m.Attendee, m.Attendee.conference_id == conf.id, key, "attendee")
    session.exec(delete(m.Attendee).where(col(m.Attendee.id) == row.id))  # type: ignore[call-overload]
    from cpchair.store.method_sync import sync_methods

    sync_methods(session, case, conf)  # their views, if any, no longer count
    touch(session, case)
