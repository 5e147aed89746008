"""A live meeting's working state: drafts and the time spent in each stage.

Kept in the database so that a crash or a flat battery loses neither, but never part of the
record: a case file leaves them out. They do not touch the case's `updated_at` either, so a
draft saved as someone types does not count as a change to the case.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.store.rows import case_row, conference_row
from cpchair.vocab import STAGES


def _conf_id(session: Session, reference: str, conference: str) -> int:
    return m.stored(conference_row(session, case_row(session, reference), conference).id)


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
    return {r.slot: printable(r.text) for r in rows}  # text to show: see store/read.py


def _latest_visit(session: Session, conf_id: int) -> m.StageVisit | None:
    return session.exec(
        select(m.StageVisit)
        .where(m.StageVisit.conference_id == conf_id)
        .order_by(col(m.StageVisit.started_at).desc(), col(m.StageVisit.id).desc())
    ).first()


def enter_stage(
    session: Session,
    reference: str,
    conference: str,
    stage: str,
    at: dt.datetime,
    *,
    close_previous: bool = True,
) -> None:
    """Start a visit to `stage` at `at`, first ending the one before there if asked.

    Every visit is stored already ended (at its start, then at each `mark_time`), so a crash
    costs at most the time since the last mark. After a restart the screen enters its stage
    without `close_previous`, leaving the visit cut short by the crash as it was.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    conf_id = _conf_id(session, reference, conference)
    if close_previous:
        _mark(session, conf_id, at)
    session.add(m.StageVisit(conference_id=conf_id, stage=stage, started_at=at, ended_at=at))


def _mark(session: Session, conf_id: int, at: dt.datetime) -> None:
    row = _latest_visit(session, conf_id)
    if row is not None:
        row.ended_at = max(at, row.started_at)
        session.add(row)


def mark_time(session: Session, reference: str, conference: str, at: dt.datetime) -> None:
    """The current visit has lasted until `at` (a heartbeat, or leaving the meeting)."""
    _mark(session, _conf_id(session, reference, conference), at)


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
