"""A live meeting's working state: drafts and the time spent in each stage.

Kept in the database so that a crash or a flat battery loses neither, but never part of the
record: a case file leaves them out. They do not touch the case's `updated_at` either, so a
draft saved as someone types does not count as a change to the case.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.store.edits import case_row, conference_row
from cpchair.vocab import STAGES


def _conf_id(session: Session, reference: str, conference: str) -> int:
    return conference_row(session, case_row(session, reference), conference).id  # type: ignore[return-value]


def save_draft(session: Session, reference: str, conference: str, slot: str, text: str) -> None:
    """Keep what is typed in `slot`; empty text forgets the draft."""
    conf_id = _conf_id(session, reference, conference)
    row = session.exec(
        select(m.Draft).where(m.Draft.conference_id == conf_id, m.Draft.slot == slot)
    ).first()
    if not text.strip():
        if row is not None:
            session.delete(row)
        return
    now = dt.datetime.now()
    if row is None:
        row = m.Draft(conference_id=conf_id, slot=slot, text=text, updated_at=now)
    row.text, row.updated_at = text, now
    session.add(row)


def drafts(session: Session, reference: str, conference: str) -> dict[str, str]:
    conf_id = _conf_id(session, reference, conference)
    rows = session.exec(select(m.Draft).where(m.Draft.conference_id == conf_id)).all()
    return {r.slot: r.text for r in rows}


def enter_stage(
    session: Session, reference: str, conference: str, stage: str, at: dt.datetime
) -> None:
    """Close the open visit (if any) at `at` and start one in `stage`."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    conf_id = _conf_id(session, reference, conference)
    for row in session.exec(
        select(m.StageVisit).where(
            m.StageVisit.conference_id == conf_id, col(m.StageVisit.ended_at).is_(None)
        )
    ):
        row.ended_at = max(at, row.started_at)
        session.add(row)
    session.add(m.StageVisit(conference_id=conf_id, stage=stage, started_at=at))


def leave_stage(session: Session, reference: str, conference: str, at: dt.datetime) -> None:
    """The meeting is paused or closed: the open visit ends at `at`."""
    conf_id = _conf_id(session, reference, conference)
    for row in session.exec(
        select(m.StageVisit).where(
            m.StageVisit.conference_id == conf_id, col(m.StageVisit.ended_at).is_(None)
        )
    ):
        row.ended_at = max(at, row.started_at)
        session.add(row)


def stage_visits(
    session: Session, reference: str, conference: str
) -> list[tuple[str, dt.datetime, dt.datetime | None]]:
    conf_id = _conf_id(session, reference, conference)
    rows = session.exec(
        select(m.StageVisit)
        .where(m.StageVisit.conference_id == conf_id)
        .order_by(col(m.StageVisit.started_at), col(m.StageVisit.id))
    ).all()
    return [(r.stage, r.started_at, r.ended_at) for r in rows]


def forget_working_state(session: Session, reference: str, conference: str) -> None:
    conf_id = _conf_id(session, reference, conference)
    session.exec(delete(m.Draft).where(col(m.Draft.conference_id) == conf_id))  # type: ignore[call-overload]
