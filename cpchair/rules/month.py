"""The caseload's month: what falls due this week and this month, and what is overdue,
counted across every case by the same rules as the caseload's flags and due dates.

The week is Monday to Sunday (UK). Both the week and the month count from today on: a day
already past is either done or overdue, and overdue is counted on its own. In a week that
runs into the next month, "this month" runs to that Sunday too, so it never counts fewer
than "this week" (a chair reading "this week: 3, this month: 1" would not trust either).
Overdue is what the flags call so (flags.py): a review overdue, reports late to the family,
an escalation not yet notified, a birth to record.

The store (store/caseload.py) reads only the cases that could count, found in SQL on the
caseload's index with the slack it documents (`horizon`), and counts them here exactly.

Pure: cases, profiles and today in, counts out; nothing here names a person.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cpchair.caseio.schema import CaseDoc
from cpchair.caseload_rows import MonthCounts
from cpchair.rules.flags import case_flags, review_owing
from cpchair.rules.profiles import Profile, Rule

# The flags that make a case overdue, and the count each adds to.
OVERDUE = {
    "review_overdue": "overdue_reviews",
    "reports_late": "reports_late",
    "escalation_owed": "escalations",
    "birth_to_record": "births",
}


def week_end(today: date) -> date:
    """The Sunday of today's week (Monday to Sunday)."""
    return today + timedelta(days=6 - today.weekday())


def month_end(today: date) -> date:
    return today.replace(day=calendar.monthrange(today.year, today.month)[1])


@dataclass(frozen=True)
class CaseDue:
    """What one case owes, as the month counts it."""

    conferences: tuple[date, ...]  # booked, not concluded, from today on
    review: date | None  # owed by this date, not yet booked in time (flags.review_owing)
    overdue: frozenset[str]  # the flags' codes in OVERDUE


def case_due(case: CaseDoc, profile: Profile, today: date) -> CaseDue:
    owing = review_owing(case, profile, today)
    codes = {f.code for f in case_flags(case, profile, today)}
    return CaseDue(
        conferences=tuple(
            c.date for c in case.conferences if c.status != "concluded" and c.date >= today
        ),
        review=owing[0] if owing is not None else None,
        overdue=frozenset(codes & OVERDUE.keys()),
    )


def count_month(dues: Iterable[CaseDue], today: date) -> MonthCounts:
    week = week_end(today)
    month = max(month_end(today), week)  # this week is always part of what "this month" holds
    week_conferences = week_reviews = month_conferences = month_reviews = 0
    overdue = dict.fromkeys(OVERDUE.values(), 0)
    for due in dues:
        week_conferences += sum(today <= d <= week for d in due.conferences)
        month_conferences += sum(today <= d <= month for d in due.conferences)
        if due.review is not None and due.review >= today:
            week_reviews += due.review <= week
            month_reviews += due.review <= month
        for code in due.overdue:
            overdue[OVERDUE[code]] += 1
    return MonthCounts(
        today,
        week_conferences=week_conferences,
        week_reviews=week_reviews,
        month_conferences=month_conferences,
        month_reviews=month_reviews,
        overdue_reviews=overdue["overdue_reviews"],
        reports_late=overdue["reports_late"],
        escalations=overdue["escalations"],
        births=overdue["births"],
    )


# --- finding the cases that could count, cheaply -------------------------------------------


def _span(rule: Rule | None) -> int:
    """At most how many calendar days `rule`'s period reaches back from a date, with the
    move to the working day before a weekend or bank holiday: generous, never short."""
    if rule is None:
        return 0
    amount, unit = rule.period.amount, rule.period.unit
    days = {
        "working_days": amount * 7 // 5 + 2,  # whole weeks, and a weekend across the rest
        "days": amount,
        "weeks": amount * 7,
        "months": amount * 31,
        "hours": amount // 24 + 1,
    }[unit]
    return days + 7  # bank holidays: never more than 4 days together in the UK; kept wide


def reports_reach(profile: Profile) -> int:
    """Calendar days before a conference that its reports can fall due, at most: a report is
    late (not shared and its due date past) only for a conference within this of today."""
    return max(_span(profile.reports_before_initial), _span(profile.reports_before_review))


def horizon(today: date, profiles: Iterable[Profile]) -> date:
    """The latest `first_due` (store/index.py) a case can have and still count: a conference
    or a review by the end of the week or the month, or an upcoming conference close enough
    for its reports to be late. `first_due` is never later than the rules have a review due,
    nor than the next conference, so every case that counts has it on or before this date.
    Cases that count whatever their dates (a report shared late, an escalation, a birth to
    record) the store finds by those facts."""
    reach = max((reports_reach(p) for p in profiles), default=0)
    return max(week_end(today), month_end(today), today + timedelta(days=reach))


__all__ = [
    "OVERDUE",
    "CaseDue",
    "case_due",
    "count_month",
    "horizon",
    "month_end",
    "reports_reach",
    "week_end",
]
