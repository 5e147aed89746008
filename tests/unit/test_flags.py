"""Caseload flags, with every date worked out by hand (England and Wales calendar).

- initial conference Thu 3 Sep 2026: first review within 3 months -> Thu 3 Dec 2026
- review conference Thu 26 Nov 2026: next within 6 months -> Wed 26 May 2027
- pre-birth conference Thu 1 Oct 2026, baby expected Thu 5 Nov 2026: birth + 1 month is Sat 5 Dec,
  brought back to Fri 4 Dec; conference + 3 months is Fri 1 Jan 2027 (bank holiday), brought
  back to Thu 31 Dec. The sooner: Fri 4 Dec 2026
- the same baby born early on Thu 29 Oct 2026: + 1 month is Sun 29 Nov -> Fri 27 Nov 2026
- an unborn sibling expected Mon 16 Nov 2026 at the initial conference of Thu 3 Sep 2026:
  birth + 1 month is Wed 16 Dec, later than Thu 3 Dec; expected Mon 26 Oct 2026: + 1 month is
  Thu 26 Nov 2026, sooner than Thu 3 Dec
- reports for a review on Thu 26 Nov 2026: 3 working days before -> Mon 23 Nov
- reports for a review on Thu 10 Dec 2026: 3 working days before -> Mon 7 Dec
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from cpchair.caseio.schema import CaseDoc
from cpchair.rules.flags import (
    Flag,
    case_flags,
    last_concluded,
    next_conference,
    review_due_by,
)
from cpchair.rules.profiles import load_profile
from tests.builders import attendee

ENGLAND = load_profile("england")
ICPC_DATE = date(2026, 9, 3)
REVIEW_DUE = date(2026, 12, 3)


def child(key: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "first_name": key, "last_name": "Test", "subject": True, **extra}


CHILDREN = [
    child("c1", date_of_birth=date(2017, 4, 18)),
    child("c2", date_of_birth=date(2024, 7, 2)),
]
SHARED = date(2026, 9, 1)  # long before any conference below: reports always in time


def person(key: str, agency: str, **extra: Any) -> dict[str, Any]:
    usual = {
        "direct_contact": ["c1", "c2", "c3"],
        "report_received": SHARED,
        "report_shared_with_family": SHARED,
    }
    return attendee(key, agency, **(usual | extra))


QUORATE = [person("sw", "childrens_social_care"), person("pol", "police"), person("hv", "health")]
INQUORATE = [person("sw", "childrens_social_care"), person("hv", "health")]


def decided(outcome: str = "plan", children: tuple[str, ...] = ("c1", "c2")) -> list[dict]:
    categories = ["neglect"] if outcome == "plan" else []
    return [
        {"child": c, "outcome": outcome, "categories": categories, "method": "unanimous"}
        for c in children
    ]


def conference(
    key: str,
    on: date,
    status: str = "concluded",
    kind: str = "initial",
    attendees: list[dict] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": key,
        "kind": kind,
        "date": on,
        "chair": "Chair Person",
        "status": status,
        "attendees": QUORATE if attendees is None else attendees,
    }
    if status == "concluded":
        data["decisions"] = decided()
    return {**data, **extra}


def icpc(**extra: Any) -> dict[str, Any]:
    return conference("icpc", ICPC_DATE, **extra)


def review(on: date, status: str = "prepared", **extra: Any) -> dict[str, Any]:
    return conference(f"rcpc-{on}", on, status=status, kind="review", **extra)


def case(*conferences: dict[str, Any], children: list[dict] | None = None) -> CaseDoc:
    return CaseDoc.model_validate(
        {
            "format": "cpchair-case/1",
            "reference": "T-1",
            "family_name": "Test",
            "profile": "england",
            "lead_social_worker": {"name": "Social Worker"},
            "children": CHILDREN if children is None else children,
            "conferences": list(conferences),
        }
    )


def codes(doc: CaseDoc, today: date) -> list[str]:
    return [f.code for f in case_flags(doc, ENGLAND, today)]


# --- When the next review is due ------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "flags"),
    [
        (date(2026, 11, 18), ()),  # 15 days away: nothing yet
        (date(2026, 11, 19), (Flag("review_due_soon", "review due in 14 days"),)),
        (date(2026, 11, 27), (Flag("review_due_soon", "review due in 6 days"),)),
        (date(2026, 12, 2), (Flag("review_due_soon", "review due in 1 day"),)),
        (REVIEW_DUE, (Flag("review_due_soon", "review due today"),)),
        (date(2026, 12, 4), (Flag("review_overdue", "review overdue"),)),
        (date(2027, 3, 1), (Flag("review_overdue", "review overdue"),)),
    ],
)
def test_review_due_three_months_after_the_initial_conference(
    today: date, flags: tuple[Flag, ...]
) -> None:
    doc = case(icpc())
    assert review_due_by(doc, ENGLAND) == REVIEW_DUE
    assert case_flags(doc, ENGLAND, today) == flags


def test_the_review_date_the_plan_set_is_the_one_that_counts() -> None:
    plan = {"review_conference": date(2026, 11, 26)}
    doc = case(icpc(plan=plan))
    assert review_due_by(doc, ENGLAND) == date(2026, 11, 26)
    assert codes(doc, date(2026, 11, 11)) == []
    assert case_flags(doc, ENGLAND, date(2026, 11, 12)) == (
        Flag("review_due_soon", "review due in 14 days"),
    )
    assert codes(doc, date(2026, 11, 27)) == ["review_overdue"]


def test_a_plan_without_a_review_date_falls_back_to_the_profile() -> None:
    doc = case(icpc(plan={"outcomes": ["Ruby is safe at home"]}))
    assert review_due_by(doc, ENGLAND) == REVIEW_DUE


def test_no_review_is_owed_without_a_plan_in_force() -> None:
    for outcome in ("child_in_need", "no_further_action"):
        doc = case(icpc(decisions=decided(outcome)))
        assert review_due_by(doc, ENGLAND) is None
        assert codes(doc, date(2027, 3, 1)) == []


def test_a_plan_for_one_child_is_enough() -> None:
    decisions = decided("plan", ("c1",)) + decided("no_further_action", ("c2",))
    assert codes(case(icpc(decisions=decisions)), date(2026, 12, 4)) == ["review_overdue"]


def test_no_concluded_conference_means_no_review_flags() -> None:
    doc = case(conference("icpc", date(2026, 12, 10), status="prepared"))
    assert last_concluded(doc) is None
    assert review_due_by(doc, ENGLAND) is None
    assert codes(doc, date(2027, 3, 1)) == []


def test_later_reviews_are_six_months_apart() -> None:
    doc = case(icpc(), review(date(2026, 11, 26), status="concluded", decisions=decided()))
    assert last_concluded(doc).key == "rcpc-2026-11-26"
    assert review_due_by(doc, ENGLAND) == date(2027, 5, 26)
    assert codes(doc, date(2026, 12, 4)) == []
    assert codes(doc, date(2027, 5, 11)) == []
    assert codes(doc, date(2027, 5, 12)) == ["review_due_soon"]
    assert codes(doc, date(2027, 5, 27)) == ["review_overdue"]


def test_a_review_that_ends_the_plan_ends_the_review_flags() -> None:
    ended = review(date(2026, 11, 26), status="concluded", decisions=decided("child_in_need"))
    assert codes(case(icpc(), ended), date(2027, 6, 1)) == []


def test_pre_birth_review_is_counted_from_the_expected_birth_when_sooner() -> None:
    children = [child("c3", expected_birth_date=date(2026, 11, 5))]
    doc = case(conference("pb", date(2026, 10, 1), kind="pre_birth", decisions=decided(
        "plan", ("c3",))), children=children)  # fmt: skip
    assert review_due_by(doc, ENGLAND) == date(2026, 12, 4)
    # The expected date (Thu 5 Nov) has passed with no birth recorded: the chair is asked.
    birth = Flag("birth_to_record", "record the birth")
    assert case_flags(doc, ENGLAND, date(2026, 11, 19)) == (birth,)
    assert case_flags(doc, ENGLAND, date(2026, 11, 20)) == (
        Flag("review_due_soon", "review due in 14 days"),
        birth,
    )
    assert case_flags(doc, ENGLAND, date(2026, 12, 4)) == (
        Flag("review_due_soon", "review due today"),
        birth,
    )
    # Counted from the conference alone it would be Thu 31 Dec, not yet overdue.
    assert codes(doc, date(2026, 12, 5)) == ["review_overdue", "birth_to_record"]


def test_pre_birth_review_follows_the_real_birth_once_the_baby_is_born() -> None:
    children = [child("c3", date_of_birth=date(2026, 10, 29))]
    doc = case(conference("pb", date(2026, 10, 1), kind="pre_birth", decisions=decided(
        "plan", ("c3",))), children=children)  # fmt: skip
    assert review_due_by(doc, ENGLAND) == date(2026, 11, 27)


def test_an_unborn_child_at_any_conference_brings_the_review_to_a_month_after_the_birth() -> None:
    """004: "within 1 month of the child's birth or within 3 months of the date of the
    pre-birth conference, whichever is sooner"; the issue extends it to every kind of
    conference while a subject child is unborn."""
    late_baby = [*CHILDREN, child("c3", expected_birth_date=date(2026, 11, 16))]
    assert review_due_by(case(icpc(), children=late_baby), ENGLAND) == REVIEW_DUE
    early_baby = [*CHILDREN, child("c3", expected_birth_date=date(2026, 10, 26))]
    assert review_due_by(case(icpc(), children=early_baby), ENGLAND) == date(2026, 11, 26)
    not_subject = [*CHILDREN, child("c3", expected_birth_date=date(2026, 10, 26), subject=False)]
    assert review_due_by(case(icpc(), children=not_subject), ENGLAND) == REVIEW_DUE
    # An area whose procedure has no such rule (York's guide) keeps the 3 months.
    york = load_profile("york")
    assert york.first_review_after_birth is None
    assert review_due_by(case(icpc(), children=early_baby), york) == REVIEW_DUE


def test_a_review_date_set_past_the_limit_never_becomes_the_limit() -> None:
    doc = case(icpc(plan={"review_conference": date(2026, 12, 17)}))
    assert review_due_by(doc, ENGLAND) == REVIEW_DUE  # Thu 3 Dec, not the 17th
    assert codes(doc, date(2026, 12, 4)) == ["review_overdue"]


# --- The birth to record ----------------------------------------------------------------------


def test_the_birth_is_asked_for_once_the_expected_date_has_passed() -> None:
    expected = date(2027, 2, 20)
    unborn = [*CHILDREN, child("c3", expected_birth_date=expected)]
    doc = case(children=unborn)
    assert codes(doc, expected) == []  # the day itself: not yet
    assert case_flags(doc, ENGLAND, date(2027, 2, 21)) == (
        Flag("birth_to_record", "record the birth"),
    )
    born = [*CHILDREN, child("c3", date_of_birth=date(2027, 2, 19), expected_birth_date=expected)]
    assert codes(case(children=born), date(2027, 3, 1)) == []
    other = [*CHILDREN, child("c3", expected_birth_date=expected, subject=False)]
    assert codes(case(children=other), date(2027, 3, 1)) == []


# --- A review already arranged or held ------------------------------------------------------


@pytest.mark.parametrize("on", [date(2026, 11, 26), REVIEW_DUE])
def test_a_review_booked_by_its_due_date_raises_nothing(on: date) -> None:
    doc = case(icpc(), review(on))
    for today in (date(2026, 11, 19), date(2026, 11, 23), on):
        assert codes(doc, today) == []


def test_a_review_booked_after_its_due_date_is_flagged() -> None:
    doc = case(icpc(), review(date(2026, 12, 10)))
    assert case_flags(doc, ENGLAND, date(2026, 11, 25)) == (
        Flag("review_due_soon", "review due in 8 days"),
        Flag("review_late", "review set too late"),
    )
    assert codes(doc, date(2026, 11, 1)) == ["review_late"]
    assert codes(doc, date(2026, 12, 4)) == ["review_overdue", "review_late"]


def test_a_booked_review_whose_day_passed_without_being_held_is_overdue() -> None:
    doc = case(icpc(), review(date(2026, 12, 1)))
    assert codes(doc, date(2026, 12, 1)) == []
    assert codes(doc, date(2026, 12, 4)) == ["review_overdue"]


def test_a_review_being_held_raises_no_review_flag() -> None:
    doc = case(icpc(), review(date(2026, 12, 10), status="in_progress"))
    assert codes(doc, date(2026, 12, 10)) == []


# --- Reports for the next conference --------------------------------------------------------


def test_reports_late_for_the_next_conference() -> None:
    unshared = [*QUORATE[:2], person("hv", "health", report_shared_with_family=None)]
    doc = case(icpc(), review(date(2026, 11, 26), attendees=unshared))
    assert next_conference(doc).key == "rcpc-2026-11-26"
    assert codes(doc, date(2026, 11, 23)) == []  # the due day: still time
    assert case_flags(doc, ENGLAND, date(2026, 11, 24)) == (Flag("reports_late", "reports late"),)


def test_reports_shared_late_stay_flagged_until_the_conference_concludes() -> None:
    late = [*QUORATE[:2], person("hv", "health", report_shared_with_family=date(2026, 11, 24))]
    assert codes(case(icpc(), review(date(2026, 11, 26), attendees=late)), date(2026, 11, 24)) == [
        "reports_late"
    ]
    held = review(date(2026, 11, 26), status="concluded", attendees=late, decisions=decided())
    assert "reports_late" not in codes(case(icpc(), held), date(2026, 11, 27))


def test_reports_late_looks_only_at_the_next_conference() -> None:
    late = [*QUORATE[:2], person("hv", "health", report_shared_with_family=None)]
    doc = case(icpc(attendees=late), review(date(2026, 11, 26)))
    assert codes(doc, date(2026, 11, 24)) == []


# --- Quorum of the next conference ----------------------------------------------------------


def test_inquorate_next_conference_is_flagged() -> None:
    doc = case(icpc(), review(date(2026, 11, 26), attendees=INQUORATE))
    assert case_flags(doc, ENGLAND, date(2026, 11, 10)) == (Flag("inquorate_ahead", "inquorate"),)


def test_inquorate_with_the_chairs_reason_is_not_flagged() -> None:
    ahead = review(date(2026, 11, 26), attendees=INQUORATE, quorum_override="Police report only")
    assert codes(case(icpc(), ahead), date(2026, 11, 10)) == []


def test_a_quorate_or_concluded_conference_raises_no_quorum_flag() -> None:
    assert codes(case(icpc(), review(date(2026, 11, 26))), date(2026, 11, 10)) == []
    assert codes(case(icpc(attendees=INQUORATE)), date(2026, 11, 10)) == []


def test_inquorate_first_conference_with_nothing_concluded() -> None:
    doc = case(conference("icpc", date(2026, 12, 10), status="prepared", attendees=INQUORATE))
    assert codes(doc, date(2026, 12, 1)) == ["inquorate_ahead"]


# --- Escalation -----------------------------------------------------------------------------


def test_escalation_owed_until_notified() -> None:
    due_by = datetime(2026, 9, 4, 12, 0)
    owed = case(icpc(escalation={"due_by": due_by}))
    done = case(icpc(escalation={"due_by": due_by, "notified_at": datetime(2026, 9, 3, 15, 30)}))
    assert case_flags(owed, ENGLAND, date(2026, 9, 10)) == (
        Flag("escalation_owed", "escalation owed"),
    )
    assert codes(done, date(2026, 9, 10)) == []


# --- Everything at once ---------------------------------------------------------------------


def test_flags_come_in_a_stable_order() -> None:
    attendees = [person(a["key"], a["agency"], report_shared_with_family=None) for a in INQUORATE]
    doc = case(
        icpc(escalation={"due_by": datetime(2026, 9, 4, 12, 0)}),
        review(date(2026, 12, 10), attendees=attendees),
    )
    assert case_flags(doc, ENGLAND, date(2026, 12, 8)) == (
        Flag("review_overdue", "review overdue"),
        Flag("review_late", "review set too late"),
        Flag("reports_late", "reports late"),
        Flag("inquorate_ahead", "inquorate"),
        Flag("escalation_owed", "escalation owed"),
    )


def test_flag_texts_never_name_people() -> None:
    attendees = [person(a["key"], a["agency"], report_shared_with_family=None) for a in INQUORATE]
    doc = case(icpc(), review(date(2026, 12, 10), attendees=attendees))
    for flag in case_flags(doc, ENGLAND, date(2026, 12, 8)):
        assert "Named Person" not in flag.text
        assert "c1" not in flag.text
