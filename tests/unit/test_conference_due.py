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
DAY = date(2026, 11, 26)  # the day of the demo review


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


def _review_set_for(case: CaseDoc, on: date) -> CaseDoc:
    first = case.conferences[0]
    assert first.plan is not None
    plan = first.plan.model_copy(update={"review_conference": on})
    return case.model_copy(
        update={"conferences": [first.model_copy(update={"plan": plan}), *case.conferences[1:]]}
    )


def test_a_review_date_set_past_the_limit_does_not_move_it() -> None:
    """Set for Thu 10 Dec 2026, but 3 months after Thu 3 Sep 2026 is Thu 3 Dec: due Thu 3."""
    case = _review_set_for(DEMO, date(2026, 12, 10))
    due = conference_due(case, "review", date(2026, 12, 10), ENGLAND)
    assert due.due_by == date(2026, 12, 3)
    assert due.late and due.days_late == 7
    assert due.dues[0].rule == (
        "the latest next review after the last initial conference (england); "
        "the later date the plan set does not move it"
    )
    earlier = conference_due(_review_set_for(DEMO, date(2026, 11, 19)), "review", DAY, ENGLAND)
    assert earlier.due_by == date(2026, 11, 19)
    assert earlier.dues[0].rule == "the review date the plan set at the last initial conference"


def test_a_pre_birth_conference_uses_the_strategy_discussion_too() -> None:
    """Baby expected Sat 20 Feb 2027: 28 weeks is Fri 27 Nov 2026. A strategy discussion on
    Mon 30 Nov, after it: 15 working days later, Mon 21 Dec 2026; never before it."""
    after = conference_due(
        DEMO, "pre_birth", date(2026, 12, 14), ENGLAND, trigger=date(2026, 11, 30)
    )
    assert after.due_by == date(2026, 12, 21)
    before = conference_due(
        DEMO, "pre_birth", date(2026, 11, 27), ENGLAND, trigger=date(2026, 11, 2)
    )
    assert before.due_by == date(2026, 11, 27)


def test_without_either_date_the_chair_is_told_what_to_give() -> None:
    unborn_unknown = DEMO.model_copy(
        update={
            "children": [
                c.model_copy(update={"expected_birth_date": None}) if c.unborn else c
                for c in DEMO.children
            ]
        }
    )
    due = conference_due(unborn_unknown, "pre_birth", DAY, ENGLAND)
    assert due.due_by is None
    assert due.unknown == (
        "Give the date of the strategy discussion, or an expected birth date for the unborn "
        "child, to see when it is due."
    )
    york = conference_due(DEMO, "transfer_in", DAY, load_profile("york"), trigger=DAY)
    assert york.due_by is None
    assert york.unknown == "This area's procedure sets no time for a transfer-in conference."


def test_the_standing_rules_come_with_the_dates() -> None:
    due = conference_due(DEMO, "review", DAY, ENGLAND)
    assert [s.key for s in due.standing] == [
        "later_core_groups",
        "outline_plan_to_parents",
        "record_to_family",
    ]
