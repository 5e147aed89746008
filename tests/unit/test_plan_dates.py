"""The plan's dates: due dates worked out by hand (England and Wales calendar), and lateness.

The demo case dated for Thu 26 Nov 2026: an initial conference on Thu 3 Sep 2026 and a review
on Thu 26 Nov 2026. By hand:
- after the initial: first visit 2 working days -> Mon 7 Sep; first core group 10 working days
  -> Thu 17 Sep; first review 3 months -> Thu 3 Dec 2026;
- after the review: first core group 28 days -> Thu 24 Dec 2026 (Christmas Day is the day
  after); next review 6 months -> Wed 26 May 2027, but the baby (c3, still unborn) is
  expected Sat 20 Feb 2027 and + 1 month is Sat 20 Mar -> Fri 19 Mar 2027, sooner; no first
  visit is due;
- transfer-in on Thu 26 Nov 2026: first visit Mon 30 Nov, first core group Thu 10 Dec (10
  working days), review 3 months -> Fri 26 Feb 2027;
- pre-birth on Fri 27 Nov 2026 with the baby expected Sun 10 Jan 2027: first visit Tue 1 Dec,
  first core group Fri 11 Dec; review the sooner of birth + 1 month (Wed 10 Feb 2027) and
  conference + 3 months (Sat 27 Feb, brought back to Fri 26 Feb): Wed 10 Feb 2027.
"""

from __future__ import annotations

from datetime import date

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.demo import demo_case
from cpchair.rules.plan_dates import PlanDate, dates_to_fill, days_late, plan_dates
from cpchair.rules.profiles import load_profile

ENGLAND = load_profile("england")
DEMO = demo_case(date(2026, 11, 26))


def dues(case: CaseDoc, conf: ConferenceDoc) -> dict[str, date | None]:
    return {d.field: d.due for d in plan_dates(case, conf, ENGLAND)}


def conf(key: str) -> ConferenceDoc:
    return next(c for c in DEMO.conferences if c.key == key)


def as_kind(kind: str, on: date) -> ConferenceDoc:
    return conf("rcpc1").model_copy(update={"kind": kind, "date": on, "plan": None})


def test_after_an_initial_conference() -> None:
    assert dues(DEMO, conf("icpc")) == {
        "first_core_group": date(2026, 9, 17),
        "first_visit": date(2026, 9, 7),
        "review_conference": date(2026, 12, 3),
    }


def test_after_a_review_no_first_visit_is_due() -> None:
    dates = plan_dates(DEMO, conf("rcpc1"), ENGLAND)
    assert [(d.field, d.due) for d in dates] == [
        ("first_core_group", date(2026, 12, 24)),
        ("first_visit", None),
        ("review_conference", date(2027, 3, 19)),  # a month after the expected birth
    ]
    visit = dates[1]
    assert "No first visit is due" in visit.rule
    assert "28 days after the review conference" in dates[0].rule


def test_after_a_transfer_in() -> None:
    assert dues(DEMO, as_kind("transfer_in", date(2026, 11, 26))) == {
        "first_core_group": date(2026, 12, 10),
        "first_visit": date(2026, 11, 30),
        "review_conference": date(2027, 2, 26),
    }


def _expecting(case: CaseDoc, on: date) -> CaseDoc:
    kids = [
        c.model_copy(update={"expected_birth_date": on}) if c.expected_birth_date else c
        for c in case.children
    ]
    return case.model_copy(update={"children": kids})


def test_pre_birth_counts_the_review_from_the_expected_birth() -> None:
    case = _expecting(DEMO, date(2027, 1, 10))
    dates = plan_dates(case, as_kind("pre_birth", date(2026, 11, 27)), ENGLAND)
    assert {d.field: d.due for d in dates} == {
        "first_core_group": date(2026, 12, 11),
        "first_visit": date(2026, 12, 1),
        "review_conference": date(2027, 2, 10),
    }
    assert "expected birth date" in dates[2].rule


def test_pre_birth_with_a_later_birth_counts_from_the_conference() -> None:
    # Expected Sat 20 Feb 2027: birth + 1 month is Fri 19 Mar, later than Fri 26 Feb.
    dates = dues(DEMO, as_kind("pre_birth", date(2026, 11, 27)))
    assert dates["review_conference"] == date(2027, 2, 26)


def test_dates_set_are_read_from_the_plan_and_lateness_counted() -> None:
    icpc = conf("icpc")  # set for Thu 26 Nov, due Thu 3 Dec: on time
    by_field = {d.field: d for d in plan_dates(DEMO, icpc, ENGLAND)}
    assert by_field["review_conference"].set == date(2026, 11, 26)
    assert not by_field["review_conference"].late
    assert plan_dates(DEMO, conf("rcpc1"), ENGLAND)[0].set is None  # carried forward: no dates

    assert icpc.plan is not None
    late_plan = icpc.plan.model_copy(update={"first_core_group": date(2026, 9, 21)})
    late = plan_dates(DEMO, icpc.model_copy(update={"plan": late_plan}), ENGLAND)[0]
    assert (late.late, late.days_late) == (True, 4)  # Thu 17 Sep -> Mon 21 Sep


def test_days_late() -> None:
    due = date(2026, 12, 24)
    assert days_late(date(2026, 12, 24), due) == 0
    assert days_late(date(2026, 12, 1), due) == 0
    assert days_late(date(2026, 12, 29), due) == 5
    assert days_late(None, due) == 0
    assert days_late(date(2026, 12, 29), None) == 0
    assert not PlanDate("first_visit", "First visit", None, "", date(2027, 1, 1)).late


def test_only_empty_dates_with_a_due_date_are_filled() -> None:
    dates = plan_dates(DEMO, conf("rcpc1"), ENGLAND)
    assert dates_to_fill(dates) == {
        "first_core_group": date(2026, 12, 24),
        "review_conference": date(2027, 3, 19),
    }
    assert dates_to_fill(plan_dates(DEMO, conf("icpc"), ENGLAND)) == {}  # all set already


def test_a_date_set_late_never_becomes_the_limit() -> None:
    icpc = conf("icpc")
    assert icpc.plan is not None
    late_plan = icpc.plan.model_copy(update={"review_conference": date(2026, 12, 10)})
    review = plan_dates(DEMO, icpc.model_copy(update={"plan": late_plan}), ENGLAND)[2]
    assert (review.set, review.due) == (date(2026, 12, 10), date(2026, 12, 3))
    assert review.due_by == date(2026, 12, 3)  # the earlier of the two
    early_plan = icpc.plan.model_copy(update={"review_conference": date(2026, 11, 26)})
    review = plan_dates(DEMO, icpc.model_copy(update={"plan": early_plan}), ENGLAND)[2]
    assert review.due_by == date(2026, 11, 26)
    unset = PlanDate("first_visit", "First visit", date(2026, 9, 7), "", None)
    assert unset.due_by == date(2026, 9, 7)


def _inquorate(conference: ConferenceDoc) -> ConferenceDoc:
    """Health and early years send apologies: Mia (c2) is left with the police alone."""
    attendees = [
        a.model_copy(update={"attendance": "apologies"}) if a.key in ("hv", "nur") else a
        for a in conference.attendees
    ]
    return conference.model_copy(
        update={"attendees": attendees, "quorum_override": "Delay would harm the children."}
    )


def test_after_an_inquorate_conference_the_review_is_early() -> None:
    """004: "Where an inquorate conference is held, an early review conference should be
    arranged": before the usual limit (Thu 3 Dec 2026), not on it."""
    icpc = _inquorate(conf("icpc"))
    assert icpc.plan is not None
    review = plan_dates(DEMO, icpc, ENGLAND)[2]
    assert review.early and review.due == date(2026, 12, 3)
    assert review.rule.startswith("early review: held without a quorum, so before the usual")
    assert review.set == date(2026, 11, 26) and not review.late
    on_the_limit = icpc.model_copy(
        update={"plan": icpc.plan.model_copy(update={"review_conference": date(2026, 12, 3)})}
    )
    review = plan_dates(DEMO, on_the_limit, ENGLAND)[2]
    assert (review.late, review.days_late) == (True, 1)
    # F7 leaves an early review to the chair: the limit itself would be too late.
    unset = icpc.model_copy(
        update={"plan": icpc.plan.model_copy(update={"review_conference": None})}
    )
    assert "review_conference" not in dates_to_fill(plan_dates(DEMO, unset, ENGLAND))
    # The other dates are not early.
    assert [d.early for d in plan_dates(DEMO, unset, ENGLAND)] == [False, False, True]


def test_a_date_the_area_sets_no_time_for() -> None:
    """004 sets no time for the first child protection visit (002 does)."""
    visit = plan_dates(DEMO, conf("icpc"), load_profile("derbyshire"))[1]
    assert visit.due is None
    assert visit.rule == "This area's procedure sets no time for it."
    assert not visit.late
