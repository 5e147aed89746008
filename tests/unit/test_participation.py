"""Participation, person by person (rules/participation.py): each rule with its source."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from cpchair.caseio.schema import CaseDoc, ConferenceDoc
from cpchair.rules.close import close_checklist
from cpchair.rules.participation import (
    Need,
    advocates_expected,
    is_family_interpreter,
    participation,
    views_expected,
)
from cpchair.rules.profiles import load_profile

ENGLAND = load_profile("england")
NO_AGES = dataclasses.replace(ENGLAND, views_from_age=None, advocate_from_age=None)


def case_of(data: dict[str, Any]) -> CaseDoc:
    return CaseDoc.model_validate_json(json.dumps(data))


def conf_of(case: CaseDoc, key: str = "icpc") -> ConferenceDoc:
    return next(c for c in case.conferences if c.key == key)


def needs(data: dict[str, Any], key: str = "icpc", profile: Any = ENGLAND) -> list[Need]:
    case = case_of(data)
    return list(participation(case, conf_of(case, key), profile))


def found(data: dict[str, Any], key: str = "icpc", profile: Any = ENGLAND) -> list[tuple]:
    return [(n.code, n.whose or n.attendee, n.must) for n in needs(data, key, profile)]


def icpc(data: dict[str, Any]) -> dict[str, Any]:
    return data["conferences"][0]


def attendee(data: dict[str, Any], key: str, conf: int = 0) -> dict[str, Any]:
    return next(a for a in data["conferences"][conf]["attendees"] if a["key"] == key)


def test_the_demo_initial_conference_has_everyone_taking_part(demo_data: dict) -> None:
    assert found(demo_data) == []


def test_messages_carry_no_case_data(demo_data: dict) -> None:
    people = demo_data["people"]
    people[0]["interpreter_language"] = "Polish"
    conf = icpc(demo_data)
    conf["views"] = []
    conf["views_not_given"] = []
    for a in conf["attendees"]:
        a["absence_reason"] = None
    conf["trigger_date"] = "2026-07-01"
    messages = " ".join(n.message for n in needs(demo_data))
    assert len(needs(demo_data)) >= 6
    for word in ("Jodie", "Liam", "Ruby", "Polish", "Hadley", "mum", "c1"):
        assert word not in messages


# --- views -------------------------------------------------------------------------------------


def test_a_parent_without_a_view_or_a_reason_is_a_must(demo_data: dict) -> None:
    """004: "No conference should go ahead without the views of children and their parents"."""
    conf = icpc(demo_data)
    conf["views"] = [v for v in conf["views"] if v["whose"] != "dad"]
    assert found(demo_data) == [("view_missing", "dad", True)]
    conf["views_not_given"].append({"whose": "dad", "reason": "Did not reply to letters"})
    assert found(demo_data) == []


def test_only_people_with_parental_responsibility_are_expected(demo_data: dict) -> None:
    """004: "both parents (in addition to a person with legal/parental responsibility ...)"."""
    conf = icpc(demo_data)
    conf["views"] = [v for v in conf["views"] if v["whose"] not in ("nan", "aunt")]
    assert found(demo_data) == []  # the grandmother and the aunt have no PR
    demo_data["people"][2]["parental_responsibility"] = True  # a special guardianship order
    assert found(demo_data) == [("view_missing", "nan", True)]


def test_a_subject_child_is_expected_from_the_profiles_age(demo_data: dict) -> None:
    """004: "from the age of 12 and above, a child should be offered such an opportunity"."""
    conf = icpc(demo_data)
    conf["views"] = [v for v in conf["views"] if v["whose"] != "c1"]
    conf["advocate_not_used"] = [{"child": "c1", "reason": "Offered; declined"}]
    ruby = demo_data["children"][0]
    ruby["date_of_birth"] = "2014-09-04"  # 11 on the conference day, 3 September 2026
    assert found(demo_data) == []
    ruby["date_of_birth"] = "2014-09-03"  # 12 that day
    assert found(demo_data) == [("view_missing", "c1", True)]
    assert found(demo_data, profile=NO_AGES) == []  # an area that names no age asks for none
    ruby["subject"] = False  # a child of the household, not a subject: not asked here
    assert found(demo_data) == []


def test_a_view_and_a_reason_why_not_for_the_same_person_is_worth_a_look(
    demo_data: dict,
) -> None:
    """004 asks for the views of children and parents, or why not: a view recorded beside a
    reason it was not given means one of the two is wrong, and the record would print both.
    Not a must: the view is there either way."""
    conf = icpc(demo_data)
    assert [v["whose"] for v in conf["views_not_given"]] == ["c2"]  # Mia is two
    conf["views"].append({"whose": "c2", "how": "social_worker", "summary": "Mia smiled"})
    conf["views_not_given"] += [{"whose": "mum", "reason": "Too upset to speak"},
                                {"whose": "mum", "reason": "Entered twice"}]  # fmt: skip
    assert found(demo_data) == [("view_and_why_not", "c2", False),
                                ("view_and_why_not", "mum", False)]  # fmt: skip
    (need,) = [n for n in needs(demo_data) if n.whose == "mum"]
    assert need.message == "A view is recorded, and also a reason why no view was given"
    for word in ("Mia", "Jodie", "upset", "smiled"):
        assert word not in need.message
    item = next(i for i in close_checklist(case_of(demo_data), "icpc", profile=ENGLAND)
                if i.code == "view_and_why_not")  # fmt: skip
    assert (item.stage, item.blocking, item.child) == ("opening", False, "c2")
    conf["views"] = [v for v in conf["views"] if v["whose"] not in ("c2", "mum")]
    assert found(demo_data) == []  # each has one or the other again (mum: her reason)


def test_the_expected_views_come_children_first(demo_data: dict) -> None:
    demo_data["children"][0]["date_of_birth"] = "2013-01-01"
    case = case_of(demo_data)
    assert views_expected(conf_of(case), case.children, case.people, ENGLAND) == (
        "c1", "mum", "dad",
    )  # fmt: skip


# --- advocates ---------------------------------------------------------------------------------


def test_an_advocate_is_offered_over_the_age_of_eight(demo_data: dict) -> None:
    """002: "Any children over the age of 8 should be offered the opportunity for their views
    to be represented via an independent advocate"."""
    case = case_of(demo_data)
    assert advocates_expected(conf_of(case), case.children, ENGLAND) == ("c1",)  # Ruby, 9
    demo_data["children"][0]["date_of_birth"] = "2017-09-04"  # 8 on the day
    case = case_of(demo_data)
    assert advocates_expected(conf_of(case), case.children, ENGLAND) == ()
    assert advocates_expected(conf_of(case), case.children, NO_AGES) == ()


def test_an_advocate_is_met_by_contact_a_view_or_a_reason(demo_data: dict) -> None:
    """002 (advocate offered); 003 names the "Child's Advocate" among those at the conference."""
    attendee(demo_data, "adv")["direct_contact"] = []
    assert found(demo_data) == []  # Ruby's view came through the advocate
    conf = icpc(demo_data)
    ruby_view = next(v for v in conf["views"] if v["whose"] == "c1")
    ruby_view["how"] = "social_worker"
    assert found(demo_data) == [("advocate_missing", "c1", False)]  # 002 says "should"
    conf["advocate_not_used"] = [{"child": "c1", "reason": "Offered; Ruby wanted Nan instead"}]
    assert found(demo_data) == []
    conf["advocate_not_used"] = []
    attendee(demo_data, "adv")["direct_contact"] = ["c1"]
    assert found(demo_data) == []


# --- interpreters ------------------------------------------------------------------------------


def test_a_parent_taking_part_needs_an_interpreter_present(demo_data: dict) -> None:
    """004: parents "for whom English is not a first language must be offered and provided
    with an interpreter, if required"."""
    demo_data["people"][0]["interpreter_language"] = "Polish"  # Jodie, present
    assert found(demo_data) == [("interpreter_missing", "mum", False)]
    conf = icpc(demo_data)
    conf["attendees"].append({
        "key": "int", "name": "Interpreter", "role": "Polish interpreter",
        "agency": "interpreter", "attendance": "present",
    })  # fmt: skip
    assert found(demo_data) == []
    conf["attendees"][-1]["attendance"] = "apologies"
    conf["attendees"][-1]["absence_reason"] = "Booked elsewhere"
    assert found(demo_data) == [("interpreter_missing", "mum", False)]


def test_no_interpreter_is_needed_by_someone_not_taking_part_in_the_room(
    demo_data: dict,
) -> None:
    demo_data["people"][0]["interpreter_language"] = "Polish"
    jodie = attendee(demo_data, "jodie")
    jodie["attendance"] = "apologies"
    jodie["absence_reason"] = "Unwell"
    conf = icpc(demo_data)
    next(v for v in conf["views"] if v["whose"] == "mum")["how"] = "written"
    assert found(demo_data) == []
    next(v for v in conf["views"] if v["whose"] == "mum")["how"] = "in_person"  # by video
    assert found(demo_data) == [("interpreter_missing", "mum", False)]


def test_a_child_giving_a_view_in_person_needs_an_interpreter(demo_data: dict) -> None:
    """004: "Those parents (and/or children) for whom English is not a first language"."""
    demo_data["children"][0]["interpreter_language"] = "British Sign Language"
    assert found(demo_data) == []  # Ruby's view came through her advocate
    next(v for v in icpc(demo_data)["views"] if v["whose"] == "c1")["how"] = "in_person"
    assert found(demo_data) == [("interpreter_missing", "c1", False)]


def test_more_languages_than_interpreters_is_worth_a_look(demo_data: dict) -> None:
    demo_data["people"][0]["interpreter_language"] = "Polish"
    demo_data["people"][1]["interpreter_language"] = "Romanian"
    icpc(demo_data)["attendees"].append({
        "key": "int", "name": "Interpreter", "role": "", "agency": "interpreter",
        "attendance": "present",
    })  # fmt: skip
    [need] = needs(demo_data)
    assert (need.code, need.must) == ("interpreters_too_few", False)
    assert need.message == "2 languages need interpreting and 1 interpreter is present"
    demo_data["people"][1]["interpreter_language"] = "polish"  # one language, however written
    assert found(demo_data) == []


def test_a_family_member_is_never_the_interpreter(demo_data: dict) -> None:
    """004: "A family member should not be expected to act as an interpreter of spoken or
    signed language"."""
    assert is_family_interpreter("interpreter", "nan")
    assert not is_family_interpreter("interpreter", None)
    assert not is_family_interpreter("family", "nan")
    attendee(demo_data, "carol")["agency"] = "interpreter"  # the schema alone lets it through
    assert found(demo_data) == [("family_interpreter", "carol", True)]


# --- absence and delay -------------------------------------------------------------------------


def test_every_absence_needs_a_reason(demo_data: dict) -> None:
    """004: "The Child Protection Manager must record the absence and the reasons for
    absence." A must for the child and parents; for a practitioner, worth a look."""
    attendee(demo_data, "gp")["absence_reason"] = None  # report only
    attendee(demo_data, "sarah")["absence_reason"] = "  "  # a supporter: apologies
    jodie = attendee(demo_data, "jodie")
    jodie["attendance"] = "absent"
    assert found(demo_data) == [
        ("absence_reason_missing", "gp", False),
        ("absence_reason_missing", "mum", True),
        ("absence_reason_missing", "aunt", False),
    ]
    jodie["absence_reason"] = "Did not come; phoned the chair to say she was unwell"
    assert [n.attendee for n in needs(demo_data)] == ["gp", "sarah"]


def test_a_late_initial_conference_needs_its_reason(demo_data: dict) -> None:
    """004: "If there is any delay, this must be reported ... (including reasons for the
    delay)"."""
    conf = icpc(demo_data)
    conf["trigger_date"] = "2026-07-01"  # 15 working days ran out in July
    [need] = needs(demo_data)
    assert (need.code, need.must) == ("late_reason_missing", True)
    conf["late_reason"] = "The police report was not ready"
    assert found(demo_data) == []
    conf["late_reason"] = None
    assert found(demo_data, profile=None) == []  # no profile: no due date to be late against


def test_a_late_review_is_worth_a_look(demo_data: dict) -> None:
    review = demo_data["conferences"][1]
    review["date"] = "2026-12-10"  # the plan set 26 November
    assert ("late_reason_missing", None, False) in found(demo_data, "rcpc1")
    review["late_reason"] = "The family asked to move it"
    assert ("late_reason_missing", None, False) not in found(demo_data, "rcpc1")


# --- the close checklist -----------------------------------------------------------------------


def test_participation_shows_at_the_opening_of_the_close_checklist(demo_data: dict) -> None:
    conf = icpc(demo_data)
    conf["views"] = [v for v in conf["views"] if v["whose"] != "mum"]
    attendee(demo_data, "gp")["absence_reason"] = None
    case = case_of(demo_data)
    items = {i.code: i for i in close_checklist(case, "icpc", profile=ENGLAND)}
    view, away = items["view_missing"], items["absence_reason_missing"]
    assert (view.stage, view.blocking, view.person, view.attendees) == (
        "opening", True, "mum", ("jodie",),
    )  # fmt: skip
    assert (away.stage, away.blocking, away.attendees) == ("opening", False, ("gp",))
