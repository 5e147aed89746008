"""Edits of the opening's and history's lists: exclusions, views and the incident."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, SQLModel, select

from cpchair import models as m
from cpchair.caseio.schema import (
    ExclusionDoc,
    IncidentDoc,
    ViewDoc,
)
from cpchair.store.errors import EditError
from cpchair.store.rows import (
    attendee_row_id,
    changed,
    check_fields,
    listed_row,
    next_position,
    open_conference,
    require_text,
)
from cpchair.vocab import STAGES

# --- opening: exclusions, views; history: incidents ---------------------------------------------


def _stage_span(values: Mapping[str, Any]) -> None:
    start, end = values.get("from_stage"), values.get("to_stage")
    if start and end and STAGES.index(start) > STAGES.index(end):
        raise EditError("The exclusion must start at or before the stage it ends at.")


def add_exclusion(session: Session, reference: str, conference: str, **values: Any) -> int:
    case, conf = open_conference(session, reference, conference)
    check_fields(
        ExclusionDoc, {"attendee": "x", **{k: v for k, v in values.items() if k != "attendee"}}
    )
    require_text(values.get("reason"), "reason for the exclusion")
    _stage_span(values)
    row = m.Exclusion(
        conference_id=m.stored(conf.id),
        position=next_position(session, m.Exclusion, conf),
        attendee_id=attendee_row_id(session, conf, values["attendee"]),
        scope=values["scope"],
        reason=values["reason"].strip(),
        from_stage=values.get("from_stage"),
        to_stage=values.get("to_stage"),
        record=values.get("record"),
    )
    session.add(row)
    changed(session, case)
    session.flush()
    return m.stored(row.id)


def update_exclusion(
    session: Session, reference: str, conference: str, row_id: int, **changes: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.Exclusion, conf, row_id)
    merged = {
        "scope": row.scope, "reason": row.reason, "from_stage": row.from_stage,
        "to_stage": row.to_stage, "record": row.record,
    } | {k: v for k, v in changes.items() if k != "attendee"}  # fmt: skip
    check_fields(ExclusionDoc, {"attendee": "x", **merged})
    require_text(merged["reason"], "reason for the exclusion")
    _stage_span(merged)
    for name, value in changes.items():
        if name == "attendee":
            row.attendee_id = attendee_row_id(session, conf, value)
        else:
            setattr(row, name, value.strip() if isinstance(value, str) else value)
    session.add(row)
    changed(session, case)


def whose_ids(session: Session, case: m.Case, key: str) -> tuple[int | None, int | None]:
    child = session.exec(
        select(m.Child.id).where(m.Child.case_id == case.id, m.Child.key == key)
    ).first()
    if child is not None:
        return child, None
    person = session.exec(
        select(m.Person.id).where(m.Person.case_id == case.id, m.Person.key == key)
    ).first()
    if person is None:
        raise EditError("Choose a child or a family member whose view this is.")
    return None, person


def add_view(session: Session, reference: str, conference: str, **values: Any) -> int:
    case, conf = open_conference(session, reference, conference)
    check_fields(ViewDoc, values)
    require_text(values.get("summary"), "view")
    child_id, person_id = whose_ids(session, case, values["whose"])
    row = m.View(
        conference_id=m.stored(conf.id),
        position=next_position(session, m.View, conf),
        child_id=child_id, person_id=person_id, how=values["how"],
        summary=values["summary"].strip(), confidential=bool(values.get("confidential", False)),
    )  # fmt: skip
    session.add(row)
    changed(session, case)
    session.flush()
    return m.stored(row.id)


def update_view(
    session: Session, reference: str, conference: str, row_id: int, **changes: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.View, conf, row_id)
    if "summary" in changes:
        require_text(changes["summary"], "view")
    check_fields(ViewDoc, {"whose": "x", "how": row.how, "summary": row.summary, **changes})
    for name, value in changes.items():
        if name == "whose":
            row.child_id, row.person_id = whose_ids(session, case, value)
        else:
            setattr(row, name, value.strip() if isinstance(value, str) else value)
    session.add(row)
    changed(session, case)


def set_incident(session: Session, reference: str, conference: str, **values: Any) -> None:
    """The first, worst or last incident: one of each; empty text with no date removes it.

    `date`, `text` and `confidential` left out stay as recorded (two seats: a save of the
    words never writes back a date the other seat has just changed); `confidential` keeps it
    out of every family copy.
    """
    case, conf = open_conference(session, reference, conference)
    which = values["which"]
    row = session.exec(
        select(m.Incident).where(m.Incident.conference_id == conf.id, m.Incident.which == which)
    ).first()
    if row is not None:
        values = {"date": row.date, "text": row.text, **values}
    text = (values.get("text") or "").strip()
    if not text and values.get("date") is None:
        if row is not None:
            session.delete(row)
            changed(session, case)
        return
    confidential = values.get("confidential", row.confidential if row is not None else False)
    check_fields(IncidentDoc, {"which": which, "date": values.get("date"), "text": text,
                         "confidential": confidential})  # fmt: skip
    if not text:
        raise EditError("Say what happened; a date alone is not enough.")
    if row is None:
        order = {"first": 0, "worst": 1, "last": 2}
        row = m.Incident(conference_id=m.stored(conf.id), position=order.get(which, 3), which=which,
                         text=text)  # fmt: skip
    row.text, row.date, row.confidential = text, values.get("date"), confidential
    session.add(row)
    changed(session, case)


def mark_incident(
    session: Session, reference: str, conference: str, which: str, confidential: bool
) -> None:
    """Mark the first, worst or last incident confidential (or not)."""
    case, conf = open_conference(session, reference, conference)
    if not isinstance(confidential, bool):
        raise EditError("Say yes or no to keeping it out of family copies.")
    row = session.exec(
        select(m.Incident).where(m.Incident.conference_id == conf.id, m.Incident.which == which)
    ).first()
    if row is None:
        raise EditError("Nothing is recorded for that incident yet: write what happened first.")
    row.confidential = confidential
    session.add(row)
    changed(session, case)


REMOVABLE: dict[str, type[SQLModel]] = {
    "exclusion": m.Exclusion,
    "view": m.View,
    "view_not_given": m.ViewNotGiven,
    "advocate_not_used": m.AdvocateNotUsed,
}


def remove_row(session: Session, reference: str, conference: str, kind: str, row_id: int) -> None:
    case, conf = open_conference(session, reference, conference)
    table = REMOVABLE[kind]
    row = listed_row(session, table, conf, row_id)
    session.delete(row)
    changed(session, case)
