"""When a conference is due, with the dates worked out by hand (England and Wales calendar).

The demo case dated for Thu 26 Nov 2026: an initial conference Thu 3 Sep 2026 (concluded, plans
made, its plan sets the review for Thu 26 Nov 2026) and a prepared review on Thu 26 Nov 2026.
- initial, strategy discussion Thu 13 Aug 2026: 15 working days, skipping the bank holiday
  Mon 31 Aug -> Fri 4 Sep 2026
- pre-birth, baby expected Sat 20 Feb 2027: 12 weeks before is Sat 28 Nov 2026, brought back to
  Fri 27 Nov 2026
- a review with no date set by the plan: 3 months after Thu 3 Sep 2026 -> Thu 3 Dec 2026
"""

from __future__ import annotations

from datetime import date

from cpchair.caseio.schema import CaseDoc
from cpchair.demo import demo_case
from cpchair.rules.conference_due import conference_due, default_kind, expected_birth
from cpchair.rules.profiles import load_profile

ENGLAND = load_profile("england")
DEMO = demo_case(date(2026, 11, 26))


def _without_plan_review_date(case: CaseDoc) -> CaseDoc:
    first = case.conferences[0]
    assert first.plan is not None
    plan = first.plan.model_copy(update={"review_conference": None})
    return case.model_copy(
        update={"conferences": [first.model_copy(update={"plan": plan}), *case.conferences[1:]]}
    )


def test_a_review_is_due_on_the_date_the_last_plan_set() -> None:
    due = conference_due(DEMO, "review", date(2026, 11, 26), ENGLAND)
    assert due.due_by == date(2026, 11, 26)
    assert due.dues[0].key == "conference_due"
    assert not due.late


def test_a_review_after_its_due_date_is_late_by_calendar_days() -> None:
    due = conference_due(DEMO, "review", date(2026, 12, 10), ENGLAND)
    assert due.late and due.days_late == 14


def test_without_a_date_in_the_plan_the_profile_gives_the_review_date() -> None:
    due = conference_due(_without_plan_review_date(DEMO), "review", date(2026, 12, 1), ENGLAND)
    assert due.due_by == date(2026, 12, 3)
    assert not due.late


def test_a_review_never_counts_from_itself_or_from_nothing() -> None:
    due = conference_due(DEMO, "review", date(2026, 12, 1), ENGLAND, exclude="icpc")
    assert due.due_by is None and due.unknown
    assert not due.late and due.days_late == 0


def test_an_initial_conference_counts_from_the_strategy_discussion() -> None:
    due = conference_due(DEMO, "initial", date(2026, 9, 7), ENGLAND, trigger=date(2026, 8, 13))
    assert due.due_by == date(2026, 9, 4)
    assert due.late and due.days_late == 3
    without = conference_due(DEMO, "initial", date(2026, 9, 7), ENGLAND)
    assert without.due_by is None and "strategy discussion" in without.unknown


def test_a_pre_birth_conference_counts_back_from_the_expected_birth() -> None:
    assert expected_birth(DEMO) == date(2027, 2, 20)
    due = conference_due(DEMO, "pre_birth", date(2026, 11, 27), ENGLAND)
    assert due.due_by == date(2026, 11, 27)
    assert not due.late


def test_the_first_conference_of_a_case_is_an_initial_one() -> None:
    assert default_kind(DEMO) == "review"
    assert default_kind(DEMO.model_copy(update={"conferences": []})) == "initial"
