"""The caseload's month as the store counts it (store/caseload.caseload_month): SQL picks the
cases that could count, the rules count them. Whatever SQL leaves out must be a case that
counts for nothing: the count must be the rules' over every case, on any day."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from cpchair.caseio.schema import CaseDoc
from cpchair.caseload_rows import MonthCounts as date_counts
from cpchair.rules.month import case_due, count_month
from cpchair.rules.profiles import load_profile
from cpchair.store import Store
from tests.unit.test_flags import CHILDREN, child, conference, person, review
from tests.unit.test_flags import case as make_case

pytestmark = pytest.mark.engines  # each store test on SQLite and on PostgreSQL

ENGLAND = load_profile("england")


def named(reference: str, doc: CaseDoc) -> CaseDoc:
    """`doc` as case `reference`, each attendee in contact with the children it has only."""
    data = doc.model_dump()
    keys = {c["key"] for c in data["children"]}
    for conf in data["conferences"]:
        for a in conf["attendees"]:
            a["direct_contact"] = [k for k in a["direct_contact"] if k in keys]
    return CaseDoc.model_validate({**data, "reference": reference})


def shared(key: str, agency: str, on: date) -> dict:
    return person(key, agency, report_shared_with_family=on)


UNBORN = child("c3", expected_birth_date=date(2026, 10, 1))


# fmt: off
def caseload() -> list[CaseDoc]:
    far_review = date(2027, 5, 20)  # reports due Mon 17 May; shared on the 19th: late, always
    return [
        # A review owed by Thu 3 Dec 2026, not booked.
        named("A-1", make_case(conference("icpc", date(2026, 9, 3)))),
        # A review owed by Tue 3 Nov 2026: overdue from the 4th.
        named("B-1", make_case(conference("icpc", date(2026, 8, 3)))),
        # Far ahead, so beyond any horizon: but a report was shared with the family too late.
        named("C-1", make_case(
            conference("rcpc", date(2026, 11, 26), kind="review"),
            review(far_review, attendees=[
                shared("sw", "childrens_social_care", date(2027, 5, 19)),
                shared("pol", "police", date(2027, 5, 1)),
                shared("hv", "health", date(2027, 5, 1))]),
        )),
        # No plan, so nothing owed, but an escalation never notified.
        named("D-1", make_case(conference("icpc", date(2026, 6, 1), decisions=[],
                                          escalation={"due_by": dt.datetime(2026, 6, 2, 9)}))),
        # No conference yet: an unborn child expected on Thu 1 Oct 2026.
        named("E-1", make_case(children=[*CHILDREN, UNBORN])),
        # Nothing at all.
        named("F-1", make_case()),
        # An initial conference booked for Fri 27 Nov 2026, and one in December.
        named("G-1", make_case(conference("icpc", date(2026, 11, 27), status="prepared"))),
        named("H-1", make_case(conference("icpc", date(2026, 12, 14), status="prepared"))),
    ]
# fmt: on


DAYS = [date(2026, 9, 1), date(2026, 10, 2), date(2026, 11, 2), date(2026, 11, 20),
        date(2026, 11, 26), date(2026, 11, 30), date(2026, 12, 3), date(2026, 12, 4),
        date(2026, 12, 31), date(2027, 5, 18), date(2027, 6, 1)]  # fmt: skip


def test_the_stores_count_is_the_rules_over_every_case(store: Store) -> None:
    docs = caseload()
    for doc in docs:
        store.import_case(doc.model_copy(deep=True))
    whole = [store.load_case(doc.reference) for doc in docs]
    seen = set()
    for today in DAYS:
        expected = count_month((case_due(d, ENGLAND, today) for d in whole if d), today)
        assert store.caseload_month(today) == expected, today
        seen |= {name for name, value in vars(expected).items() if value and name != "day"}
    # Every count had its chance on some day.
    assert seen >= {"week_conferences", "month_conferences", "week_reviews", "month_reviews",
                    "overdue_reviews", "reports_late", "escalations", "births"}  # fmt: skip


def test_a_change_moves_the_count(store: Store) -> None:
    today = date(2026, 12, 1)  # a Tuesday
    store.import_case(caseload()[0])  # review owed by Thu 3 Dec
    assert store.caseload_month(today) == date_counts(today, week_reviews=1, month_reviews=1)
    # Booked for tomorrow, the review is in hand; the invitations carried over from the
    # last conference have no report shared, and reports were due on Thu 26 Nov.
    store.add_conference("A-1", kind="review", date=date(2026, 12, 2))
    assert store.caseload_month(today) == date_counts(
        today, week_conferences=1, month_conferences=1, reports_late=1
    )
