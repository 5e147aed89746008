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

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.printable import printable
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
from cpchair.rules.flags import Flag, case_flags
from cpchair.rules.profiles import profile_for
from cpchair.store.summary import ChildBrief, ConferenceBrief

Sort = Literal["next", "reference", "family"]
SORTS: tuple[Sort, ...] = ("next", "reference", "family")


@dataclass(frozen=True)
class CaseRow:
    reference: str
    family_name: str
    children: tuple[ChildBrief, ...]
    next_conference: ConferenceBrief | None
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class CaseloadPage:
    rows: list[CaseRow]
    matching: int  # cases that match the filter
    total: int  # cases held


def _matches(text: str) -> ColumnElement[bool]:
    """Every word typed appears somewhere in the reference, family or children's names."""
    clauses = []
    for word in text.lower().split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(col(m.Case.search).like(f"%{escaped}%", escape="\\"))
    return and_(*clauses)


RowCache = dict[tuple[int, dt.datetime, dt.date], "CaseRow"]
_CACHE_LIMIT = 20_000


def caseload_page(
    session: Session,
    text: str = "",
    sort: Sort = "next",
    limit: int = 100,
    offset: int = 0,
    today: dt.date | None = None,
    cache: RowCache | None = None,
) -> CaseloadPage:
    """One page of the caseload. `cache` keeps rows between calls: a row is rebuilt only when
    its case was written since (every write moves `updated_at`) or the day has changed."""
    today = today or dt.date.today()
    cache = {} if cache is None else cache
    where = _matches(text) if text.strip() else None
    total = session.exec(select(func.count()).select_from(m.Case)).one()
    matching = (
        total
        if where is None
        else session.exec(select(func.count()).select_from(m.Case).where(where)).one()
    )
    first_due = col(m.Case.first_due)
    order: list[Any] = {
        # An overdue review is the most urgent thing there is, so it sorts first, not last.
        "next": [first_due.is_(None), first_due, col(m.Case.reference)],
        "reference": [col(m.Case.reference)],
        "family": [func.lower(m.Case.family_name), col(m.Case.reference)],
    }[sort]
    query = select(m.Case).order_by(*order).limit(limit).offset(offset)
    if where is not None:
        query = query.where(where)
    cases = list(session.exec(query))
    keys = {case.id: (case.id, case.updated_at, today) for case in cases}
    missing = [case for case in cases if keys[case.id] not in cache]
    if len(cache) + len(missing) > _CACHE_LIMIT:
        cache.clear()
    docs = _light_docs(session, missing)
    for case in missing:
        cache[keys[case.id]] = _row(case, docs[case.id], today)  # type: ignore[index]
    return CaseloadPage([cache[keys[case.id]] for case in cases], matching, total)


def _row(case: m.Case, doc: CaseDoc, today: dt.date) -> CaseRow:
    upcoming = next((c for c in doc.conferences if c.status != "concluded"), None)
    return CaseRow(
        reference=printable(case.reference),  # text to show: see store/read.py
        family_name=printable(case.family_name),
        children=tuple(
            ChildBrief(printable(c.first_name), c.date_of_birth, c.expected_birth_date, c.subject)
            for c in doc.children
        ),
        next_conference=(
            ConferenceBrief(upcoming.kind, upcoming.date, upcoming.status) if upcoming else None
        ),
        flags=case_flags(doc, profile_for(case.profile), today),
    )


def _grouped(rows: Any, attr: str) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        out[getattr(row, attr)].append(row)
    return out


def _light_docs(session: Session, cases: list[m.Case]) -> dict[int, CaseDoc]:
    """Just enough of each case for the flags, read as plain rows (no ORM objects: a page of
    cases is a few hundred rows) and built without validation, since the store wrote them."""
    ids = [c.id for c in cases]
    children = _grouped(
        session.execute(
            select(m.Child.case_id, m.Child.id, m.Child.key, m.Child.first_name,
                   m.Child.last_name, m.Child.date_of_birth, m.Child.expected_birth_date,
                   m.Child.subject)
            .where(col(m.Child.case_id).in_(ids))
            .order_by(col(m.Child.position))
        ),
        "case_id",
    )  # fmt: skip
    confs = _grouped(
        session.execute(
            select(m.Conference.case_id, m.Conference.id, m.Conference.key, m.Conference.kind,
                   m.Conference.date, m.Conference.status, m.Conference.trigger_date,
                   m.Conference.chair, m.Conference.quorum_override,
                   m.Conference.escalation_due_by, m.Conference.escalation_notified_at)
            .where(col(m.Conference.case_id).in_(ids))
            .order_by(col(m.Conference.position))
        ),
        "case_id",
    )  # fmt: skip
    all_confs = [c for v in confs.values() for c in v]
    open_ids = [c.id for c in all_confs if c.status != "concluded"]
    conf_ids = [c.id for c in all_confs]
    child_key = {c.id: c.key for v in children.values() for c in v}
    attendees = session.execute(
        select(m.Attendee.conference_id, m.Attendee.id, m.Attendee.key, m.Attendee.agency,
               m.Attendee.attendance, m.Attendee.votes, m.Attendee.report_received,
               m.Attendee.report_shared_with_family, m.Attendee.left)
        .where(col(m.Attendee.conference_id).in_(open_ids))
        .order_by(col(m.Attendee.position))
    ).all()  # fmt: skip
    contacts: dict[int, list[str]] = defaultdict(list)
    for attendee_id, child_id in session.execute(
        select(m.DirectContact.attendee_id, m.DirectContact.child_id)
        .where(col(m.DirectContact.attendee_id).in_([a.id for a in attendees]))
        .order_by(col(m.DirectContact.position))
    ):
        contacts[attendee_id].append(child_key[child_id])
    by_conf_attendees = _grouped(attendees, "conference_id")
    decisions = _grouped(
        session.execute(
            select(m.Decision.conference_id, m.Decision.child_id, m.Decision.outcome).where(
                col(m.Decision.conference_id).in_(conf_ids)
            )
        ),
        "conference_id",
    )
    reviews = dict(
        session.execute(
            select(m.Plan.conference_id, m.Plan.review_conference).where(
                col(m.Plan.conference_id).in_(conf_ids)
            )
        ).all()
    )

    def conference(c: Any) -> ConferenceDoc:
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
                    direct_contact=contacts.get(a.id, []),
                )
                for a in by_conf_attendees.get(c.id, [])
            ],
            decisions=[
                DecisionDoc.model_construct(child=child_key.get(d.child_id), outcome=d.outcome)
                for d in decisions.get(c.id, [])
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
