"""The caseload in brief: a few set-based queries, however many cases there are."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from cpchair import models as m


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
    review_due: dt.date | None = None  # set by the plan of the last concluded conference


def summarise_cases(session: Session) -> list[CaseSummary]:
    cases = session.exec(select(m.Case).order_by(col(m.Case.reference))).all()
    kids: dict[int, list[ChildBrief]] = defaultdict(list)
    for c in session.exec(select(m.Child).order_by(col(m.Child.case_id), col(m.Child.position))):
        kids[c.case_id].append(
            ChildBrief(c.first_name, c.date_of_birth, c.expected_birth_date, c.subject)
        )
    confs: dict[int, list[tuple[m.Conference, dt.date | None]]] = defaultdict(list)
    rows = session.exec(
        select(m.Conference, m.Plan.review_conference)
        .join(m.Plan, col(m.Plan.conference_id) == m.Conference.id, isouter=True)
        .order_by(col(m.Conference.case_id), col(m.Conference.date), col(m.Conference.position))
    )
    for conf, review in rows:
        confs[conf.case_id].append((conf, review))

    out = []
    for case in cases:
        upcoming = [c for c, _ in confs[case.id] if c.status != "concluded"]  # type: ignore[index]
        concluded = [(c, r) for c, r in confs[case.id] if c.status == "concluded"]  # type: ignore[index]
        nxt = upcoming[0] if upcoming else None
        last = concluded[-1] if concluded else None
        out.append(
            CaseSummary(
                reference=case.reference,
                family_name=case.family_name,
                children=kids[case.id],  # type: ignore[index]
                next_conference=ConferenceBrief(nxt.kind, nxt.date, nxt.status) if nxt else None,
                last_conference=(
                    ConferenceBrief(last[0].kind, last[0].date, last[0].status) if last else None
                ),
                review_due=last[1] if last else None,
            )
        )
    return out
