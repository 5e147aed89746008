"""The caseload in brief: a few set-based queries, however many cases there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.caseio.schema import (
    CaseDoc,
    ChildDoc,
    ConferenceDoc,
    DecisionDoc,
    PlanDoc,
    SocialWorker,
)
from cpchair.vocab import FORMAT, ConferenceKind, Method


@dataclass(frozen=True)
class ChildBrief:
    first_name: str
    date_of_birth: dt.date | None
    expected_birth_date: dt.date | None
    subject: bool


@dataclass(frozen=True)
class ConferenceBrief:
    kind: str
    date: dt.date
    status: str


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    family_name: str
    children: list[ChildBrief] = field(default_factory=list)
    next_conference: ConferenceBrief | None = None  # the first one not yet concluded
    last_conference: ConferenceBrief | None = None
    # While a plan is in force: the earlier of the review date the last concluded conference's
    # plan set and the profile's limit (a date set later never moves the limit).
    review_due: dt.date | None = None


def summarise_cases(session: Session) -> list[CaseSummary]:
    cases = session.exec(select(m.Case).order_by(col(m.Case.reference))).all()
    kids: dict[int, list[ChildBrief]] = defaultdict(list)
    child_rows: dict[int, list[m.Child]] = defaultdict(list)
    for c in session.exec(select(m.Child).order_by(col(m.Child.case_id), col(m.Child.position))):
        child_rows[c.case_id].append(c)
        kids[c.case_id].append(
            ChildBrief(printable(c.first_name), c.date_of_birth, c.expected_birth_date, c.subject)
        )
    confs: dict[int, list[tuple[m.Conference, dt.date | None]]] = defaultdict(list)
    rows = session.exec(
        select(m.Conference, col(m.Plan.review_conference))
        .join(m.Plan, col(m.Plan.conference_id) == m.Conference.id, isouter=True)
        .order_by(col(m.Conference.case_id), col(m.Conference.date), col(m.Conference.position))
    )
    for conf, review in rows:
        confs[conf.case_id].append((conf, review))
    # The decisions of a plan, per conference: all the flags need of a conference's decisions.
    plans: dict[int, list[DecisionDoc]] = defaultdict(list)
    for conf_id, child, method in session.exec(
        select(m.Decision.conference_id, m.Child.key, m.Decision.method)
        .join(m.Child, col(m.Child.id) == m.Decision.child_id)
        .where(col(m.Decision.outcome) == "plan")
        .order_by(col(m.Decision.conference_id), col(m.Decision.position))
    ):
        # Checked by the format's rules on the way in (see store/read.py).
        decision = DecisionDoc.model_construct(
            child=child, outcome="plan", method=cast(Method, method)
        )
        plans[conf_id].append(decision)

    out = []
    for case in cases:
        case_id = m.stored(case.id)
        upcoming = [c for c, _ in confs[case_id] if c.status != "concluded"]
        concluded = [(c, r) for c, r in confs[case_id] if c.status == "concluded"]
        nxt = upcoming[0] if upcoming else None
        last = concluded[-1] if concluded else None
        out.append(
            CaseSummary(
                reference=printable(case.reference),  # text to show: see store/read.py
                family_name=printable(case.family_name),
                children=kids[case_id],
                next_conference=ConferenceBrief(nxt.kind, nxt.date, nxt.status) if nxt else None,
                last_conference=(
                    ConferenceBrief(last[0].kind, last[0].date, last[0].status) if last else None
                ),
                review_due=(
                    _review_due(
                        case, child_rows[case_id], last, plans.get(m.stored(last[0].id), [])
                    )
                    if last
                    else None
                ),
            )
        )
    return out


def _review_due(
    case: m.Case,
    children: list[m.Child],
    last: tuple[m.Conference, dt.date | None],
    decisions: list[DecisionDoc],
) -> dt.date | None:
    """The review owed after the last concluded conference, by the rules the caseload flags use
    (`flags.review_due_by`), from the little the summary has read: the rows were checked by the
    format's rules on their way in, so they are not checked again."""
    from cpchair.rules.flags import review_due_by
    from cpchair.rules.profiles import profile_for

    conf, review = last
    doc = CaseDoc.model_construct(
        format=FORMAT, reference=case.reference, family_name=case.family_name,
        profile=case.profile,
        lead_social_worker=SocialWorker.model_construct(
            name=case.lead_social_worker, team=case.lead_social_worker_team
        ),
        children=[
            ChildDoc.model_construct(key=c.key, first_name=c.first_name, last_name=c.last_name,
                                     date_of_birth=c.date_of_birth,
                                     expected_birth_date=c.expected_birth_date, subject=c.subject)
            for c in children
        ],
        conferences=[
            ConferenceDoc.model_construct(
                key=conf.key, kind=cast(ConferenceKind, conf.kind), date=conf.date,
                chair=conf.chair, status="concluded", trigger_date=conf.trigger_date,
                decisions=decisions, plan=PlanDoc.model_construct(review_conference=review),
            )
        ],
    )  # fmt: skip
    return review_due_by(doc, profile_for(case.profile))
