"""A review starts from the last conference, so nothing is typed twice.

Copied forward: who was invited (attendance reset to present, as expected; report dates and times
cleared), the danger statements and safety goals, the scaling question, and the plan's
outcomes, actions (with their status, to be updated at the review), core group, contingency
and visiting arrangements. Dates and recommendations the review will set afresh are left
empty.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, SQLModel, col, select

from cpchair import models as m
from cpchair.rules.decisions import may_vote


def _rows(session: Session, table: type[SQLModel], where: Any) -> list[Any]:
    order = col(table.position) if "position" in table.model_fields else col(table.id)  # type: ignore[attr-defined]
    return list(session.exec(select(table).where(where).order_by(order)))


def _copy_links(
    session: Session, table: type[SQLModel], owner: str, pairs: list[tuple[int, int]]
) -> None:
    for old_id, new_id in pairs:
        for link in _rows(session, table, getattr(table, owner) == old_id):
            session.add(
                table(**{owner: new_id, "child_id": link.child_id, "position": link.position})
            )


def carry_forward(session: Session, previous: m.Conference, new: m.Conference) -> None:
    conf_id = m.stored(new.id)
    attendees = _rows(session, m.Attendee, m.Attendee.conference_id == previous.id)
    new_attendees = [
        m.Attendee(
            conference_id=conf_id, position=a.position, key=a.key, name=a.name, role=a.role,
            agency=a.agency, person_id=a.person_id, attendance="present",
            votes=a.votes and may_vote(a.agency),  # a vote held from before the rule: dropped
            contact=a.contact,
        )
        for a in attendees
    ]  # fmt: skip
    statements = _rows(session, m.DangerStatement, m.DangerStatement.conference_id == previous.id)
    new_statements = [
        m.DangerStatement(conference_id=conf_id, position=d.position, key=d.key, text=d.text)
        for d in statements
    ]
    session.add_all([*new_attendees, *new_statements])
    session.flush()
    attendee_ids = {a.id: m.stored(b.id) for a, b in zip(attendees, new_attendees, strict=True)}
    statement_ids = {a.id: m.stored(b.id) for a, b in zip(statements, new_statements, strict=True)}
    _copy_links(session, m.DirectContact, "attendee_id", list(attendee_ids.items()))
    _copy_links(session, m.DangerStatementChild, "statement_id", list(statement_ids.items()))

    goals = _rows(session, m.SafetyGoal, m.SafetyGoal.conference_id == previous.id)
    new_goals = [
        m.SafetyGoal(
            conference_id=conf_id, position=g.position, text=g.text,
            statement_id=statement_ids.get(g.statement_id),
        )
        for g in goals
    ]  # fmt: skip
    session.add_all(new_goals)
    scaling = session.exec(select(m.Scaling).where(m.Scaling.conference_id == previous.id)).first()
    if scaling is not None:
        session.add(
            m.Scaling(conference_id=conf_id, question=scaling.question, polarity=scaling.polarity)
        )
    session.flush()
    _copy_links(
        session, m.SafetyGoalChild, "goal_id",
        [(a.id, m.stored(b.id)) for a, b in zip(goals, new_goals, strict=True)],
    )  # fmt: skip

    plan = session.exec(select(m.Plan).where(m.Plan.conference_id == previous.id)).first()
    if plan is not None:
        _carry_plan(session, plan, new, attendee_ids)


def _carry_plan(
    session: Session, plan: m.Plan, new: m.Conference, attendee_ids: dict[Any, Any]
) -> None:
    new_plan = m.Plan(
        conference_id=m.stored(new.id), contingency=plan.contingency, visiting=plan.visiting,
        embassy_notification=plan.embassy_notification,
    )  # fmt: skip
    session.add(new_plan)
    session.flush()
    new_plan_id = m.stored(new_plan.id)
    for o in _rows(session, m.PlanOutcome, m.PlanOutcome.plan_id == plan.id):
        session.add(m.PlanOutcome(plan_id=new_plan_id, position=o.position, text=o.text))
    for c in _rows(session, m.CoreGroupMember, m.CoreGroupMember.plan_id == plan.id):
        attendee = attendee_ids.get(c.attendee_id)
        if c.attendee_id is not None and attendee is None:
            continue
        session.add(
            m.CoreGroupMember(
                plan_id=new_plan_id, position=c.position, attendee_id=attendee,
                person_id=c.person_id,
            )
        )  # fmt: skip
    actions = _rows(session, m.PlanAction, m.PlanAction.plan_id == plan.id)
    new_actions = [
        m.PlanAction(
            plan_id=new_plan_id, position=a.position, what=a.what, who=a.who, by=a.by,
            key_safeguarding=a.key_safeguarding, status=a.status, confidential=a.confidential,
        )
        for a in actions
    ]  # fmt: skip
    session.add_all(new_actions)
    session.flush()
    _copy_links(
        session, m.PlanActionChild, "action_id",
        [(a.id, m.stored(b.id)) for a, b in zip(actions, new_actions, strict=True)],
    )  # fmt: skip
