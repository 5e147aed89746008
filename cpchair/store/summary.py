"""The caseload in brief: a few set-based queries, however many cases there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.caseio.schema import CaseDoc, ChildDoc, ConferenceDoc, DecisionDoc, PlanDoc


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
    for c in session.exec(select(m.Child).order_by(col(m.Child.case_id), col(m.Child.position))):
        kids[c.case_id].append(
            ChildBrief(printable(c.first_name), c.date_of_birth, c.expected_birth_date, c.subject)
        )
    confs: dict[int, list[tuple[m.Conference, dt.date | None]]] = defaultdict(list)
    rows = session.exec(
        select(m.Conference, m.Plan.review_conference)
        .join(m.Plan, col(m.Plan.conference_id) == m.Conference.id, isouter=True)
        .order_by(col(m.Conference.case_id), col(m.Conference.date), col(m.Conference.position))
    )
    for conf, review in rows:
        confs[conf.case_id].append((conf, review))
    with_plan = set(
        session.exec(
            select(m.Decision.conference_id).where(col(m.Decision.outcome) == "plan").distinct()
        )
    )

    out = []
    for case in cases:
        upcoming = [c for c, _ in confs[case.id] if c.status != "concluded"]  # type: ignore[index]
        concluded = [(c, r) for c, r in confs[case.id] if c.status == "concluded"]  # type: ignore[index]
        nxt = upcoming[0] if upcoming else None
        last = concluded[-1] if concluded else None
        out.append(
            CaseSummary(
                reference=printable(case.reference),  # text to show: see store/read.py
                family_name=printable(case.family_name),
                children=kids[case.id],  # type: ignore[index]
                next_conference=ConferenceBrief(nxt.kind, nxt.date, nxt.status) if nxt else None,
                last_conference=(
                    ConferenceBrief(last[0].kind, last[0].date, last[0].status) if last else None
                ),
                review_due=(
                    _review_due(case.profile, kids[case.id], last, last[0].id in with_plan)  # type: ignore[index]
                    if last
                    else None
                ),
            )
        )
    return out


def _review_due(
    profile: str,
    children: list[ChildBrief],
    last: tuple[m.Conference, dt.date | None],
    plan_in_force: bool,
) -> dt.date | None:
    """The review owed after the last concluded conference, by the rules the caseload flags use
    (`flags.review_due_by`), from the little the summary has read."""
    from cpchair.rules.flags import review_due_by
    from cpchair.rules.profiles import profile_for

    conf, review = last
    doc = CaseDoc.model_construct(
        children=[
            ChildDoc.model_construct(key=f"c{i}", date_of_birth=c.date_of_birth,
                                     expected_birth_date=c.expected_birth_date, subject=c.subject)
            for i, c in enumerate(children)
        ],
        conferences=[
            ConferenceDoc.model_construct(
                key="last", kind=conf.kind, date=conf.date, status="concluded",
                trigger_date=conf.trigger_date,
                decisions=[DecisionDoc.model_construct(outcome="plan")] if plan_in_force else [],
                plan=PlanDoc.model_construct(review_conference=review),
            )
        ],
    )  # fmt: skip
    return review_due_by(doc, profile_for(profile))
