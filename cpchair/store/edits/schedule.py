"""Edits of the case's conferences as a schedule: booking one, moving it, removing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.schema import ConferenceDoc
from cpchair.rules.edit_rules import next_key, same_conference
from cpchair.store.errors import EditError
from cpchair.store.rows import case_row, check_fields, conference_row, refuse_unknown, touch
from cpchair.vocab import KIND_LABELS

CONFERENCE_FIELDS = {
    "kind", "date", "start_time", "venue", "virtual", "chair", "chair_contact", "minute_taker",
    "trigger_date", "late_reason", "status", "confidentiality_statement_read", "quorum_override",
}  # fmt: skip


def _conference_values(values: Mapping[str, Any]) -> None:
    base = {"key": "x", "chair": "", "status": "prepared"}
    check_fields(ConferenceDoc, base | dict(values))


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


def _refuse_twice(
    session: Session, case: m.Case, kind: str, date: Any, exclude: str | None
) -> None:
    held = session.exec(
        select(col(m.Conference.key), col(m.Conference.kind), col(m.Conference.date)).where(
            m.Conference.case_id == case.id
        )
    ).all()
    if isinstance(date, dt.date) and same_conference(held, kind, date, exclude) is not None:
        words = KIND_LABELS.get(kind, kind).lower()
        raise EditError(f"This case already has a {words} conference on that date.")


def add_conference(session: Session, reference: str, values: Mapping[str, Any]) -> str:
    from cpchair.store.carry import carry_forward

    refuse_unknown(values, CONFERENCE_FIELDS)
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
    row = m.Conference(case_id=m.stored(case.id), key=key, position=10_000, **values)
    session.add(row)
    session.flush()
    if values.get("kind") == "review" and previous is not None:
        carry_forward(session, previous, row)
    _reposition_conferences(session, m.stored(case.id))
    touch(session, case)
    return key


def update_conference(
    session: Session, reference: str, key: str, changes: Mapping[str, Any]
) -> None:
    refuse_unknown(changes, CONFERENCE_FIELDS)
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
        _reposition_conferences(session, m.stored(case.id))
    touch(session, case)


def remove_conference(session: Session, reference: str, key: str) -> None:
    case = case_row(session, reference)
    row = conference_row(session, case, key)
    session.exec(delete(m.Conference).where(col(m.Conference.id) == row.id))
    session.flush()
    _reposition_conferences(session, m.stored(case.id))
    touch(session, case)
