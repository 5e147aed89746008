"""Edits of the danger statements and safety goals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.schema import (
    DangerStatementDoc,
    SafetyGoalDoc,
)
from cpchair.rules.edit_rules import next_key
from cpchair.store.errors import NotFoundError
from cpchair.store.rows import (
    changed,
    check_fields,
    listed_row,
    next_position,
    open_conference,
    require_text,
    set_children,
)

# --- danger statements and safety goals --------------------------------------------------------


def add_statement(
    session: Session, reference: str, conference: str, text: str, children: list[str]
) -> str:
    case, conf = open_conference(session, reference, conference)
    check_fields(DangerStatementDoc, {"key": "x", "text": text, "children": children})
    require_text(text, "danger statement")
    owner = m.DangerStatement.conference_id == conf.id
    key = next_key(session.exec(select(m.DangerStatement.key).where(owner)).all(), "ds")
    row = m.DangerStatement(
        conference_id=m.stored(conf.id),
        key=key,
        position=next_position(session, m.DangerStatement, conf),
        text=text.strip(),
    )
    session.add(row)
    session.flush()
    set_children(session, case, m.DangerStatementChild, "statement_id", m.stored(row.id), children)
    changed(session, case)
    return key


def statement_row(session: Session, conf: m.Conference, key: str) -> m.DangerStatement:
    row = session.exec(
        select(m.DangerStatement).where(
            m.DangerStatement.conference_id == conf.id, m.DangerStatement.key == key
        )
    ).first()
    if row is None:
        raise NotFoundError("That danger statement is no longer in this conference.")
    return row


def update_statement(
    session: Session, reference: str, conference: str, key: str, **changes: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = statement_row(session, conf, key)
    if "text" in changes:
        require_text(changes["text"], "danger statement")
        row.text = changes["text"].strip()
    if "children" in changes:
        set_children(session, case, m.DangerStatementChild, "statement_id", m.stored(row.id),
                      changes["children"])  # fmt: skip
    session.add(row)
    changed(session, case)


def remove_statement(session: Session, reference: str, conference: str, key: str) -> None:
    """Its safety goals stay, no longer paired; scores given against it go with it."""
    case, conf = open_conference(session, reference, conference)
    row = statement_row(session, conf, key)
    session.exec(delete(m.Score).where(col(m.Score.statement_id) == row.id))
    session.exec(delete(m.DangerStatement).where(col(m.DangerStatement.id) == row.id))
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
    check_fields(SafetyGoalDoc, {"text": text, "danger_statement": statement, "children": children})
    require_text(text, "safety goal")
    row = m.SafetyGoal(
        conference_id=m.stored(conf.id),
        position=next_position(session, m.SafetyGoal, conf),
        text=text.strip(),
        statement_id=statement_row(session, conf, statement).id if statement else None,
    )
    session.add(row)
    session.flush()
    set_children(session, case, m.SafetyGoalChild, "goal_id", m.stored(row.id), children)
    changed(session, case)
    return m.stored(row.id)


def update_goal(
    session: Session, reference: str, conference: str, goal_id: int, **changes: Any
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.SafetyGoal, conf, goal_id)
    if "text" in changes:
        require_text(changes["text"], "safety goal")
        row.text = changes["text"].strip()
    if "statement" in changes:
        key = changes["statement"]
        row.statement_id = statement_row(session, conf, key).id if key else None
    if "children" in changes:
        set_children(session, case, m.SafetyGoalChild, "goal_id", row.id, changes["children"])
    session.add(row)
    changed(session, case)


def remove_goal(session: Session, reference: str, conference: str, goal_id: int) -> None:
    case, conf = open_conference(session, reference, conference)
    row = listed_row(session, m.SafetyGoal, conf, goal_id)
    session.exec(delete(m.SafetyGoal).where(col(m.SafetyGoal.id) == row.id))
    changed(session, case)
