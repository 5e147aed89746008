"""Edits of the decision stage: each agency's view, and each child's
decision; and, at the close, concluding the conference and reopening it.

A decision is written whole, never field by field, so the database never holds one the format
would refuse (a plan with no category, a chair's decision with no reasons, a method the views
do not give). Whether the views allow it, and what the method is, come from
`rules/decisions.py`; this module checks the format's own rules again before writing. A view
given or changed after a decision is recorded brings the decision's method up to date
(`method_sync`). A formal dissent is written only when the chair records one, with its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.rules.close import previous_conference
from cpchair.rules.decisions import (
    ENDING_CRITERION_LABELS,
    comes_off_plan,
    may_vote,
    method_disagrees,
)
from cpchair.store.errors import EditError
from cpchair.store.method_sync import WORDS, sync_methods
from cpchair.store.read import load_case_doc
from cpchair.store.rows import case_row, changed, conference_row, open_conference, touch
from cpchair.vocab import (
    CATEGORY_LABELS,
    METHODS,
    METHODS_NEEDING_RATIONALE,
    OUTCOME_LABELS,
    Outcome,
)

T = TypeVar("T")


def _child_id(session: Session, case: m.Case, key: str) -> int:
    found = session.exec(
        select(m.Child.id).where(m.Child.case_id == case.id, m.Child.key == key)
    ).first()
    if found is None:
        raise EditError("That child is no longer in this case.")
    return found


def _voter(session: Session, conf: m.Conference, key: str) -> m.Attendee:
    row = session.exec(
        select(m.Attendee).where(m.Attendee.conference_id == conf.id, m.Attendee.key == key)
    ).first()
    if row is None:
        raise EditError("That person is not on this conference's attendance list.")
    if not row.votes or not may_vote(row.agency):
        raise EditError("Only a voting professional's view is counted; this person does not vote.")
    return row


def set_vote(
    session: Session,
    reference: str,
    conference: str,
    attendee: str,
    child: str,
    vote: str | None,
    reason: str | None = None,
) -> None:
    """One agency's view for one child; None clears it. A reason of None keeps the old one."""
    case, conf = open_conference(session, reference, conference)
    voter = _voter(session, conf, attendee)
    child_id = _child_id(session, case, child)
    row = session.exec(
        select(m.Vote).where(
            m.Vote.conference_id == conf.id,
            m.Vote.attendee_id == voter.id,
            m.Vote.child_id == child_id,
        )
    ).first()
    if vote is None:
        if row is not None:
            session.delete(row)
            sync_methods(session, case, conf, [child_id])
            changed(session, case)
        return
    if vote not in OUTCOME_LABELS:
        raise EditError(
            "A view is a child protection plan, a child in need plan or no further action."
        )
    moved = row is None or row.vote != vote
    if row is None:
        highest = session.exec(
            select(func.max(m.Vote.position)).where(m.Vote.conference_id == conf.id)
        ).one()
        row = m.Vote(
            conference_id=m.stored(conf.id), position=0 if highest is None else highest + 1,
            attendee_id=m.stored(voter.id), child_id=child_id, vote=vote, reason="",
        )  # fmt: skip
    row.vote = vote
    if reason is not None:
        row.reason = reason.strip()
    session.add(row)
    if moved:
        sync_methods(session, case, conf, [child_id])
    changed(session, case)


def _given_view(
    session: Session, reference: str, conference: str, attendee: str, child: str, then: str
) -> tuple[m.Case, m.Vote]:
    """The view this voter gave for this child; refused, saying what to do `then`, if none."""
    case, conf = open_conference(session, reference, conference)
    voter = _voter(session, conf, attendee)
    row = session.exec(
        select(m.Vote).where(
            m.Vote.conference_id == conf.id,
            m.Vote.attendee_id == voter.id,
            m.Vote.child_id == _child_id(session, case, child),
        )
    ).first()
    if row is None:
        raise EditError(f"Give the view first (p, c or n), then {then}.")
    return case, row


def set_vote_reason(
    session: Session, reference: str, conference: str, attendee: str, child: str, reason: str
) -> None:
    case, row = _given_view(session, reference, conference, attendee, child, "its reason")
    row.reason = reason.strip()
    session.add(row)
    changed(session, case)


def mark_vote(
    session: Session, reference: str, conference: str, attendee: str, child: str, secret: bool
) -> None:
    """Mark a view's reason as given in confidence: family copies show the view, not why."""
    then = "mark its reason confidential"
    case, row = _given_view(session, reference, conference, attendee, child, then)
    row.confidential = secret
    session.add(row)
    changed(session, case)


def record_decision(
    session: Session, reference: str, conference: str, child: str, **values: Any
) -> None:
    """Write one child's decision whole: outcome, categories (primary first), method,
    rationale, dissents [(attendee, reason)] and the ending criterion."""
    case, conf = open_conference(session, reference, conference)
    outcome, method = values["outcome"], values["method"]
    categories: Sequence[str] = values.get("categories", [])
    rationale = (values.get("rationale") or "").strip() or None
    if outcome not in OUTCOME_LABELS:
        raise EditError("Choose the outcome for this child.")
    if any(c not in CATEGORY_LABELS for c in categories) or len(set(categories)) != len(categories):
        raise EditError("Each category once, from the four in the list.")
    if outcome == "plan" and not categories:
        raise EditError("A child protection plan needs a category: choose at least one.")
    if outcome != "plan" and categories:
        raise EditError("Categories go with a child protection plan only.")
    if method not in METHODS:
        raise EditError("cannot record that method")  # a programming error
    if method in METHODS_NEEDING_RATIONALE and rationale is None:
        raise EditError("Record the chair's reasons: the chair is deciding for the conference.")
    criterion = values.get("ending_criterion") or None
    if criterion is not None and criterion not in ENDING_CRITERION_LABELS:
        raise EditError("Choose the reason the plan ends from the list.")
    if criterion is not None and not _plan_ends(session, case, conf, child, outcome):
        raise EditError("A reason for ending is recorded only when the child's plan ends.")
    dissents = [(a, (r or "").strip()) for a, r in values.get("dissents", [])]
    if any(not reason for _, reason in dissents):
        raise EditError("A formal dissent is recorded with the agency's reason: give it.")
    child_id = _child_id(session, case, child)
    old = session.exec(
        select(m.Decision).where(
            m.Decision.conference_id == conf.id, m.Decision.child_id == child_id
        )
    ).first()
    position = old.position if old else _next_decision_position(session, conf)
    if old is not None:
        session.exec(delete(m.Decision).where(col(m.Decision.id) == old.id))
    row = m.Decision(
        conference_id=m.stored(conf.id), position=position, child_id=child_id, outcome=outcome,
        method=method, rationale=rationale, ending_criterion=criterion,
    )  # fmt: skip
    session.add(row)
    session.flush()
    session.add_all(
        m.DecisionCategory(decision_id=m.stored(row.id), category=c, position=i)
        for i, c in enumerate(categories)
    )
    for i, (attendee, reason) in enumerate(dissents):
        voter = _voter(session, conf, attendee)
        session.add(
            m.Dissent(
                decision_id=m.stored(row.id), position=i, attendee_id=m.stored(voter.id),
                reason=reason,
            )
        )  # fmt: skip
    _method_agrees(session, case, conf, child)
    changed(session, case)


def _plan_ends(
    session: Session, case: m.Case, conf: m.Conference, child: str, outcome: Outcome
) -> bool:
    """Whether this outcome ends the child's plan (`rules.decisions.comes_off_plan`)."""
    doc = load_case_doc(session, case)
    here = next(c for c in doc.conferences if c.key == conf.key)
    return comes_off_plan(child, outcome, here, previous_conference(doc, here))


def _method_agrees(session: Session, case: m.Case, conf: m.Conference, child: str) -> None:
    """The method written is the one the views give (the format refuses any other)."""
    session.flush()
    doc = next(c for c in load_case_doc(session, case, only=conf.id).conferences)
    decision = next(d for d in doc.decisions if d.child == child)
    expected = method_disagrees(decision, doc)
    if expected is not None:
        raise EditError(
            f"The views, one per agency, make this decision {WORDS[expected]}; "
            "open it again to record it that way."
        )


def _next_decision_position(session: Session, conf: m.Conference) -> int:
    highest = session.exec(
        select(func.max(m.Decision.position)).where(m.Decision.conference_id == conf.id)
    ).one()
    return 0 if highest is None else highest + 1


def conclude(session: Session, reference: str, conference: str) -> None:
    """Mark the conference concluded: from now on it is locked against edits."""
    case, conf = open_conference(session, reference, conference)
    conf.status = "concluded"
    session.add(conf)
    touch(session, case)


def reopen(session: Session, reference: str, conference: str, reason: str, at: dt.datetime) -> None:
    """Open a concluded conference again; the reason goes on its record."""
    reason = reason.strip()
    if not reason:
        raise EditError("Say why the conference is being reopened: it goes on the record.")
    case = case_row(session, reference)
    conf = conference_row(session, case, conference)
    if conf.status != "concluded":
        raise EditError("This conference is not concluded; there is nothing to reopen.")
    highest = session.exec(
        select(func.max(m.Reopening.position)).where(m.Reopening.conference_id == conf.id)
    ).one()
    session.add(
        m.Reopening(
            conference_id=m.stored(conf.id), position=0 if highest is None else highest + 1,
            at=at.replace(second=0, microsecond=0), reason=reason,
        )
    )  # fmt: skip
    conf.status = "in_progress"
    session.add(conf)
    touch(session, case)
