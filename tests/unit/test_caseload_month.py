"""The caseload's month (rules/month.py), every date worked out by hand (England and Wales).

- a week is Monday to Sunday; the week and the month are counted from today on;
- initial conference Tue 21 Jan 2025: first review within 3 months -> Mon 21 Apr 2025, Easter
  Monday, brought back over Good Friday to Thu 17 Apr: due in the week of Mon 14 Apr, not the
  week after;
- initial conference Mon 2 Dec 2024: first review by Sun 2 Mar 2025, brought back to Fri 28 Feb:
  due in February, not March; seen on Wed 26 Feb, the week runs to Sun 2 Mar, the month to
  Fri 28 Feb;
- initial conference Thu 3 Sep 2026: first review by Thu 3 Dec 2026 (test_flags.py).
"""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from cpchair.caseio.schema import CaseDoc
from cpchair.caseload_rows import MonthCounts
from cpchair.caseload_view import month_groups, month_lines, month_text
from cpchair.rules.flags import case_flags, review_due_by
from cpchair.rules.month import (
    case_due,
    count_month,
    horizon,
    month_end,
    reports_reach,
    week_end,
)
from cpchair.rules.profiles import load_profile, profile_names
from cpchair.rules.timescales import timescales
from tests.unit.test_flags import INQUORATE, child, conference, person, review
from tests.unit.test_flags import case as make_case

ENGLAND = load_profile("england")
EASTER_ICPC = date(2025, 1, 21)
EASTER_DUE = date(2025, 4, 17)
FEB_ICPC = date(2024, 12, 2)
FEB_DUE = date(2025, 2, 28)


def count(today: date, *cases: CaseDoc) -> MonthCounts:
    return count_month((case_due(c, ENGLAND, today) for c in cases), today)


def icpc_on(day: date, *more: dict) -> CaseDoc:
    return make_case(conference("icpc", day), *more)


def booked(day: date) -> dict:
    """A review booked for `day`, with no one invited yet (no reports to be late)."""
    return review(day, attendees=[])


# --- the week and the month -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "sunday", "last"),
    [
        (date(2025, 4, 14), date(2025, 4, 20), date(2025, 4, 30)),  # a Monday
        (date(2025, 4, 20), date(2025, 4, 20), date(2025, 4, 30)),  # a Sunday: its own week's end
        (date(2025, 2, 26), date(2025, 3, 2), date(2025, 2, 28)),  # a week across the month's end
        (date(2024, 2, 29), date(2024, 3, 3), date(2024, 2, 29)),  # a leap day
        (date(2025, 12, 31), date(2026, 1, 4), date(2025, 12, 31)),  # across the year's end
    ],
)
def test_the_week_is_monday_to_sunday_and_the_month_its_calendar_month(
    today: date, sunday: date, last: date
) -> None:
    assert week_end(today) == sunday and week_end(today).weekday() == 6
    assert month_end(today) == last


# --- reviews, by the flags' own rules -----------------------------------------------------------


def test_a_review_brought_back_over_easter_falls_due_this_week() -> None:
    doc = icpc_on(EASTER_ICPC)
    assert review_due_by(doc, ENGLAND) == EASTER_DUE
    monday = date(2025, 4, 14)
    assert count(monday, doc) == MonthCounts(monday, week_reviews=1, month_reviews=1)
    # The week before, it is due this month but not this week.
    before = date(2025, 4, 13)
    assert count(before, doc) == MonthCounts(before, month_reviews=1)
    # On its due day it is still due, the day after it is overdue, as the flags say.
    assert count(EASTER_DUE, doc).week_reviews == 1
    after = EASTER_DUE + dt.timedelta(days=1)
    assert count(after, doc) == MonthCounts(after, overdue_reviews=1)
    assert [f.code for f in case_flags(doc, ENGLAND, after)] == ["review_overdue"]


def test_a_review_brought_back_to_february_is_this_week_and_this_month() -> None:
    doc = icpc_on(FEB_ICPC)
    assert review_due_by(doc, ENGLAND) == FEB_DUE
    wednesday = date(2025, 2, 26)
    assert count(wednesday, doc) == MonthCounts(wednesday, week_reviews=1, month_reviews=1)


def test_a_week_into_the_next_month_counts_in_this_month_too() -> None:
    """This month never holds fewer than this week: on Wednesday 26 February, Saturday
    1 March's conference is this week, so it is this month's too."""
    saturday = date(2025, 3, 1)
    doc = icpc_on(FEB_ICPC, booked(saturday))
    # Booked after Fri 28 Feb, so too late: the review is still owed by Friday.
    wednesday = date(2025, 2, 26)
    assert count(wednesday, doc) == MonthCounts(
        wednesday, week_conferences=1, week_reviews=1, month_conferences=1, month_reviews=1
    )
    # The week after, Monday 3 March starts March's own count: 1 March is past.
    assert count(date(2025, 3, 3), doc).month_conferences == 0


def test_a_review_booked_in_time_counts_as_its_conference_only() -> None:
    doc = icpc_on(FEB_ICPC, booked(date(2025, 2, 27)))
    wednesday = date(2025, 2, 26)
    assert count(wednesday, doc) == MonthCounts(wednesday, week_conferences=1, month_conferences=1)


def test_conferences_count_from_today_and_never_once_concluded() -> None:
    thursday = date(2026, 11, 26)
    doc = make_case(
        conference("icpc", date(2026, 9, 3)),
        review(date(2026, 11, 24)),  # Tuesday, not held: past, so not counted as to come
        review(thursday),  # today
        review(date(2026, 11, 29)),  # Sunday
        review(date(2026, 11, 30)),  # next Monday: this month only
        review(date(2026, 12, 1)),  # next month
    )
    got = count(thursday, doc)
    assert (got.week_conferences, got.month_conferences) == (2, 3)
    assert got.week_reviews == got.month_reviews == got.overdue_reviews == 0  # in hand


def test_no_plan_no_review_owed() -> None:
    doc = make_case(conference("icpc", FEB_ICPC, decisions=[]))
    assert count(date(2025, 2, 26), doc) == MonthCounts(date(2025, 2, 26))


# --- overdue: what the flags call so -------------------------------------------------------------


def test_overdue_counts_each_case_the_flags_name() -> None:
    today = date(2026, 11, 26)  # reports for a review that day were due Mon 23 Nov
    late = make_case(
        conference("icpc", date(2026, 9, 3)),
        review(today, attendees=[person("sw", "childrens_social_care",
                                        report_shared_with_family=None), *INQUORATE[1:]]),
    )  # fmt: skip
    escalated = make_case(
        conference("icpc", date(2026, 9, 3),
                   escalation={"due_by": dt.datetime(2026, 9, 4, 12, 0)}),
        review(date(2026, 11, 30)),
    )  # fmt: skip
    unborn = make_case(
        conference("icpc", date(2026, 9, 3)),
        review(date(2026, 11, 30)),
        children=[child("c1", date_of_birth=date(2017, 4, 18)),
                  child("c3", expected_birth_date=date(2026, 11, 20))],
    )  # fmt: skip
    owed = make_case(conference("icpc", date(2026, 8, 3)))  # review by Tue 3 Nov: overdue
    for doc, code in ((late, "reports_late"), (escalated, "escalation_owed"),
                      (unborn, "birth_to_record"), (owed, "review_overdue")):  # fmt: skip
        assert code in {f.code for f in case_flags(doc, ENGLAND, today)}
    got = count(today, late, escalated, unborn, owed, owed)
    assert (got.overdue_reviews, got.reports_late, got.escalations, got.births) == (2, 1, 1, 1)
    assert (got.week_conferences, got.month_conferences) == (1, 3)  # Mon 30 Nov: next week


# --- finding the cases in SQL: the horizon is never short ----------------------------------------


@pytest.mark.parametrize("name", profile_names())
def test_reports_fall_due_no_further_back_than_the_reach(name: str) -> None:
    """For every conference date over two years (Christmases, Easters) and every profile, its
    reports are due no more than `reports_reach` days before it: so a conference whose reports
    are late today is on or before the horizon the store reads up to."""
    profile = load_profile(name)
    reach = reports_reach(profile)
    day = date(2025, 1, 1)
    while day < date(2027, 1, 1):
        for kind in ("initial", "review"):
            for due in timescales(kind, day, profile):
                if due.key == "reports_due":
                    assert (day - due.date).days <= reach, (name, kind, day)
        day += dt.timedelta(days=1)
    today = date(2025, 4, 22)  # Easter Tuesday
    assert horizon(today, [profile]) >= today + dt.timedelta(days=reach)
    assert horizon(today, [profile]) >= month_end(today)


# --- the words -----------------------------------------------------------------------------------


FULL = MonthCounts(date(2026, 11, 26), 2, 1, 5, 3, 1, 2, 1, 1)


def test_the_line_reads_as_a_chair_would_say_it() -> None:
    assert month_groups(FULL, FULL.day) == [
        "This week: 2 conferences, 1 review due",
        "This month: 5 conferences, 3 reviews due",
        "Overdue: 1 review, late reports for 2 conferences, 1 escalation, 1 birth to record",
    ]
    assert month_groups(MonthCounts(FULL.day), FULL.day) == [
        "This week: nothing due", "This month: nothing due", "Overdue: none"]  # fmt: skip


def test_kept_from_an_earlier_day_it_says_so() -> None:
    kept = MonthCounts(date(2026, 11, 25), 1, pending=True)
    assert month_groups(kept, FULL.day)[-1] == "(counted Wed 25 Nov; counting again…)"
    changed = MonthCounts(FULL.day, 1, pending=True)
    assert month_groups(changed, FULL.day)[-1] == "(counting again…)"


def test_lines_break_between_parts_only() -> None:
    assert month_lines(["a", "b", "c"], 7) == ["a · b", "c"]
    assert month_lines(["a", "b", "c"], 9) == ["a · b · c"]
    assert month_lines(["a long part", "b"], 4) == ["a long part", "b"]  # the widget wraps it


def test_at_80_columns_the_line_takes_two_lines_in_fewer_words_if_it_must() -> None:
    many = MonthCounts(FULL.day, 12, 11, 15, 13, 10, 12, 11, 10)
    assert month_text(many, FULL.day, 78) == [  # 80 less the padding
        "Week: 12 conferences, 11 reviews due · Month: 15 conferences, 13 reviews due",
        "Overdue: 10 reviews, 12 reports, 11 escalations, 10 births",
    ]
    assert month_text(FULL, FULL.day, 78) == [
        "Week: 2 conferences, 1 review due · Month: 5 conferences, 3 reviews due",
        "Overdue: 1 review, 2 reports, 1 escalation, 1 birth",
    ]
    # Where the full words take two lines at most, they are used.
    assert month_text(MonthCounts(FULL.day), FULL.day, 78) == [
        "This week: nothing due · This month: nothing due · Overdue: none"]  # fmt: skip
    some = MonthCounts(FULL.day, 1, 0, 1, 0, 0, 1)
    assert month_text(some, FULL.day, 78) == [
        "This week: 1 conference · This month: 1 conference",
        "Overdue: late reports for 1 conference",
    ]
    assert month_text(FULL, FULL.day, 170) == [" · ".join(month_groups(FULL, FULL.day))]
