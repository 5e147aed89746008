"""Edits of the scaling stage of the live meeting.

Each edit runs in one transaction through `Meeting.edit(fn, ...)`, checks what it is given
and raises EditError in the chair's words. `open_conference` refuses once the conference is
concluded.

A scale is the overall one (no child, no danger statement) or one narrower scale: a child's or
a danger statement's. Each person present has at most one score on each scale. In an
independent round the scores stay hidden (`Scaling.revealed` false) until the chair reveals
them together. Setting the overall grading records the escalation when it is due, and clears
it when the grading goes back above the profile's threshold. Observers, interpreters and
supporters give no score (`rules.scaling.may_scale`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.rules.child_names import in_sentence
from cpchair.rules.profiles import profile_for
from cpchair.rules.scaling import default_question, may_scale, needs_escalation
from cpchair.rules.timescales import escalation_due
from cpchair.store.edits.dangers import statement_row
from cpchair.store.errors import EditError
from cpchair.store.rows import attendee_row_id, open_conference, require_text, touch

T = TypeVar("T")

POLARITIES = ("ten_is_safe", "ten_is_danger")
NOT_GIVEN: Any = object()
ESCALATION_FIELDS = {"notified_at", "to"}


# --- helpers -----------------------------------------------------------------------------------


def _child_names(session: Session, case: m.Case) -> list[str]:
    """The children the question is about: the subjects of the conference."""
    children = session.exec(
        select(m.Child)
        .where(m.Child.case_id == case.id, col(m.Child.subject))
        .order_by(col(m.Child.position), col(m.Child.id))
    )
    return [in_sentence(c) for c in children]


def _scaling(
    session: Session, case: m.Case, conf: m.Conference, *, create: bool = True
) -> m.Scaling | None:
    """The conference's scaling row; made with the profile's wording when first needed."""
    row = session.exec(select(m.Scaling).where(m.Scaling.conference_id == conf.id)).first()
    if row is None and create:
        polarity = profile_for(case.profile).scaling_polarity
        row = m.Scaling(
            conference_id=m.stored(conf.id),
            question=default_question(polarity, _child_names(session, case)),
            polarity=polarity,
        )
        session.add(row)
        session.flush()
    return row


def _check_score(value: Any, what: str = "A score") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(f"{what} is a whole number from 0 to 10.")
    if not 0 <= value <= 10:
        raise EditError(f"{value} is not on the scale: {what.lower()} is from 0 to 10.")
    return value


def _scorer(session: Session, conf: m.Conference, key: str) -> int:
    """The attendee's row id, refusing anyone not in the room."""
    attendee_id = attendee_row_id(session, conf, key)
    row = session.get_one(m.Attendee, attendee_id)
    if row.attendance != "present":
        raise EditError(
            "Only someone present gives a score. Mark them present in the register first."
        )
    if not may_scale(row.agency):
        raise EditError(
            "Observers, interpreters and supporters do not give a score: they do not take part "
            "in the discussion."
        )
    return attendee_id


def _scale(
    session: Session, case: m.Case, conf: m.Conference, child: str | None, statement: str | None
) -> tuple[int | None, int | None]:
    """The child and statement row ids of a scale (both None: the overall scale)."""
    if child is not None and statement is not None:
        raise EditError("A score is overall, for one child or for one danger statement.")
    child_id = None
    if child is not None:
        child_id = session.exec(
            select(m.Child.id).where(m.Child.case_id == case.id, m.Child.key == child)
        ).first()
        if child_id is None:
            raise EditError("That child is no longer in this case.")
    statement_id = statement_row(session, conf, statement).id if statement is not None else None
    return child_id, statement_id


def _score_row(
    session: Session, conf: m.Conference, attendee_id: int, scale: tuple[int | None, int | None]
) -> m.Score | None:
    child_id, statement_id = scale
    return session.exec(
        select(m.Score).where(
            m.Score.conference_id == conf.id,
            m.Score.attendee_id == attendee_id,
            col(m.Score.child_id).is_(None) if child_id is None else m.Score.child_id == child_id,
            col(m.Score.statement_id).is_(None)
            if statement_id is None
            else m.Score.statement_id == statement_id,
        )
    ).first()


def _hidden(session: Session, conf: m.Conference) -> None:
    """Scores of an independent round may not be given reasons until they are revealed."""
    row = session.exec(select(m.Scaling).where(m.Scaling.conference_id == conf.id)).first()
    if row is not None and not row.revealed:
        raise EditError("Reasons are given once the scores are revealed.")


# --- the question ------------------------------------------------------------------------------


def set_question(
    session: Session,
    reference: str,
    conference: str,
    question: str | None = None,
    polarity: str | None = None,
) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _scaling(session, case, conf)
    assert row is not None
    if question is not None:
        require_text(question, "scaling question")
        row.question = question.strip()
    if polarity is not None and polarity != row.polarity:
        if polarity not in POLARITIES:
            raise EditError("cannot turn the scale that way")  # a programming error
        scored = session.exec(select(func.count()).where(m.Score.conference_id == conf.id)).one()
        if scored or row.overall is not None:
            raise EditError(
                "Scores are already given on this scale; turning it round would change what "
                "they mean. Clear them first."
            )
        # The usual wording follows the direction; a question the chair wrote is kept.
        names = _child_names(session, case)
        if question is None and row.question == default_question(row.polarity, names):  # type: ignore[arg-type]
            row.question = default_question(polarity, names)  # type: ignore[arg-type]
        row.polarity = polarity
    session.add(row)
    touch(session, case)


# --- scores ------------------------------------------------------------------------------------


def set_score(
    session: Session,
    reference: str,
    conference: str,
    attendee: str,
    score: int,
    *,
    reason: str | None = None,
    child: str | None = None,
    statement: str | None = None,
) -> None:
    case, conf = open_conference(session, reference, conference)
    value = _check_score(score)
    attendee_id = _scorer(session, conf, attendee)
    scale = _scale(session, case, conf, child, statement)
    _scaling(session, case, conf)
    row = _score_row(session, conf, attendee_id, scale)
    if row is None:
        highest = session.exec(
            select(func.max(m.Score.position)).where(m.Score.conference_id == conf.id)
        ).one()
        row = m.Score(
            conference_id=m.stored(conf.id),
            position=0 if highest is None else highest + 1,
            attendee_id=attendee_id,
            score=value,
            reason="",
            child_id=scale[0],
            statement_id=scale[1],
        )
    row.score = value
    if reason is not None:
        _hidden(session, conf)
        row.reason = reason.strip()
    session.add(row)
    touch(session, case)


def _given_score(
    session: Session,
    reference: str,
    conference: str,
    attendee: str,
    scale: tuple[str | None, str | None],
    then: str,
) -> tuple[m.Case, m.Conference, m.Score]:
    """The score this person gave on this scale (child, danger statement); refused, saying
    what to do `then`, if none."""
    case, conf = open_conference(session, reference, conference)
    attendee_id = attendee_row_id(session, conf, attendee)
    row = _score_row(session, conf, attendee_id, _scale(session, case, conf, *scale))
    if row is None:
        raise EditError(f"Give a score first, then {then}.")
    return case, conf, row


def set_reason(
    session: Session,
    reference: str,
    conference: str,
    attendee: str,
    reason: str,
    *,
    child: str | None = None,
    statement: str | None = None,
) -> None:
    then = "the reason for it"
    case, conf, row = _given_score(
        session, reference, conference, attendee, (child, statement), then
    )
    _hidden(session, conf)
    row.reason = (reason or "").strip()
    session.add(row)
    touch(session, case)


def mark_score(
    session: Session,
    reference: str,
    conference: str,
    attendee: str,
    secret: bool,
    *,
    child: str | None = None,
    statement: str | None = None,
) -> None:
    scale, then = (child, statement), "mark its reason confidential"
    case, _, row = _given_score(session, reference, conference, attendee, scale, then)
    row.confidential = secret
    session.add(row)
    touch(session, case)


def clear_score(
    session: Session,
    reference: str,
    conference: str,
    attendee: str,
    *,
    child: str | None = None,
    statement: str | None = None,
) -> bool:
    case, conf = open_conference(session, reference, conference)
    attendee_id = attendee_row_id(session, conf, attendee)
    row = _score_row(session, conf, attendee_id, _scale(session, case, conf, child, statement))
    if row is None:
        return False
    session.exec(delete(m.Score).where(col(m.Score.id) == row.id))
    touch(session, case)
    return True


# --- the chair's overall grading and the escalation --------------------------------------------


def set_overall(
    session: Session,
    reference: str,
    conference: str,
    overall: int | None,
    at: dt.datetime | None = None,
) -> None:
    """The chair's overall grading (None clears it); `at` starts the escalation clock."""
    at = at or dt.datetime.now().replace(microsecond=0)
    case, conf = open_conference(session, reference, conference)
    value = None if overall is None else _check_score(overall, "The overall grading")
    row = _scaling(session, case, conf)
    assert row is not None
    row.overall = value
    profile = profile_for(case.profile)
    if needs_escalation(value, row.polarity, profile.escalation_threshold):  # type: ignore[arg-type]
        # The clock starts at the first low grading; grading lower still does not restart it.
        if conf.escalation_due_by is None:
            conf.escalation_due_by = escalation_due(at, profile)
    else:
        conf.escalation_due_by = conf.escalation_notified_at = conf.escalation_to = None
    session.add_all([row, conf])
    touch(session, case)


def update_escalation(session: Session, reference: str, conference: str, **changes: Any) -> None:
    if set(changes) - ESCALATION_FIELDS:
        raise EditError("cannot set that on an escalation")  # a programming error
    case, conf = open_conference(session, reference, conference)
    if conf.escalation_due_by is None:
        raise EditError("No escalation is due: the overall grading is above the threshold.")
    if "to" in changes:
        to = changes["to"]
        conf.escalation_to = to.strip() if isinstance(to, str) and to.strip() else None
    if "notified_at" in changes:
        at = changes["notified_at"]
        if at is not None and not isinstance(at, dt.datetime):
            raise EditError("Say when the service manager was told, as a date and time.")
        conf.escalation_notified_at = at
    session.add(conf)
    touch(session, case)


# --- an independent round ----------------------------------------------------------------------


def set_independent(session: Session, reference: str, conference: str, on: bool) -> None:
    """On: the scores are written down hidden. Off: every score shows as it is given."""
    case, conf = open_conference(session, reference, conference)
    row = _scaling(session, case, conf)
    assert row is not None
    if on and not row.independent:
        scored = session.exec(select(func.count()).where(m.Score.conference_id == conf.id)).one()
        if scored:
            raise EditError(
                "Some scores are already shown. Independent scoring starts before anyone "
                "gives a score."
            )
    row.independent = on
    row.revealed = not on
    session.add(row)
    touch(session, case)


def reveal_scores(session: Session, reference: str, conference: str) -> None:
    case, conf = open_conference(session, reference, conference)
    row = _scaling(session, case, conf, create=False)
    if row is None or row.revealed:
        raise EditError("The scores already show as they are given.")
    scored = session.exec(select(func.count()).where(m.Score.conference_id == conf.id)).one()
    if not scored:
        raise EditError("No score has been written down yet.")
    row.revealed = True
    session.add(row)
    touch(session, case)
