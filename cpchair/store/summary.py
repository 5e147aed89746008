"""The caseload in brief: a few set-based queries, however many cases there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

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
    # The conferences that made (or continued) a plan: a plan in force is all the review
    # owed after them asks of their decisions (flags.plan_in_force).
    with_plan = set(
        session.exec(select(m.Decision.conference_id).where(col(m.Decision.outcome) == "plan"))
    )

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
                    _review_due(case, child_rows[case_id], last)
                    if last and last[0].id in with_plan
                    else None
                ),
            )
        )
    return out


def _review_due(
    case: m.Case, children: list[m.Child], last: tuple[m.Conference, dt.date | None]
) -> dt.date:
    """The review owed after the last concluded conference, which put a plan in force: by the
    rules the caseload flags use (`flags.review_due_by`), asked of the rows themselves."""
    from cpchair.rules.flags import birth_after, review_due, review_limit
    from cpchair.rules.profiles import profile_for

    conf, set_by_plan = last
    birth = birth_after(children, conf.date)
    profile = profile_for(case.profile)
    return review_due(review_limit(conf.kind, conf.date, conf.trigger_date, birth, profile),
                      set_by_plan)  # fmt: skip
