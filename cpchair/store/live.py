"""Edits made during the meeting, up to danger statements and safety goals.

Each function runs inside the caller's transaction and raises EditError, in the chair's words,
when the change cannot be held; nothing is written then. Rows that the format lists without a
key (mapping entries, safety goals, views, incidents, exclusions) are addressed by their
database id, which `row_ids` hands to the screens alongside the case document.

A concluded conference is locked: every edit here refuses until the chair reopens it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from cpchair import models as m
from cpchair.caseio.schema import (
    DangerStatementDoc,
    ExclusionDoc,
    IncidentDoc,
    MappingEntryDoc,
    SafetyGoalDoc,
    ViewDoc,
)
from cpchair.store.edits import (
    EditError,
    NotFoundError,
    _check,
    _require_text,
    case_row,
    conference_row,
    next_key,
)
from cpchair.vocab import STAGES

LOCKED = "This conference is concluded. Reopen it (Close stage) to change it."


def changed(session: Session, case: m.Case) -> None:
    """Mark the case changed. What the meeting edits here never alters the caseload's search
    words or next conference, so, unlike `edits.touch`, the index is left alone: one
    statement less on the minute-taker's Enter."""
    case.updated_at = dt.datetime.now(dt.UTC)
    session.add(case)


def open_conference(session: Session, reference: str, key: str) -> tuple[m.Case, m.Conference]:
    """The case and conference rows, refusing if the conference is locked."""
    case = case_row(session, reference)
    conf = conference_row(session, case, key)
    if conf.status == "concluded":
        raise EditError(LOCKED)
    return case, conf


def _row(session: Session, table: type[SQLModel], conf: m.Conference, row_id: int) -> Any:
    row = session.get(table, row_id)
    if row is None or row.conference_id != conf.id:  # type: ignore[attr-defined]
        raise NotFoundError("That item is no longer in this conference.")
    return row


def _next_position(session: Session, table: type[SQLModel], conf: m.Conference) -> int:
    highest = session.exec(
        select(func.max(table.position)).where(table.conference_id == conf.id)  # type: ignore[attr-defined]
    ).one()
    return 0 if highest is None else highest + 1


def _child_ids(session: Session, case: m.Case, keys: Iterable[str]) -> list[int]:
    ids = dict(
        session.exec(select(m.Child.key, m.Child.id).where(m.Child.case_id == case.id)).all()
    )
    keys = list(dict.fromkeys(keys))
    if any(k not in ids for k in keys):
        raise EditError("One of those children is no longer in this case.")
    return [ids[k] for k in keys]  # type: ignore[misc]


def _set_children(
    session: Session,
    case: m.Case,
    link: type[SQLModel],
    owner: str,
    owner_id: int,
    keys: Iterable[str],
) -> None:
    child_ids = _child_ids(session, case, keys)
    session.exec(delete(link).where(getattr(link, owner) == owner_id))  # type: ignore[call-overload]
    session.add_all(
        link(**{owner: owner_id, "child_id": cid, "position": i}) for i, cid in enumerate(child_ids)
    )


def _attendee_id(session: Session, conf: m.Conference, key: str | None) -> int | None:
    if key is None:
        return None
    row = session.exec(
        select(m.Attendee.id).where(m.Attendee.conference_id == conf.id, m.Attendee.key == key)
    ).first()
    if row is None:
        raise EditError("That person is not on this conference's attendance list.")
    return row


def _attendee_key(session: Session, attendee_id: int | None) -> str | None:
    if attendee_id is None:
        return None
    row = session.get(m.Attendee, attendee_id)
    return None if row is None else row.key


# --- mapping -----------------------------------------------------------------------------------

ENTRY_FIELDS = {"column", "text", "nature", "source", "confidential", "children"}


def _entry_values(values: Mapping[str, Any]) -> None:
    _check(MappingEntryDoc, values)
    _require_text(values.get("text"), "entry")


def add_entry(
    session: Session,
    reference: str,
    conference: str,
    values: Mapping[str, Any],
    draft_slot: str | None = None,
    typed_by: dt.datetime | None = None,
) -> int:
    """File one entry; with `draft_slot`, the draft it was typed from goes in the same commit
    (a draft saved after `typed_by`, when the line was sent, is newer typing and is kept)."""
    if set(values) - ENTRY_FIELDS:
        raise EditError("cannot set that on a mapping entry")  # a programming error
    case, conf = open_conference(session, reference, conference)
    _entry_values(values)
    row = m.MappingEntry(
        conference_id=conf.id,  # type: ignore[arg-type]
        position=_next_position(session, m.MappingEntry, conf),
        column=values["column"],
        text=values["text"].strip(),
        nature=values.get("nature"),
        source_id=_attendee_id(session, conf, values.get("source")),
        confidential=bool(values.get("confidential", False)),
    )
    session.add(row)
    session.flush()
    kids = values.get("children", [])
    _set_children(session, case, m.MappingEntryChild, "entry_id", row.id, kids)  # type: ignore[arg-type]
    if draft_slot is not None:
        same = [] if typed_by is None else [col(m.Draft.updated_at) <= typed_by]
        session.exec(
            delete(m.Draft).where(  # type: ignore[call-overload]
                col(m.Draft.conference_id) == conf.id, col(m.Draft.slot) == draft_slot, *same
            )
        )
    changed(session, case)
    return row.id  # type: ignore[return-value]


def entry_values(session: Session, row: m.MappingEntry) -> dict[str, Any]:
    kids = session.exec(
        select(m.Child.key)
        .join(m.MappingEntryChild, col(m.MappingEntryChild.child_id) == m.Child.id)
        .where(m.MappingEntryChild.entry_id == row.id)
        .order_by(col(m.MappingEntryChild.position))
    ).all()
    return {
        "column": row.column, "text": row.text, "nature": row.nature,
        "source": _attendee_key(session, row.source_id), "confidential": row.confidential,
        "children": list(kids),
    }  # fmt: skip


def update_entry(
    session: Session, reference: str, conference: str, entry_id: int, changes: Mapping[str, Any]
) -> None:
    if set(changes) - ENTRY_FIELDS:
        raise EditError("cannot set that on a mapping entry")
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.MappingEntry, conf, entry_id)
    _entry_values(entry_values(session, row) | dict(changes))
    for name, value in changes.items():
        if name == "children":
            _set_children(session, case, m.MappingEntryChild, "entry_id", row.id, value)
        elif name == "source":
            row.source_id = _attendee_id(session, conf, value)
        elif name == "column" and value != row.column:
            row.column = value
            row.position = _next_position(session, m.MappingEntry, conf)  # to the column's end
        else:
            setattr(row, name, value.strip() if isinstance(value, str) else value)
    session.add(row)
    changed(session, case)


def shift_entry(
    session: Session, reference: str, conference: str, entry_id: int, step: int
) -> bool:
    """Swap an entry with its neighbour in the same column; False at either end."""
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.MappingEntry, conf, entry_id)
    same = (m.MappingEntry.conference_id == conf.id, m.MappingEntry.column == row.column)
    if step < 0:
        where = col(m.MappingEntry.position) < row.position
        order = col(m.MappingEntry.position).desc()
    else:
        where = col(m.MappingEntry.position) > row.position
        order = col(m.MappingEntry.position)
    other = session.exec(select(m.MappingEntry).where(*same, where).order_by(order)).first()
    if other is None:
        return False
    row.position, other.position = other.position, row.position
    session.add_all([row, other])
    changed(session, case)
    return True


def delete_entry(
    session: Session, reference: str, conference: str, entry_id: int
) -> dict[str, Any]:
    """Remove an entry; return what `restore_entry` needs to put it back where it was."""
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.MappingEntry, conf, entry_id)
    snapshot = entry_values(session, row) | {"position": row.position}
    session.exec(delete(m.MappingEntry).where(col(m.MappingEntry.id) == row.id))  # type: ignore[call-overload]
    changed(session, case)
    return snapshot


def restore_entry(
    session: Session, reference: str, conference: str, snapshot: Mapping[str, Any]
) -> int:
    """Undo a deletion: the entry comes back at its old place in its column."""
    values = {k: v for k, v in snapshot.items() if k != "position"}
    conf = open_conference(session, reference, conference)[1]
    # A source who has since left the list is dropped rather than refusing the undo.
    if values.get("source") is not None:
        try:
            _attendee_id(session, conf, values["source"])
        except EditError:
            values["source"] = None
    new_id = add_entry(session, reference, conference, values)
    row = session.get_one(m.MappingEntry, new_id)
    row.position = snapshot["position"]
    session.add(row)
    return new_id


# --- danger statements and safety goals --------------------------------------------------------


def add_statement(
    session: Session, reference: str, conference: str, text: str, children: list[str]
) -> str:
    case, conf = open_conference(session, reference, conference)
    _check(DangerStatementDoc, {"key": "x", "text": text, "children": children})
    _require_text(text, "danger statement")
    owner = m.DangerStatement.conference_id == conf.id
    key = next_key(session.exec(select(m.DangerStatement.key).where(owner)).all(), "ds")
    row = m.DangerStatement(
        conference_id=conf.id,  # type: ignore[arg-type]
        key=key,
        position=_next_position(session, m.DangerStatement, conf),
        text=text.strip(),
    )
    session.add(row)
    session.flush()
    _set_children(session, case, m.DangerStatementChild, "statement_id", row.id, children)  # type: ignore[arg-type]
    changed(session, case)
    return key


def _statement(session: Session, conf: m.Conference, key: str) -> m.DangerStatement:
    row = session.exec(
        select(m.DangerStatement).where(
            m.DangerStatement.conference_id == conf.id, m.DangerStatement.key == key
        )
    ).first()
    if row is None:
        raise NotFoundError("That danger statement is no longer in this conference.")
    return row


def update_statement(
    session: Session, reference: str, conference: str, key: str, changes: Mapping[str, Any]
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _statement(session, conf, key)
    if "text" in changes:
        _require_text(changes["text"], "danger statement")
        row.text = changes["text"].strip()
    if "children" in changes:
        _set_children(session, case, m.DangerStatementChild, "statement_id", row.id,  # type: ignore[arg-type]
                      changes["children"])  # fmt: skip
    session.add(row)
    changed(session, case)


def remove_statement(session: Session, reference: str, conference: str, key: str) -> None:
    """Its safety goals stay, no longer paired; scores given against it go with it."""
    case, conf = open_conference(session, reference, conference)
    row = _statement(session, conf, key)
    session.exec(delete(m.Score).where(col(m.Score.statement_id) == row.id))  # type: ignore[call-overload]
    session.exec(delete(m.DangerStatement).where(col(m.DangerStatement.id) == row.id))  # type: ignore[call-overload]
    changed(session, case)


def add_goal(
    session: Session,
    reference: str,
    conference: str,
    text: str,
    statement: str | None,
    children: list[str],
) -> int:
    case, conf = open_conference(session, reference, conference)
    _check(SafetyGoalDoc, {"text": text, "danger_statement": statement, "children": children})
    _require_text(text, "safety goal")
    row = m.SafetyGoal(
        conference_id=conf.id,  # type: ignore[arg-type]
        position=_next_position(session, m.SafetyGoal, conf),
        text=text.strip(),
        statement_id=_statement(session, conf, statement).id if statement else None,
    )
    session.add(row)
    session.flush()
    _set_children(session, case, m.SafetyGoalChild, "goal_id", row.id, children)  # type: ignore[arg-type]
    changed(session, case)
    return row.id  # type: ignore[return-value]


def update_goal(
    session: Session, reference: str, conference: str, goal_id: int, changes: Mapping[str, Any]
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.SafetyGoal, conf, goal_id)
    if "text" in changes:
        _require_text(changes["text"], "safety goal")
        row.text = changes["text"].strip()
    if "statement" in changes:
        key = changes["statement"]
        row.statement_id = _statement(session, conf, key).id if key else None
    if "children" in changes:
        _set_children(session, case, m.SafetyGoalChild, "goal_id", row.id, changes["children"])
    session.add(row)
    changed(session, case)


def remove_goal(session: Session, reference: str, conference: str, goal_id: int) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.SafetyGoal, conf, goal_id)
    session.exec(delete(m.SafetyGoal).where(col(m.SafetyGoal.id) == row.id))  # type: ignore[call-overload]
    changed(session, case)


# --- opening: exclusions, views; history: incidents ---------------------------------------------


def _stage_span(values: Mapping[str, Any]) -> None:
    start, end = values.get("from_stage"), values.get("to_stage")
    if start and end and STAGES.index(start) > STAGES.index(end):
        raise EditError("The exclusion must start at or before the stage it ends at.")


def add_exclusion(
    session: Session, reference: str, conference: str, values: Mapping[str, Any]
) -> int:
    case, conf = open_conference(session, reference, conference)
    _check(ExclusionDoc, {"attendee": "x", **{k: v for k, v in values.items() if k != "attendee"}})
    _require_text(values.get("reason"), "reason for the exclusion")
    _stage_span(values)
    row = m.Exclusion(
        conference_id=conf.id,  # type: ignore[arg-type]
        position=_next_position(session, m.Exclusion, conf),
        attendee_id=_attendee_id(session, conf, values["attendee"]),  # type: ignore[arg-type]
        scope=values["scope"],
        reason=values["reason"].strip(),
        from_stage=values.get("from_stage"),
        to_stage=values.get("to_stage"),
        record=values.get("record"),
    )
    session.add(row)
    changed(session, case)
    session.flush()
    return row.id  # type: ignore[return-value]


def update_exclusion(
    session: Session, reference: str, conference: str, row_id: int, changes: Mapping[str, Any]
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.Exclusion, conf, row_id)
    merged = {
        "scope": row.scope, "reason": row.reason, "from_stage": row.from_stage,
        "to_stage": row.to_stage, "record": row.record,
    } | {k: v for k, v in changes.items() if k != "attendee"}  # fmt: skip
    _check(ExclusionDoc, {"attendee": "x", **merged})
    _require_text(merged["reason"], "reason for the exclusion")
    _stage_span(merged)
    for name, value in changes.items():
        if name == "attendee":
            row.attendee_id = _attendee_id(session, conf, value)  # type: ignore[assignment]
        else:
            setattr(row, name, value.strip() if isinstance(value, str) else value)
    session.add(row)
    changed(session, case)


def _whose(session: Session, case: m.Case, key: str) -> tuple[int | None, int | None]:
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


def add_view(session: Session, reference: str, conference: str, values: Mapping[str, Any]) -> int:
    case, conf = open_conference(session, reference, conference)
    _check(ViewDoc, values)
    _require_text(values.get("summary"), "view")
    child_id, person_id = _whose(session, case, values["whose"])
    row = m.View(
        conference_id=conf.id,  # type: ignore[arg-type]
        position=_next_position(session, m.View, conf),
        child_id=child_id, person_id=person_id, how=values["how"],
        summary=values["summary"].strip(), confidential=bool(values.get("confidential", False)),
    )  # fmt: skip
    session.add(row)
    changed(session, case)
    session.flush()
    return row.id  # type: ignore[return-value]


def update_view(
    session: Session, reference: str, conference: str, row_id: int, changes: Mapping[str, Any]
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.View, conf, row_id)
    if "summary" in changes:
        _require_text(changes["summary"], "view")
    _check(ViewDoc, {"whose": "x", "how": row.how, "summary": row.summary, **changes})
    for name, value in changes.items():
        if name == "whose":
            row.child_id, row.person_id = _whose(session, case, value)
        else:
            setattr(row, name, value.strip() if isinstance(value, str) else value)
    session.add(row)
    changed(session, case)


def set_incident(
    session: Session, reference: str, conference: str, values: Mapping[str, Any]
) -> None:
    """The first, worst or last incident: one of each; empty text with no date removes it.

    `confidential` keeps it out of every family copy; left out, the mark stays as it was.
    """
    case, conf = open_conference(session, reference, conference)
    which = values["which"]
    text = (values.get("text") or "").strip()
    row = session.exec(
        select(m.Incident).where(m.Incident.conference_id == conf.id, m.Incident.which == which)
    ).first()
    if not text and values.get("date") is None:
        if row is not None:
            session.delete(row)
            changed(session, case)
        return
    confidential = values.get("confidential", row.confidential if row is not None else False)
    _check(IncidentDoc, {"which": which, "date": values.get("date"), "text": text,
                         "confidential": confidential})  # fmt: skip
    if not text:
        raise EditError("Say what happened; a date alone is not enough.")
    if row is None:
        order = {"first": 0, "worst": 1, "last": 2}
        row = m.Incident(conference_id=conf.id, position=order.get(which, 3), which=which,  # type: ignore[arg-type]
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


# --- participation: views not given, children without an advocate --------------------------


def _reason(values: Mapping[str, Any], what: str) -> str:
    reason = values.get("reason")
    _require_text(reason, what)
    return str(reason).strip()


def _one_each(
    session: Session, table: type[SQLModel], conf: m.Conference, owner: Any, exclude: int | None
) -> None:
    query = select(table.id).where(table.conference_id == conf.id, owner)  # type: ignore[attr-defined]
    for row_id in session.exec(query):
        if row_id != exclude:
            raise EditError("A reason is already recorded for them: change that one instead.")


def _add_one_reason(
    session: Session,
    case: m.Case,
    conf: m.Conference,
    table: type[SQLModel],
    owner: Any,
    ids: Mapping[str, int | None],
    reason: str,
) -> int:
    """A new row giving one person's reason (a view not given, no advocate): one each."""
    _one_each(session, table, conf, owner, None)
    row = table(conference_id=conf.id, position=_next_position(session, table, conf),
                reason=reason, **ids)  # fmt: skip
    session.add(row)
    changed(session, case)
    session.flush()
    return row.id  # type: ignore[attr-defined, no-any-return]


def _whose_owner(child_id: int | None, person_id: int | None, table: Any) -> Any:
    return table.child_id == child_id if child_id is not None else table.person_id == person_id


def add_view_not_given(
    session: Session, reference: str, conference: str, values: Mapping[str, Any]
) -> int:
    """Why a child's or parent's view is not before the conference: one reason each."""
    case, conf = open_conference(session, reference, conference)
    reason = _reason(values, "reason the view is not given")
    child_id, person_id = _whose(session, case, values.get("whose") or "")
    owner = _whose_owner(child_id, person_id, m.ViewNotGiven)
    ids = {"child_id": child_id, "person_id": person_id}
    return _add_one_reason(session, case, conf, m.ViewNotGiven, owner, ids, reason)


def update_view_not_given(
    session: Session, reference: str, conference: str, row_id: int, changes: Mapping[str, Any]
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.ViewNotGiven, conf, row_id)
    if set(changes) - {"whose", "reason"}:
        raise EditError("cannot set that on a view not given")  # a programming error
    if "reason" in changes:
        row.reason = _reason(changes, "reason the view is not given")
    if "whose" in changes:
        child_id, person_id = _whose(session, case, changes["whose"] or "")
        owner = _whose_owner(child_id, person_id, m.ViewNotGiven)
        _one_each(session, m.ViewNotGiven, conf, owner, row.id)
        row.child_id, row.person_id = child_id, person_id
    session.add(row)
    changed(session, case)


def _child_id(session: Session, case: m.Case, key: str | None) -> int:
    child = session.exec(
        select(m.Child.id).where(m.Child.case_id == case.id, m.Child.key == key)
    ).first()
    if child is None:
        raise EditError("Choose the child who has no advocate.")
    return child


def add_advocate_not_used(
    session: Session, reference: str, conference: str, values: Mapping[str, Any]
) -> int:
    """Why a child old enough to be offered an advocate has none here (002)."""
    case, conf = open_conference(session, reference, conference)
    reason = _reason(values, "reason there is no advocate")
    child_id = _child_id(session, case, values.get("child"))
    owner = m.AdvocateNotUsed.child_id == child_id
    return _add_one_reason(
        session, case, conf, m.AdvocateNotUsed, owner, {"child_id": child_id}, reason
    )


def update_advocate_not_used(
    session: Session, reference: str, conference: str, row_id: int, changes: Mapping[str, Any]
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _row(session, m.AdvocateNotUsed, conf, row_id)
    if set(changes) - {"child", "reason"}:
        raise EditError("cannot set that on a child without an advocate")  # a programming error
    if "reason" in changes:
        row.reason = _reason(changes, "reason there is no advocate")
    if "child" in changes:
        child_id = _child_id(session, case, changes["child"])
        _one_each(session, m.AdvocateNotUsed, conf, m.AdvocateNotUsed.child_id == child_id,
                  row.id)  # fmt: skip
        row.child_id = child_id
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
    row = _row(session, table, conf, row_id)
    session.delete(row)
    changed(session, case)
