"""Edits of the plan stage of the live meeting.

Each edit runs in one transaction through `Meeting.edit(fn, ...)`, checks what it is given
and raises EditError in the chair's words. `open_conference` refuses once the conference is
concluded.

The plan is created the first time anything is written to it. Outcomes, actions and services
recommended have no key in the format, so they are addressed by database id (`plan_ids()`
lists them in the document's order). The core group is given as keys: an attendee of this
conference or a person of the case's family and network. The lead social worker belongs to
the case, but is named here too, so it is locked with the conference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, get_args

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from cpchair import models as m
from cpchair.caseio.schema import ActionDoc
from cpchair.store.edits.case import update_case
from cpchair.store.errors import EditError, NotFoundError
from cpchair.store.rows import (
    case_row,
    conference_row,
    open_conference,
    refuse_unknown,
    set_children,
    touch,
)
from cpchair.vocab import PLAN_DATE_WORDS, ActionStatus

T = TypeVar("T")

STATUSES: tuple[str, ...] = get_args(ActionStatus)
TEXT_WORDS = {"contingency": "contingency plan", "visiting": "visiting arrangements"}
PLAN_FIELDS = set(PLAN_DATE_WORDS) | set(TEXT_WORDS) | {"embassy_notification"}
ACTION_FIELDS = frozenset(ActionDoc.model_fields)
# The plan's keyless lists: name -> (table, how one is called in a message).
LISTS: dict[str, tuple[type[SQLModel], str]] = {
    "outcomes": (m.PlanOutcome, "outcome"),
    "actions": (m.PlanAction, "action"),
    "recommendations": (m.PlanRecommendation, "service recommended"),
}


# --- the plan row ------------------------------------------------------------------------------


def _plan(session: Session, conf: m.Conference) -> m.Plan:
    """The conference's plan, created empty if there is none yet."""
    plan = session.exec(select(m.Plan).where(m.Plan.conference_id == conf.id)).first()
    if plan is None:
        plan = m.Plan(conference_id=m.stored(conf.id))
        session.add(plan)
        session.flush()
    return plan


def ensure_plan(session: Session, reference: str, conference: str) -> bool:
    """Create the plan if missing; True if it was created."""
    case, conf = open_conference(session, reference, conference)
    if session.exec(select(m.Plan.id).where(m.Plan.conference_id == conf.id)).first():
        return False
    _plan(session, conf)
    touch(session, case)
    return True


def plan_ids(session: Session, reference: str, conference: str) -> dict[str, list[int]]:
    """The ids of the outcomes, actions and services recommended, in the document's order."""
    conf = conference_row(session, case_row(session, reference), conference)
    plan_id = session.exec(select(m.Plan.id).where(m.Plan.conference_id == conf.id)).first()
    out: dict[str, list[int]] = {}
    for name, (table, _) in LISTS.items():
        if plan_id is None:
            out[name] = []
            continue
        out[name] = list(
            session.exec(
                select(table.id)  # type: ignore[attr-defined]
                .where(table.plan_id == plan_id)  # type: ignore[attr-defined]
                .order_by(col(table.position), col(table.id))  # type: ignore[attr-defined]
            )
        )
    return out


def _date(value: Any, name: str, conf: m.Conference) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise EditError(f"The date of the {PLAN_DATE_WORDS[name]} is not a date.")
    if value < conf.date:
        raise EditError(f"The {PLAN_DATE_WORDS[name]} cannot be before this conference.")
    return value


def _optional_text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise EditError(f"The {what} must be text.")
    return value.strip() or None  # emptied: the plan no longer says anything about it


def update_plan(session: Session, reference: str, conference: str, **changes: Any) -> None:
    """The plan's dates, contingency, visiting arrangements and the embassy flag."""
    refuse_unknown(changes, PLAN_FIELDS)
    case, conf = open_conference(session, reference, conference)
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name in PLAN_DATE_WORDS:
            values[name] = _date(value, name, conf)
        elif name in TEXT_WORDS:
            values[name] = _optional_text(value, TEXT_WORDS[name])
        elif not isinstance(value, bool):
            raise EditError("Say yes or no to telling the embassy.")
        else:
            values[name] = value
    plan = _plan(session, conf)
    for name, value in values.items():
        setattr(plan, name, value)
    session.add(plan)
    touch(session, case)


def fill_dates(session: Session, reference: str, conference: str, **changes: dt.date) -> list[str]:
    """The due dates F7 writes, each only where the plan still has no date: one set
    meanwhile by someone else (the other seat) stands. The names of the dates written."""
    refuse_unknown(changes, PLAN_DATE_WORDS.keys())
    case, conf = open_conference(session, reference, conference)
    plan = _plan(session, conf)
    filled = [name for name in changes if getattr(plan, name) is None]
    for name in filled:
        setattr(plan, name, _date(changes[name], name, conf))
    session.add(plan)
    touch(session, case)
    return filled


# --- rows of the plan's lists ------------------------------------------------------------------


def listed_row(session: Session, kind: str, plan: m.Plan, row_id: int) -> Any:
    table, what = LISTS[kind]
    row = session.get(table, row_id)
    if row is None or row.plan_id != plan.id:  # type: ignore[attr-defined]
        raise NotFoundError(f"That {what} is no longer in this plan.")
    return row


def _ordered(session: Session, kind: str, plan: m.Plan) -> list[Any]:
    table = LISTS[kind][0]
    return list(
        session.exec(
            select(table)
            .where(table.plan_id == plan.id)  # type: ignore[attr-defined]
            .order_by(col(table.position), col(table.id))  # type: ignore[attr-defined]
        )
    )


def next_position(session: Session, kind: str, plan: m.Plan) -> int:
    table = LISTS[kind][0]
    highest = session.exec(
        select(func.max(table.position)).where(table.plan_id == plan.id)  # type: ignore[attr-defined]
    ).one()
    return 0 if highest is None else highest + 1


def _text(value: Any, message: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EditError(message)
    return value.strip()


EMPTY = {
    "outcomes": "Write the outcome for the children; it cannot be empty.",
    "recommendations": "Write the service recommended; it cannot be empty.",
}


def add_text(session: Session, reference: str, conference: str, kind: str, text: Any) -> int:
    """An outcome or a service recommended, at the end of its list."""
    case, conf = open_conference(session, reference, conference)
    clean = _text(text, EMPTY[kind])
    plan = _plan(session, conf)
    table = LISTS[kind][0]
    row = table(plan_id=plan.id, position=next_position(session, kind, plan), text=clean)
    session.add(row)
    touch(session, case)
    session.flush()
    return row.id  # type: ignore[attr-defined]


def update_text(
    session: Session, reference: str, conference: str, kind: str, row_id: int, text: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    clean = _text(text, EMPTY[kind])
    row = listed_row(session, kind, _plan(session, conf), row_id)
    row.text = clean
    session.add(row)
    touch(session, case)


def remove_row(session: Session, reference: str, conference: str, kind: str, row_id: int) -> None:
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, kind, _plan(session, conf), row_id)
    table = LISTS[kind][0]
    session.exec(delete(table).where(col(table.id) == row.id))  # type: ignore[attr-defined]
    touch(session, case)


def move_row(
    session: Session, reference: str, conference: str, kind: str, row_id: int, step: int
) -> bool:
    """Move a row one place up (step -1) or down (+1); False at either end."""
    case, conf = open_conference(session, reference, conference)
    plan = _plan(session, conf)
    rows = _ordered(session, kind, plan)
    here = rows.index(listed_row(session, kind, plan, row_id))
    there = here + (1 if step > 0 else -1)
    if not 0 <= there < len(rows):
        return False
    rows[here], rows[there] = rows[there], rows[here]
    for i, row in enumerate(rows):  # number them afresh: imported positions may tie
        if row.position != i:
            row.position = i
            session.add(row)
    touch(session, case)
    return True


# --- actions -----------------------------------------------------------------------------------


def _action_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check the fields given; the plain values to write (children stay keys)."""
    refuse_unknown(values, ACTION_FIELDS)
    out: dict[str, Any] = {}
    if "what" in values:
        out["what"] = _text(values["what"], "Say what is to be done; it cannot be empty.")
    if "who" in values:
        out["who"] = _text(values["who"], "Say who will do it; it cannot be empty.")
    if "by" in values:
        by = values["by"]
        if by is not None and (not isinstance(by, dt.date) or isinstance(by, dt.datetime)):
            raise EditError("The date an action is due by is not a date.")
        out["by"] = by  # an action carried forward may well be due before this conference
    if "key_safeguarding" in values:
        if not isinstance(values["key_safeguarding"], bool):
            raise EditError("Say yes or no to a key safeguarding action.")
        out["key_safeguarding"] = values["key_safeguarding"]
    if "confidential" in values:
        if not isinstance(values["confidential"], bool):
            raise EditError("Say yes or no to keeping the action out of family copies.")
        out["confidential"] = values["confidential"]
    if "status" in values:
        if values["status"] not in STATUSES:
            raise EditError("An action is open, ongoing, done, not done or dropped.")
        out["status"] = values["status"]
    if "children" in values:
        kids = values["children"]
        if isinstance(kids, str) or not isinstance(kids, Iterable):
            raise EditError("Choose the children the action is for.")
        out["children"] = list(kids)
    return out


def add_action(session: Session, reference: str, conference: str, **values: Any) -> int:
    case, conf = open_conference(session, reference, conference)
    clean = _action_values(values)
    if "what" not in clean:
        raise EditError("Say what is to be done; it cannot be empty.")
    if "who" not in clean:
        raise EditError("Say who will do it; it cannot be empty.")
    plan = _plan(session, conf)
    kids = clean.pop("children", [])
    row = m.PlanAction(
        plan_id=m.stored(plan.id),
        position=next_position(session, "actions", plan),
        **clean,
    )
    session.add(row)
    session.flush()
    set_children(session, case, m.PlanActionChild, "action_id", m.stored(row.id), kids)
    touch(session, case)
    return m.stored(row.id)


def update_action(
    session: Session, reference: str, conference: str, row_id: int, **changes: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    clean = _action_values(changes)
    row = listed_row(session, "actions", _plan(session, conf), row_id)
    if "children" in clean:
        set_children(session, case, m.PlanActionChild, "action_id", row.id, clean.pop("children"))
    for name, value in clean.items():
        setattr(row, name, value)
    session.add(row)
    touch(session, case)


# --- people ------------------------------------------------------------------------------------


def set_core_group(
    session: Session, reference: str, conference: str, keys: Iterable[str]
) -> list[str]:
    """Replace the core group with these members, in this order; the keys kept.

    A family member who is also on the attendance list is one person, kept once. A key that
    names an attendee and a different person of the case is refused as ambiguous.
    """
    case, conf = open_conference(session, reference, conference)
    attendees = {
        a.key: a
        for a in session.exec(select(m.Attendee).where(m.Attendee.conference_id == conf.id))
    }
    people = {p.key: p for p in session.exec(select(m.Person).where(m.Person.case_id == case.id))}
    members: list[m.CoreGroupMember] = []
    kept: list[str] = []
    seen: set[tuple[str, int | None]] = set()
    for key in keys:
        attendee, person = attendees.get(key), people.get(key)
        if attendee is not None and person is not None and attendee.person_id != person.id:
            raise EditError("Two people share that key; rename one in the case file first.")
        if attendee is not None:
            who = ("p", attendee.person_id) if attendee.person_id else ("a", attendee.id)
            member = m.CoreGroupMember(attendee_id=attendee.id)
        elif person is not None:
            who = ("p", person.id)
            member = m.CoreGroupMember(person_id=person.id)
        else:
            raise EditError(
                "One of those people is not at this conference or in the family and network."
            )
        if who in seen:
            continue
        seen.add(who)
        members.append(member)
        kept.append(key)
    plan = _plan(session, conf)
    session.exec(delete(m.CoreGroupMember).where(col(m.CoreGroupMember.plan_id) == plan.id))
    for i, member in enumerate(members):
        member.plan_id, member.position = m.stored(plan.id), i
    session.add_all(members)
    touch(session, case)
    return kept


def set_lead_social_worker(
    session: Session, reference: str, conference: str, **changes: Any
) -> None:
    """The case's lead social worker (`name`) and their team (`team`, may be emptied)."""
    refuse_unknown(changes, {"name", "team"})
    open_conference(session, reference, conference)
    values: dict[str, Any] = {}
    if "name" in changes:
        values["lead_social_worker"] = _text(
            changes["name"], "Name the lead social worker; the name cannot be empty."
        )
    if "team" in changes:
        values["lead_social_worker_team"] = _optional_text(changes["team"], "team")
    update_case(session, reference, values)
