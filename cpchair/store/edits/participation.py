"""Edits of the participation record: views not given, and why a child has no advocate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, SQLModel, select

from cpchair import models as m
from cpchair.store.edits.history import whose_ids
from cpchair.store.errors import EditError
from cpchair.store.rows import changed, listed_row, next_position, open_conference, require_text

# --- participation: views not given, children without an advocate --------------------------


def _reason(values: Mapping[str, Any], what: str) -> str:
    reason = values.get("reason")
    require_text(reason, what)
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
    row = table(conference_id=conf.id, position=next_position(session, table, conf),
                reason=reason, **ids)  # fmt: skip
    session.add(row)
    changed(session, case)
    session.flush()
    return row.id  # type: ignore[attr-defined]


def _whose_owner(child_id: int | None, person_id: int | None, table: Any) -> Any:
    return table.child_id == child_id if child_id is not None else table.person_id == person_id


def add_view_not_given(session: Session, reference: str, conference: str, **values: Any) -> int:
    """Why a child's or parent's view is not before the conference: one reason each."""
    case, conf = open_conference(session, reference, conference)
    reason = _reason(values, "reason the view is not given")
    child_id, person_id = whose_ids(session, case, values.get("whose") or "")
    owner = _whose_owner(child_id, person_id, m.ViewNotGiven)
    ids = {"child_id": child_id, "person_id": person_id}
    return _add_one_reason(session, case, conf, m.ViewNotGiven, owner, ids, reason)


def update_view_not_given(
    session: Session, reference: str, conference: str, row_id: int, **changes: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.ViewNotGiven, conf, row_id)
    if set(changes) - {"whose", "reason"}:
        raise EditError("cannot set that on a view not given")  # a programming error
    if "reason" in changes:
        row.reason = _reason(changes, "reason the view is not given")
    if "whose" in changes:
        child_id, person_id = whose_ids(session, case, changes["whose"] or "")
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


def add_advocate_not_used(session: Session, reference: str, conference: str, **values: Any) -> int:
    """Why a child old enough to be offered an advocate has none here (002)."""
    case, conf = open_conference(session, reference, conference)
    reason = _reason(values, "reason there is no advocate")
    child_id = _child_id(session, case, values.get("child"))
    owner = m.AdvocateNotUsed.child_id == child_id
    return _add_one_reason(
        session, case, conf, m.AdvocateNotUsed, owner, {"child_id": child_id}, reason
    )


def update_advocate_not_used(
    session: Session, reference: str, conference: str, row_id: int, **changes: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.AdvocateNotUsed, conf, row_id)
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
