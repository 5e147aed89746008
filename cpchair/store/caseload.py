"""The caseload page: filtered, sorted and paged in SQL, flagged by the rules.

A chair with thousands of cases still sees the first screenful at once: only one page of cases
is read, and the few parts of each case that the flags look at (conferences, the next
conference's invitations, decisions and the plan's review date) come in a handful of batch
queries, whatever the page size.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from cpchair import models as m
from cpchair.caseio.printable import printable
from cpchair.caseio.schema import CaseDoc
from cpchair.caseload_rows import (
    CaseloadPage,
    CaseRow,
    ChildBrief,
    ConferenceBrief,
    MonthCounts,
    Sort,
)
from cpchair.rules import month
from cpchair.rules.flags import case_flags
from cpchair.rules.profiles import profile_for
from cpchair.store.entities import CASE
from cpchair.store.read import TreeReader


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
    orders: dict[Sort, list[Any]] = {
        # An overdue review is the most urgent thing there is, so it sorts first, not last.
        "next": [first_due.is_(None), first_due, col(m.Case.reference)],
        "reference": [col(m.Case.reference)],
        "family": [func.lower(m.Case.family_name), col(m.Case.reference)],
    }
    order = orders[sort]
    query = select(m.Case).order_by(*order).limit(limit).offset(offset)
    if where is not None:
        query = query.where(where)
    cases = list(session.exec(query))
    keys = [(m.stored(case.id), case.updated_at, today) for case in cases]
    # The page's rows are gathered here, not read back from `cache` at the end: two reads in
    # two threads (a filter's keys) share the cache, and the other may clear it meanwhile.
    found = {key: row for key in keys if (row := cache.get(key)) is not None}
    missing = [(case, key) for case, key in zip(cases, keys, strict=True) if key not in found]
    if len(cache) + len(missing) > _CACHE_LIMIT:
        cache.clear()
    docs = _light_docs(session, [case for case, _key in missing])
    for case, key in missing:
        found[key] = cache[key] = _row(case, docs[key[0]], today)
    return CaseloadPage([found[key] for key in keys], matching, total)


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


# What the flags look at (rules/flags.py), read for a page of cases at a time.
_LIGHT = CASE.only(
    {
        "": "reference family_name profile lead_social_worker children conferences",
        "children": "key first_name last_name date_of_birth expected_birth_date subject",
        "conferences": "key kind date status trigger_date chair quorum_override escalation"
        " attendees decisions plan",
        "conferences.attendees": "key agency attendance votes report_received"
        " report_shared_with_family left direct_contact",
        "conferences.decisions": "child outcome",
        "conferences.plan": "review_conference",
    },
    # Invitations matter only to a conference still to be held.
    when={"conferences.attendees": lambda conference: conference.status != "concluded"},
)


def _light_docs(session: Session, cases: list[m.Case]) -> dict[int, CaseDoc]:
    """Just enough of each case for the flags, read as plain rows (no ORM objects: a page of
    cases is a few hundred rows) and built without validation, since the store wrote them.
    The text is as held: the flags show none of it, and the rows strip it themselves."""
    reader = TreeReader(session, shown=None)
    for part in _LIGHT.parts:
        reader.fetch(part, cases)
    return {
        case.id: CaseDoc.model_construct(  # type: ignore[misc]
            **reader.fields(_LIGHT, case),
            **{part.field: reader.docs(part, case.id) for part in _LIGHT.parts},
        )
        for case in cases
    }


_MONTH_BATCH = 200  # cases read at a time for the month's count
DueCache = dict[tuple[int, dt.datetime, dt.date], "month.CaseDue"]


def caseload_month(session: Session, today: dt.date, cache: DueCache | None = None) -> MonthCounts:
    """What falls due this week and this month across the whole caseload, and what is
    overdue (rules/month.py). SQL finds the cases that could count from the indexed
    `first_due` (never later than the rules have anything due: store/index.py) and a few
    facts that count whatever the date; the rules then count those cases exactly.

    A count reads a batch of cases at a time and lets the app's own thread run between
    batches (it runs in a worker). `cache` keeps each case's part between counts, as
    `caseload_page`'s does its rows: after a change only the cases written since are read."""
    cache = {} if cache is None else cache
    names = session.exec(select(m.Case.profile).distinct()).all()
    horizon = month.horizon(today, [profile_for(name) for name in names])
    upcoming = and_(
        col(m.Conference.case_id) == col(m.Case.id), col(m.Conference.status) != "concluded"
    )
    shared = (  # a report shared with the family may be late whatever the conference's date
        select(m.Attendee.id)
        .join(m.Conference, col(m.Attendee.conference_id) == m.Conference.id)
        .where(upcoming, col(m.Attendee.report_shared_with_family).is_not(None))
        .exists()
    )
    escalation = (
        select(m.Conference.id)
        .where(
            col(m.Conference.case_id) == col(m.Case.id),
            col(m.Conference.escalation_due_by).is_not(None),
            col(m.Conference.escalation_notified_at).is_(None),
        )
        .exists()
    )
    birth = (
        select(m.Child.id)
        .where(
            col(m.Child.case_id) == col(m.Case.id),
            col(m.Child.subject),
            col(m.Child.date_of_birth).is_(None),
            col(m.Child.expected_birth_date) < today,
        )
        .exists()
    )
    found = select(m.Case.id, m.Case.updated_at).where(
        or_(col(m.Case.first_due) <= horizon, shared, escalation, birth)
    )
    keys = [(m.stored(case_id), updated, today) for case_id, updated in session.exec(found)]
    # Gathered here, not read back from `cache` at the end (see caseload_page).
    dues = {key: due for key in keys if (due := cache.get(key)) is not None}
    missing = [key for key in keys if key not in dues]
    if len(cache) + len(missing) > _CACHE_LIMIT:
        cache.clear()
    for start in range(0, len(missing), _MONTH_BATCH):
        batch = {key[0]: key for key in missing[start : start + _MONTH_BATCH]}
        cases = list(session.exec(select(m.Case).where(col(m.Case.id).in_(batch))))
        docs = _light_docs(session, cases)
        for c in cases:
            key = batch[m.stored(c.id)]
            dues[key] = cache[key] = month.case_due(
                docs[m.stored(c.id)], profile_for(c.profile), today
            )
        time.sleep(0.001)  # the GIL to the app's thread: keys typed meanwhile stay quick
    return month.count_month(dues.values(), today)
