"""Writing a whole case document into the tables, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session, SQLModel

from cpchair import models as m
from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.store.index import reindex_case


def _links(link: type[SQLModel], owner_field: str, owner_id: int, child_ids: Sequence[int]) -> list:
    return [
        link(**{owner_field: owner_id, "child_id": cid, "position": i})
        for i, cid in enumerate(child_ids)
    ]


def insert_case(session: Session, doc: CaseDoc, *, now: dt.datetime | None = None) -> int:
    """Add every row of `doc`; return the new case id. The caller commits."""
    now = now or dt.datetime.now(dt.UTC)
    case = m.Case(
        reference=doc.reference,
        family_name=doc.family_name,
        profile=doc.profile,
        lead_social_worker=doc.lead_social_worker.name,
        lead_social_worker_team=doc.lead_social_worker.team,
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    assert case.id is not None
    children = [
        m.Child(case_id=case.id, position=i, **c.model_dump()) for i, c in enumerate(doc.children)
    ]
    people = [
        m.Person(case_id=case.id, position=i, **p.model_dump()) for i, p in enumerate(doc.people)
    ]
    session.add_all(children + people)
    session.flush()
    child_ids = {c.key: c.id for c in children}
    person_ids = {p.key: p.id for p in people}
    person_names = {p.key: p.name for p in doc.people}
    for i, conf in enumerate(doc.conferences):
        _insert_conference(session, case.id, i, conf, child_ids, person_ids, person_names)  # type: ignore[arg-type]
    reindex_case(session, case.id)
    return case.id


def _insert_conference(
    session: Session,
    case_id: int,
    position: int,
    conf: ConferenceDoc,
    child_ids: dict[str, int],
    person_ids: dict[str, int],
    person_names: dict[str, str],
) -> None:
    esc = conf.escalation
    row = m.Conference(
        case_id=case_id,
        position=position,
        key=conf.key,
        kind=conf.kind,
        date=conf.date,
        start_time=conf.start_time,
        venue=conf.venue,
        virtual=conf.virtual,
        chair=conf.chair,
        chair_contact=conf.chair_contact,
        minute_taker=conf.minute_taker,
        trigger_date=conf.trigger_date,
        late_reason=conf.late_reason,
        status=conf.status,
        confidentiality_statement_read=conf.confidentiality_statement_read,
        quorum_override=conf.quorum_override,
        escalation_due_by=esc.due_by if esc else None,
        escalation_notified_at=esc.notified_at if esc else None,
        escalation_to=esc.to if esc else None,
    )
    session.add(row)
    session.flush()
    cid: int = row.id  # type: ignore[assignment]

    attendees = [
        m.Attendee(
            conference_id=cid,
            position=i,
            key=a.key,
            # One name per family member: a linked attendee is named as the person is.
            name=person_names[a.person] if a.person else a.name,
            role=a.role,
            agency=a.agency,
            person_id=person_ids[a.person] if a.person else None,
            attendance=a.attendance,
            votes=a.votes,
            report_received=a.report_received,
            report_shared_with_family=a.report_shared_with_family,
            arrived=a.arrived,
            left=a.left,
            contact=a.contact,
            absence_reason=a.absence_reason,
        )
        for i, a in enumerate(conf.attendees)
    ]
    statements = [
        m.DangerStatement(conference_id=cid, position=i, key=d.key, text=d.text)
        for i, d in enumerate(conf.danger_statements)
    ]
    session.add_all(attendees + statements)
    session.flush()
    att = {a.key: a.id for a in attendees}
    ds = {d.key: d.id for d in statements}
    kids = child_ids

    for a_doc, a_row in zip(conf.attendees, attendees, strict=True):
        session.add_all(
            _links(
                m.DirectContact, "attendee_id", a_row.id, [kids[k] for k in a_doc.direct_contact]
            )
        )  # type: ignore[arg-type]
    for d_doc, d_row in zip(conf.danger_statements, statements, strict=True):
        session.add_all(
            _links(
                m.DangerStatementChild, "statement_id", d_row.id, [kids[k] for k in d_doc.children]
            )
        )  # type: ignore[arg-type]

    session.add_all(
        m.Exclusion(
            conference_id=cid,
            position=i,
            attendee_id=att[e.attendee],
            scope=e.scope,
            reason=e.reason,
            from_stage=e.from_stage,
            to_stage=e.to_stage,
            record=e.record,
        )
        for i, e in enumerate(conf.exclusions)
    )
    session.add_all(
        m.View(
            conference_id=cid,
            position=i,
            child_id=kids.get(v.whose),
            person_id=None if v.whose in kids else person_ids[v.whose],
            how=v.how,
            summary=v.summary,
            confidential=v.confidential,
        )
        for i, v in enumerate(conf.views)
    )
    session.add_all(
        m.ViewNotGiven(
            conference_id=cid,
            position=i,
            child_id=kids.get(v.whose),
            person_id=None if v.whose in kids else person_ids[v.whose],
            reason=v.reason,
        )
        for i, v in enumerate(conf.views_not_given)
    )
    session.add_all(
        m.AdvocateNotUsed(conference_id=cid, position=i, child_id=kids[v.child], reason=v.reason)
        for i, v in enumerate(conf.advocate_not_used)
    )
    session.add_all(
        m.Incident(
            conference_id=cid,
            position=i,
            which=x.which,
            date=x.date,
            text=x.text,
            confidential=x.confidential,
        )
        for i, x in enumerate(conf.incidents)
    )
    entries = [
        m.MappingEntry(
            conference_id=cid,
            position=i,
            column=e.column,
            text=e.text,
            nature=e.nature,
            source_id=att[e.source] if e.source else None,
            confidential=e.confidential,
        )
        for i, e in enumerate(conf.mapping)
    ]
    goals = [
        m.SafetyGoal(
            conference_id=cid,
            position=i,
            statement_id=ds[g.danger_statement] if g.danger_statement else None,
            text=g.text,
        )
        for i, g in enumerate(conf.safety_goals)
    ]
    decisions = [
        m.Decision(
            conference_id=cid,
            position=i,
            child_id=kids[d.child],
            outcome=d.outcome,
            method=d.method,
            rationale=d.rationale,
            ending_criterion=d.ending_criterion,
        )
        for i, d in enumerate(conf.decisions)
    ]
    session.add_all(entries + goals + decisions)
    session.add_all(
        m.Vote(
            conference_id=cid,
            position=i,
            attendee_id=att[v.attendee],
            child_id=kids[v.child],
            vote=v.vote,
            reason=v.reason,
            confidential=v.confidential,
        )
        for i, v in enumerate(conf.votes)
    )
    if conf.scaling is not None:
        sc = conf.scaling
        session.add(
            m.Scaling(
                conference_id=cid,
                question=sc.question,
                polarity=sc.polarity,
                overall=sc.overall,
                independent=sc.independent,
            )
        )
        session.add_all(
            m.Score(
                conference_id=cid,
                position=i,
                attendee_id=att[s.attendee],
                score=s.score,
                reason=s.reason,
                child_id=kids[s.child] if s.child else None,
                statement_id=ds[s.danger_statement] if s.danger_statement else None,
                confidential=s.confidential,
            )
            for i, s in enumerate(sc.scores)
        )
    session.flush()

    for e_doc, e_row in zip(conf.mapping, entries, strict=True):
        session.add_all(
            _links(m.MappingEntryChild, "entry_id", e_row.id, [kids[k] for k in e_doc.children])
        )  # type: ignore[arg-type]
    for g_doc, g_row in zip(conf.safety_goals, goals, strict=True):
        session.add_all(
            _links(m.SafetyGoalChild, "goal_id", g_row.id, [kids[k] for k in g_doc.children])
        )  # type: ignore[arg-type]
    for d_doc, d_row in zip(conf.decisions, decisions, strict=True):
        session.add_all(
            m.DecisionCategory(decision_id=d_row.id, category=c, position=i)  # type: ignore[arg-type]
            for i, c in enumerate(d_doc.categories)
        )
        session.add_all(
            m.Dissent(
                decision_id=d_row.id, position=i, attendee_id=att[x.attendee], reason=x.reason
            )  # type: ignore[arg-type]
            for i, x in enumerate(d_doc.dissents)
        )
    session.add_all(
        m.Reopening(conference_id=cid, position=i, at=r.at, reason=r.reason)
        for i, r in enumerate(conf.reopened)
    )
    if conf.plan is not None:
        _insert_plan(session, cid, conf, kids, att, person_ids)


def _insert_plan(
    session: Session,
    conference_id: int,
    conf: ConferenceDoc,
    kids: dict[str, int],
    att: dict[str, int | None],
    person_ids: dict[str, int],
) -> None:
    plan_doc = conf.plan
    assert plan_doc is not None
    plan = m.Plan(
        conference_id=conference_id,
        first_core_group=plan_doc.first_core_group,
        first_visit=plan_doc.first_visit,
        review_conference=plan_doc.review_conference,
        contingency=plan_doc.contingency,
        visiting=plan_doc.visiting,
        embassy_notification=plan_doc.embassy_notification,
    )
    session.add(plan)
    session.flush()
    pid: int = plan.id  # type: ignore[assignment]
    session.add_all(
        m.PlanOutcome(plan_id=pid, position=i, text=t) for i, t in enumerate(plan_doc.outcomes)
    )
    session.add_all(
        m.PlanRecommendation(plan_id=pid, position=i, text=t)
        for i, t in enumerate(plan_doc.recommendations)
    )
    # A key naming both an attendee and a person is the same human (the checks refuse any
    # other clash): the attendee row is kept, as it carries agency and role.
    session.add_all(
        m.CoreGroupMember(
            plan_id=pid,
            position=i,
            attendee_id=att.get(k),
            person_id=None if k in att else person_ids[k],
        )
        for i, k in enumerate(plan_doc.core_group)
    )
    actions = [
        m.PlanAction(
            plan_id=pid,
            position=i,
            what=a.what,
            who=a.who,
            by=a.by,
            key_safeguarding=a.key_safeguarding,
            status=a.status,
            confidential=a.confidential,
        )
        for i, a in enumerate(plan_doc.actions)
    ]
    session.add_all(actions)
    session.flush()
    for a_doc, a_row in zip(plan_doc.actions, actions, strict=True):
        session.add_all(
            _links(m.PlanActionChild, "action_id", a_row.id, [kids[k] for k in a_doc.children])
        )  # type: ignore[arg-type]
