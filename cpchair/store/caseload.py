"""The caseload page: filtered, sorted and paged in SQL, flagged by the rules.

A chair with thousands of cases still sees the first screenful at once: only one page of cases
is read, and the few parts of each case that the flags look at (conferences, the next
conference's invitations, decisions and the plan's review date) come in a handful of batch
queries, whatever the page size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, String, cast, exists, func, or_
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.schema import (
    AttendeeDoc,
    CaseDoc,
    ChildDoc,
    ConferenceDoc,
    DecisionDoc,
    EscalationDoc,
    PlanDoc,
    SocialWorker,
)
from cpchair.rules.flags import Flag, case_flags, review_due_by
from cpchair.rules.profiles import ProfileError, load_profile
from cpchair.store.summary import ChildBrief, ConferenceBrief

Sort = Literal["next", "reference", "family"]
SORTS: tuple[Sort, ...] = ("next", "reference", "family")


@dataclass(frozen=True)
class CaseRow:
    reference: str
    family_name: str
    children: tuple[ChildBrief, ...]
    next_conference: ConferenceBrief | None
    review_due: dt.date | None
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class CaseloadPage:
    rows: list[CaseRow]
    matching: int  # cases that match the filter
    total: int  # cases held


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matches(text: str) -> ColumnElement[bool]:
    pattern = _like(text.strip())
    child = exists().where(
        m.Child.case_id == m.Case.id,
        or_(
            col(m.Child.first_name).ilike(pattern, escape="\\"),
            col(m.Child.last_name).ilike(pattern, escape="\\"),
            (cast(m.Child.first_name, String) + " " + m.Child.last_name).ilike(
                pattern, escape="\\"
            ),
        ),
    )
    return or_(
        col(m.Case.reference).ilike(pattern, escape="\\"),
        col(m.Case.family_name).ilike(pattern, escape="\\"),
        child,
    )


def caseload_page(
    session: Session,
    text: str = "",
    sort: Sort = "next",
    limit: int = 100,
    offset: int = 0,
    today: dt.date | None = None,
) -> CaseloadPage:
    today = today or dt.date.today()
    where = _matches(text) if text.strip() else None
    total = session.exec(select(func.count()).select_from(m.Case)).one()
    matching = (
        total
        if where is None
        else session.exec(select(func.count()).select_from(m.Case).where(where)).one()
    )
    next_date = (
        select(func.min(m.Conference.date))
        .where(m.Conference.case_id == m.Case.id, m.Conference.status != "concluded")
        .scalar_subquery()
    )
    order: list[Any] = {
        "next": [next_date.is_(None), next_date, col(m.Case.reference)],
        "reference": [col(m.Case.reference)],
        "family": [func.lower(m.Case.family_name), col(m.Case.reference)],
    }[sort]
    query = select(m.Case).order_by(*order).limit(limit).offset(offset)
    if where is not None:
        query = query.where(where)
    cases = list(session.exec(query))
    docs = _light_docs(session, cases)
    rows = []
    for case in cases:
        doc = docs[case.id]  # type: ignore[index]
        profile = _profile(case.profile)
        upcoming = next((c for c in doc.conferences if c.status != "concluded"), None)
        rows.append(
            CaseRow(
                reference=case.reference,
                family_name=case.family_name,
                children=tuple(
                    ChildBrief(c.first_name, c.date_of_birth, c.expected_birth_date, c.subject)
                    for c in doc.children
                ),
                next_conference=(
                    ConferenceBrief(upcoming.kind, upcoming.date, upcoming.status)
                    if upcoming
                    else None
                ),
                review_due=review_due_by(doc, profile),
                flags=case_flags(doc, profile, today),
            )
        )
    return CaseloadPage(rows, matching, total)


def _profile(name: str) -> Any:
    try:
        return load_profile(name)
    except ProfileError:  # a profile file removed since the case was written
        return load_profile("england")


def _grouped(rows: Any, attr: str) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        out[getattr(row, attr)].append(row)
    return out


def _light_docs(session: Session, cases: list[m.Case]) -> dict[int, CaseDoc]:
    """Just enough of each case for the flags; built without validation (read from the store)."""
    ids = [c.id for c in cases]
    children = _grouped(
        session.exec(
            select(m.Child).where(col(m.Child.case_id).in_(ids)).order_by(col(m.Child.position))
        ),
        "case_id",
    )
    confs = _grouped(
        session.exec(
            select(m.Conference)
            .where(col(m.Conference.case_id).in_(ids))
            .order_by(col(m.Conference.position))
        ),
        "case_id",
    )
    all_confs = [c for v in confs.values() for c in v]
    open_ids = [c.id for c in all_confs if c.status != "concluded"]
    conf_ids = [c.id for c in all_confs]
    child_key = {c.id: c.key for v in children.values() for c in v}
    attendees = list(
        session.exec(select(m.Attendee).where(col(m.Attendee.conference_id).in_(open_ids)))
    )
    contacts = _grouped(
        session.exec(
            select(m.DirectContact).where(
                col(m.DirectContact.attendee_id).in_([a.id for a in attendees])
            )
        ),
        "attendee_id",
    )
    by_conf_attendees = _grouped(attendees, "conference_id")
    decisions = _grouped(
        session.exec(select(m.Decision).where(col(m.Decision.conference_id).in_(conf_ids))),
        "conference_id",
    )
    reviews = dict(
        session.exec(
            select(m.Plan.conference_id, m.Plan.review_conference).where(
                col(m.Plan.conference_id).in_(conf_ids)
            )
        ).all()
    )

    def conference(c: m.Conference) -> ConferenceDoc:
        return ConferenceDoc.model_construct(
            key=c.key, kind=c.kind, date=c.date, status=c.status, trigger_date=c.trigger_date,
            chair=c.chair, quorum_override=c.quorum_override,
            escalation=(
                EscalationDoc.model_construct(
                    due_by=c.escalation_due_by, notified_at=c.escalation_notified_at
                )
                if c.escalation_due_by
                else None
            ),
            attendees=[
                AttendeeDoc.model_construct(
                    key=a.key, agency=a.agency, attendance=a.attendance, votes=a.votes,
                    report_received=a.report_received,
                    report_shared_with_family=a.report_shared_with_family, left=a.left,
                    direct_contact=[child_key[d.child_id] for d in contacts.get(a.id, [])],
                )
                for a in by_conf_attendees.get(c.id, [])  # type: ignore[arg-type]
            ],
            decisions=[
                DecisionDoc.model_construct(child=child_key.get(d.child_id), outcome=d.outcome)
                for d in decisions.get(c.id, [])  # type: ignore[arg-type]
            ],
            plan=(
                PlanDoc.model_construct(review_conference=reviews[c.id])
                if c.id in reviews
                else None
            ),
        )  # fmt: skip

    return {
        case.id: CaseDoc.model_construct(  # type: ignore[misc]
            reference=case.reference,
            family_name=case.family_name,
            profile=case.profile,
            lead_social_worker=SocialWorker.model_construct(name=case.lead_social_worker),
            children=[
                ChildDoc.model_construct(
                    key=c.key,
                    first_name=c.first_name,
                    last_name=c.last_name,
                    date_of_birth=c.date_of_birth,
                    expected_birth_date=c.expected_birth_date,
                    subject=c.subject,
                )
                for c in children.get(case.id, [])  # type: ignore[arg-type]
            ],
            conferences=[conference(c) for c in confs.get(case.id, [])],  # type: ignore[arg-type]
        )
        for case in cases
    }
