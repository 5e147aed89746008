"""Reading a whole case back out of the tables as a CaseDoc, one query per table.

The documents are built without validation (`model_construct`): every row was checked by the
format's rules on its way in, and reading is on the path of every redraw of the meeting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col

from cpchair import models as m
from cpchair.caseio.printable import has_control, printable
from cpchair.caseio.schema import (
    ActionDoc,
    AdvocateNotUsedDoc,
    AttendeeDoc,
    CaseDoc,
    ChildDoc,
    ConferenceDoc,
    DangerStatementDoc,
    DecisionDoc,
    DissentDoc,
    EscalationDoc,
    ExclusionDoc,
    IncidentDoc,
    MappingEntryDoc,
    PersonDoc,
    PlanDoc,
    ReopeningDoc,
    SafetyGoalDoc,
    ScalingDoc,
    ScoreDoc,
    SocialWorker,
    ViewDoc,
    ViewNotGivenDoc,
    VoteDoc,
)
from cpchair.vocab import FORMAT


def _rows(session: Session, table: type[SQLModel], column: Any, ids: Iterable[int]) -> list[Any]:
    """The rows of a table, as text to show: see _shown."""
    ids = list(ids)
    if not ids:
        return []
    # Position, then id: a row's index in its list is how the live screens address it.
    fields = table.model_fields  # type: ignore[attr-defined]
    order = [col(table.position)] if "position" in fields else []  # type: ignore[attr-defined]
    if "id" in fields:
        order.append(col(table.id))  # type: ignore[attr-defined]
    # Plain rows, not ORM objects: a case is read whole on every change the wall sees, and
    # building hundreds of tracked instances cost most of that read.
    query = sa_select(table.__table__).where(col(column).in_(ids)).order_by(*order)  # type: ignore[attr-defined]
    return [_shown(row) for row in session.connection().execute(query)]


def _shown(row: Any) -> Any:
    """A row whose text holds a control character (a terminal escape, a bell: held from
    before the import refused them, or written by another program) comes back without it,
    so that no screen, document or export is handed one. New lines and tabs stay; keys,
    which address rows, stay as held. Nearly every row has none and is passed on as read."""
    if not any(isinstance(v, str) and has_control(v) for v in row):
        return row
    return SimpleNamespace(
        **{
            name: printable(v) if isinstance(v, str) and name != "key" else v
            for name, v in row._asdict().items()
        }
    )


def _group(rows: list[Any], attr: str) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        out[getattr(row, attr)].append(row)
    return out


def load_case_doc(session: Session, case: m.Case, only: int | None = None) -> CaseDoc:
    """The whole case; with `only` (a conference id), the case with that conference alone,
    for a view that shows one conference and is read again on every change (the wall)."""
    children = _rows(session, m.Child, m.Child.case_id, [case.id])  # type: ignore[list-item]
    people = _rows(session, m.Person, m.Person.case_id, [case.id])  # type: ignore[list-item]
    confs = _rows(session, m.Conference, m.Conference.case_id, [case.id])  # type: ignore[list-item]
    if only is not None:
        confs = [c for c in confs if c.id == only]
    child_key = {c.id: c.key for c in children}
    person_key = {p.id: p.key for p in people}
    conf_ids = [c.id for c in confs]

    by_conf = {
        name: _group(_rows(session, table, table.conference_id, conf_ids), "conference_id")
        for name, table in {
            "attendees": m.Attendee,
            "exclusions": m.Exclusion,
            "views": m.View,
            "not_given": m.ViewNotGiven,
            "no_advocate": m.AdvocateNotUsed,
            "incidents": m.Incident,
            "mapping": m.MappingEntry,
            "statements": m.DangerStatement,
            "goals": m.SafetyGoal,
            "scaling": m.Scaling,
            "scores": m.Score,
            "votes": m.Vote,
            "decisions": m.Decision,
            "plan": m.Plan,
            "reopened": m.Reopening,
        }.items()
    }
    att_rows = [a for rows in by_conf["attendees"].values() for a in rows]
    att_key = {a.id: a.key for a in att_rows}
    ds_key = {d.id: d.key for rows in by_conf["statements"].values() for d in rows}

    def kids(table: type[SQLModel], owner: str, ids: list[int]) -> dict[int, list[str]]:
        grouped = _group(_rows(session, table, getattr(table, owner), ids), owner)
        return {k: [child_key[r.child_id] for r in v] for k, v in grouped.items()}

    contacts = kids(m.DirectContact, "attendee_id", list(att_key))
    entry_kids = kids(
        m.MappingEntryChild, "entry_id", [e.id for v in by_conf["mapping"].values() for e in v]
    )
    ds_kids = kids(m.DangerStatementChild, "statement_id", list(ds_key))
    goal_kids = kids(
        m.SafetyGoalChild, "goal_id", [g.id for v in by_conf["goals"].values() for g in v]
    )
    dec_ids = [d.id for v in by_conf["decisions"].values() for d in v]
    categories = _group(
        _rows(session, m.DecisionCategory, m.DecisionCategory.decision_id, dec_ids), "decision_id"
    )
    dissents = _group(_rows(session, m.Dissent, m.Dissent.decision_id, dec_ids), "decision_id")
    plans = {p.conference_id: p for v in by_conf["plan"].values() for p in v}
    plan_parts = _plan_parts(session, [p.id for p in plans.values()], child_key)

    conferences = []
    for conf in confs:
        get = lambda name: by_conf[name].get(conf.id, [])  # noqa: E731, B023
        scaling_rows = get("scaling")
        conferences.append(
            ConferenceDoc.model_construct(
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
                attendees=[
                    AttendeeDoc.model_construct(
                        key=a.key,
                        name=a.name,
                        role=a.role,
                        agency=a.agency,
                        person=person_key.get(a.person_id),
                        attendance=a.attendance,
                        votes=a.votes,
                        direct_contact=contacts.get(a.id, []),
                        report_received=a.report_received,
                        report_shared_with_family=a.report_shared_with_family,
                        arrived=a.arrived,
                        left=a.left,
                        contact=a.contact,
                        absence_reason=a.absence_reason,
                    )
                    for a in get("attendees")
                ],
                confidentiality_statement_read=conf.confidentiality_statement_read,
                quorum_override=conf.quorum_override,
                escalation=EscalationDoc.model_construct(
                    due_by=conf.escalation_due_by,
                    notified_at=conf.escalation_notified_at,
                    to=conf.escalation_to,
                )
                if conf.escalation_due_by
                else None,
                exclusions=[
                    ExclusionDoc.model_construct(
                        attendee=att_key[e.attendee_id],
                        scope=e.scope,
                        reason=e.reason,
                        from_stage=e.from_stage,
                        to_stage=e.to_stage,
                        record=e.record,
                    )
                    for e in get("exclusions")
                ],
                views=[
                    ViewDoc.model_construct(
                        whose=child_key[v.child_id] if v.child_id else person_key[v.person_id],
                        how=v.how,
                        summary=v.summary,
                        confidential=v.confidential,
                    )
                    for v in get("views")
                ],
                views_not_given=[
                    ViewNotGivenDoc.model_construct(
                        whose=child_key[v.child_id] if v.child_id else person_key[v.person_id],
                        reason=v.reason,
                    )
                    for v in get("not_given")
                ],
                advocate_not_used=[
                    AdvocateNotUsedDoc.model_construct(child=child_key[v.child_id], reason=v.reason)
                    for v in get("no_advocate")
                ],
                incidents=[
                    IncidentDoc.model_construct(
                        which=i.which, date=i.date, text=i.text, confidential=i.confidential
                    )
                    for i in get("incidents")
                ],
                mapping=[
                    MappingEntryDoc.model_construct(
                        column=e.column,
                        text=e.text,
                        nature=e.nature,
                        source=att_key.get(e.source_id),
                        confidential=e.confidential,
                        children=entry_kids.get(e.id, []),
                    )
                    for e in get("mapping")
                ],
                danger_statements=[
                    DangerStatementDoc.model_construct(
                        key=d.key, text=d.text, children=ds_kids.get(d.id, [])
                    )
                    for d in get("statements")
                ],
                safety_goals=[
                    SafetyGoalDoc.model_construct(
                        danger_statement=ds_key.get(g.statement_id),
                        text=g.text,
                        children=goal_kids.get(g.id, []),
                    )
                    for g in get("goals")
                ],
                scaling=ScalingDoc.model_construct(
                    question=scaling_rows[0].question,
                    polarity=scaling_rows[0].polarity,
                    independent=scaling_rows[0].independent,
                    overall=scaling_rows[0].overall,
                    scores=[
                        ScoreDoc.model_construct(
                            attendee=att_key[s.attendee_id],
                            score=s.score,
                            reason=s.reason,
                            child=child_key.get(s.child_id),
                            danger_statement=ds_key.get(s.statement_id),
                            confidential=s.confidential,
                        )
                        for s in get("scores")
                    ],
                )
                if scaling_rows
                else None,
                votes=[
                    VoteDoc.model_construct(
                        attendee=att_key[v.attendee_id],
                        child=child_key[v.child_id],
                        vote=v.vote,
                        reason=v.reason,
                        confidential=v.confidential,
                    )
                    for v in get("votes")
                ],
                decisions=[
                    DecisionDoc.model_construct(
                        child=child_key[d.child_id],
                        outcome=d.outcome,
                        categories=[c.category for c in categories.get(d.id, [])],
                        method=d.method,
                        rationale=d.rationale,
                        dissents=[
                            DissentDoc.model_construct(
                                attendee=att_key[x.attendee_id], reason=x.reason
                            )
                            for x in dissents.get(d.id, [])
                        ],
                        ending_criterion=d.ending_criterion,
                    )
                    for d in get("decisions")
                ],
                plan=_plan_doc(plans[conf.id], plan_parts, att_key, person_key)
                if conf.id in plans
                else None,
                reopened=[
                    ReopeningDoc.model_construct(at=r.at, reason=r.reason) for r in get("reopened")
                ],
            )
        )

    team = case.lead_social_worker_team
    return CaseDoc.model_construct(
        format=FORMAT,
        reference=printable(case.reference),  # the case's own row: as text to show, too
        family_name=printable(case.family_name),
        profile=case.profile,
        lead_social_worker=SocialWorker.model_construct(
            name=printable(case.lead_social_worker), team=None if team is None else printable(team)
        ),
        children=[
            ChildDoc.model_construct(
                key=c.key,
                first_name=c.first_name,
                last_name=c.last_name,
                date_of_birth=c.date_of_birth,
                expected_birth_date=c.expected_birth_date,
                sex=c.sex,
                subject=c.subject,
                interpreter_language=c.interpreter_language,
            )
            for c in children
        ],
        people=[
            PersonDoc.model_construct(
                key=p.key,
                name=p.name,
                relationship=p.relationship,
                parental_responsibility=p.parental_responsibility,
                contact_confidential=p.contact_confidential,
                contact=p.contact,
                no_contact=p.no_contact,
                interpreter_language=p.interpreter_language,
            )
            for p in people
        ],
        conferences=conferences,
    )


def _plan_parts(session: Session, plan_ids: list[int], child_key: dict[int, str]) -> dict[str, Any]:
    actions = _group(_rows(session, m.PlanAction, m.PlanAction.plan_id, plan_ids), "plan_id")
    action_ids = [a.id for v in actions.values() for a in v]
    action_kids = _group(
        _rows(session, m.PlanActionChild, m.PlanActionChild.action_id, action_ids), "action_id"
    )
    return {
        "outcomes": _group(
            _rows(session, m.PlanOutcome, m.PlanOutcome.plan_id, plan_ids), "plan_id"
        ),
        "recommendations": _group(
            _rows(session, m.PlanRecommendation, m.PlanRecommendation.plan_id, plan_ids), "plan_id"
        ),
        "core": _group(
            _rows(session, m.CoreGroupMember, m.CoreGroupMember.plan_id, plan_ids), "plan_id"
        ),
        "actions": actions,
        "action_kids": {k: [child_key[r.child_id] for r in v] for k, v in action_kids.items()},
    }


def _plan_doc(
    plan: m.Plan, parts: dict[str, Any], att_key: dict[int, str], person_key: dict[int, str]
) -> PlanDoc:
    return PlanDoc.model_construct(
        outcomes=[o.text for o in parts["outcomes"].get(plan.id, [])],
        actions=[
            ActionDoc.model_construct(
                what=a.what,
                who=a.who,
                by=a.by,
                children=parts["action_kids"].get(a.id, []),
                key_safeguarding=a.key_safeguarding,
                status=a.status,
                confidential=a.confidential,
            )
            for a in parts["actions"].get(plan.id, [])
        ],
        core_group=[
            att_key[c.attendee_id] if c.attendee_id else person_key[c.person_id]
            for c in parts["core"].get(plan.id, [])
        ],
        first_core_group=plan.first_core_group,
        first_visit=plan.first_visit,
        review_conference=plan.review_conference,
        contingency=plan.contingency,
        visiting=plan.visiting,
        recommendations=[r.text for r in parts["recommendations"].get(plan.id, [])],
        embassy_notification=plan.embassy_notification,
    )
