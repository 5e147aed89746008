"""The caseload in brief: a few set-based queries, however many cases there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, select, true
from sqlmodel import Session, col

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.caseload_rows import ChildBrief, ConferenceBrief


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


def summarise_cases(session: Session, limit: int | None = None) -> list[CaseSummary]:
    """The cases in order of reference (the first `limit` of them, if given). Read as plain
    rows of the columns shown, not as table objects: building 25,000 of those for 5,000 cases
    was most of `cpchair cases`."""
    first = select(col(m.Case.id)).order_by(col(m.Case.reference)).limit(limit).scalar_subquery()

    def chosen(case_id: Any) -> ColumnElement[bool]:
        return true() if limit is None else col(case_id).in_(first)

    cases = session.execute(
        select(col(m.Case.id), col(m.Case.reference), col(m.Case.family_name), col(m.Case.profile))
        .where(chosen(m.Case.id))
        .order_by(col(m.Case.reference))
    ).all()
    kids: dict[int, list[ChildBrief]] = defaultdict(list)
    children = session.execute(
        select(
            col(m.Child.case_id),
            col(m.Child.first_name),
            col(m.Child.date_of_birth),
            col(m.Child.expected_birth_date),
            col(m.Child.subject),
        )
        .where(chosen(m.Child.case_id))
        .order_by(col(m.Child.case_id), col(m.Child.position))
    )
    for case_id, first_name, born, expected, subject in children:
        kids[case_id].append(ChildBrief(printable(first_name), born, expected, subject))
    confs: dict[int, list[Row[Any]]] = defaultdict(list)
    rows = session.execute(
        select(
            col(m.Conference.case_id),
            col(m.Conference.id),
            col(m.Conference.kind),
            col(m.Conference.date),
            col(m.Conference.status),
            col(m.Plan.review_conference),
        )
        .join(m.Plan, col(m.Plan.conference_id) == m.Conference.id, isouter=True)
        .where(chosen(m.Conference.case_id))
        .order_by(col(m.Conference.case_id), col(m.Conference.date), col(m.Conference.position))
    )
    for row in rows:
        confs[row.case_id].append(row)
    # The conferences that made (or continued) a plan: a plan in force is all the review
    # owed after them asks of their decisions (flags.plan_in_force).
    with_plan = set(
        session.scalars(
            select(col(m.Decision.conference_id)).where(col(m.Decision.outcome) == "plan")
        )
    )

    out = []
    for case in cases:
        upcoming = [c for c in confs[case.id] if c.status != "concluded"]
        concluded = [c for c in confs[case.id] if c.status == "concluded"]
        nxt = upcoming[0] if upcoming else None
        last = concluded[-1] if concluded else None
        out.append(
            CaseSummary(
                reference=printable(case.reference),  # text to show: see store/read.py
                family_name=printable(case.family_name),
                children=kids[case.id],
                next_conference=ConferenceBrief(nxt.kind, nxt.date, nxt.status) if nxt else None,
                last_conference=(
                    ConferenceBrief(last.kind, last.date, last.status) if last else None
                ),
                review_due=(
                    _review_due(case.profile, kids[case.id], last)
                    if last and last.id in with_plan
                    else None
                ),
            )
        )
    return out


def _review_due(profile_name: str, children: list[ChildBrief], last: Row[Any]) -> dt.date:
    """The review owed after the last concluded conference, which put a plan in force: by the
    rules the caseload flags use (`flags.review_due_by`), asked of the rows themselves."""
    from cpchair.rules.flags import birth_after, review_due, review_limit
    from cpchair.rules.profiles import profile_for

    birth = birth_after(children, last.date)
    profile = profile_for(profile_name)
    return review_due(review_limit(last.kind, last.date, birth, profile), last.review_conference)
